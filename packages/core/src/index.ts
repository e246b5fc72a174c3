/**
 * @tessera/core — the playback engine and the contracts plugins implement.
 */
export * from './errors';
export type * from './model';
export type * from './abr-api';
export * from './plugins';
export { TypedEmitter, type Listener } from './events/typed-emitter';
export { systemClock, type Clock, type TimerHandle } from './util/clock';
