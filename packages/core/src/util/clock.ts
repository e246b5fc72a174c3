/**
 * Time is injected: logic never calls setTimeout/Date.now directly, so tests and the
 * simulator can drive it. `systemClock` is the browser/Node implementation.
 */
export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export type TimerHandle = unknown;

export const systemClock: Clock = {
  now: () => (typeof performance !== 'undefined' && performance.now ? performance.now() : Date.now()),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
