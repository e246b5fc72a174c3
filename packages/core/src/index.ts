/**
 * @tessera/core — the playback engine and the contracts plugins implement.
 */
export * from './errors';
export type * from './model';
export type * from './abr-api';
export * from './plugins';
export { TypedEmitter, type Listener } from './events/typed-emitter';
export { systemClock, type Clock, type TimerHandle } from './util/clock';

// Player
export { Player, type LoadSource } from './player/player';
export { DEFAULT_PLAYER_CONFIG, type PlayerConfig } from './player/player-config';
export type { PlayerEventMap } from './player/player-events';
export type { PlayerState } from './player/player-state';
export type { PlayerStats } from './player/player-stats';
export type { AudioTrackInfo, TextTrackInfo, VideoRepresentationInfo } from './player/player-tracks';

// Building blocks other packages and tools use
export { parseManifest, parseHlsMediaPlaylist } from './manifest';
export { parseWebVtt, type VttCue, type WebVttParseResult } from './text/webvtt';
export {
  NetworkEngine,
  type NetworkEngineOptions,
  type NetworkRequest,
  type NetworkResponse,
  type RequestHandle,
  type RequestFilter,
  type ResponseFilter,
} from './net';
export { getGlobalObject, decodeUtf8 } from './util/platform';
export { toHex, fromHex, encodeBase64, decodeBase64, encodeUtf8, concatBytes } from './util/bytes';
export type { TimeRange } from './media/time-ranges';
