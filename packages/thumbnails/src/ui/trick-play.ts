import { systemClock, type Clock, type TimerHandle } from '@tessera/core';

/** What trick play drives: the player's public API (see `trickPlayTarget`). */
export interface TrickPlayTarget {
  currentTime(): number;
  duration(): number;
  seek(time: number): void;
  pause(): void;
  play(): void;
  /** Trick play starts: e.g. lock the lowest rung, since every step is a seek that fetches a segment. */
  enter?(): void;
  /** Trick play stops, before the seek that resumes: undo `enter`. */
  leave?(): void;
}

export interface TrickPlayOptions {
  /** Wall-clock ms between two steps. Default 250. */
  stepMs?: number;
  clock?: Clock;
  /** After each step and on enter/exit: rate 0 means trick play is off. */
  onChange?(state: { rate: number; position: number }): void;
}

/** The speeds a remote's FF/RW keys cycle through. */
export const TRICK_PLAY_RATES = [2, 4, 8, 16, 32];

/**
 * I-frame fast-forward and rewind for TVs: the player is paused and, every step,
 * the position moves by rate × elapsed wall time and the player seeks to the
 * I-frame at or before it (so each shown picture decodes on its own and nothing
 * between is fetched but that segment). `exit()` (OK / Play) resumes there.
 * I-frame times come from the HLS I-frame playlist (see `loadIFrameTimes`).
 */
export class TrickPlay {
  private rateValue = 0;
  private positionValue = 0;
  private shown = -1;
  private timer: TimerHandle | undefined;
  private lastTickMs = 0;
  private readonly clock: Clock;

  constructor(private readonly target: TrickPlayTarget, private readonly iFrameTimes: ReadonlyArray<number>, private readonly options: TrickPlayOptions = {}) {
    this.clock = options.clock || systemClock;
  }

  /** Playback rate of the trick mode (negative: rewind), 0 when off. */
  get rate(): number {
    return this.rateValue;
  }

  get position(): number {
    return this.positionValue;
  }

  get available(): boolean {
    return this.iFrameTimes.length > 1;
  }

  /** Enter trick play at `rate` (±2..±32), or change its rate. 0 exits (without resuming). */
  setRate(rate: number): void {
    if (!this.available || !rate) {
      this.stop();
      return;
    }
    if (!this.rateValue) {
      this.positionValue = this.target.currentTime();
      this.shown = -1;
      this.target.pause();
      if (this.target.enter) this.target.enter();
      this.lastTickMs = this.clock.now();
      this.schedule();
    }
    this.rateValue = Math.max(-32, Math.min(32, rate));
    this.notify();
  }

  /** FF (direction 1) or RW (-1) pressed: start at 2×, then double up to 32×, then back to 2×; the other direction starts over. */
  faster(direction: 1 | -1): void {
    const current = this.rateValue * direction;
    const next = current > 0 ? TRICK_PLAY_RATES[(TRICK_PLAY_RATES.indexOf(current) + 1) % TRICK_PLAY_RATES.length]! : TRICK_PLAY_RATES[0]!;
    this.setRate(next * direction);
  }

  /** Leave trick play (OK / Play): seek to where it got and resume playback unless `resume` is false. */
  exit(resume = true): void {
    if (!this.rateValue) return;
    this.stop();
    this.target.seek(this.positionValue);
    if (resume) this.target.play();
  }

  destroy(): void {
    this.stop();
  }

  private stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const was = this.rateValue;
    this.rateValue = 0;
    if (was && this.target.leave) this.target.leave();
    if (was) this.notify();
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(() => this.step(), this.options.stepMs || 250);
  }

  private step(): void {
    const now = this.clock.now();
    const end = this.target.duration() || this.iFrameTimes[this.iFrameTimes.length - 1]!;
    const position = Math.max(0, Math.min(end, this.positionValue + (this.rateValue * (now - this.lastTickMs)) / 1000));
    this.lastTickMs = now;
    this.positionValue = position;
    const frame = iFrameAtOrBefore(this.iFrameTimes, position);
    if (frame !== this.shown) {
      this.shown = frame;
      this.target.seek(this.iFrameTimes[frame]!);
    }
    this.notify();
    // At either end there is nothing more to show: stay paused there until OK.
    if ((position <= 0 && this.rateValue < 0) || (position >= end && this.rateValue > 0)) this.timer = undefined;
    else this.schedule();
  }

  private notify(): void {
    if (this.options.onChange) this.options.onChange({ rate: this.rateValue, position: this.positionValue });
  }
}

/** Index of the last I-frame at or before `time` (binary search; 0 before the first). */
export function iFrameAtOrBefore(times: ReadonlyArray<number>, time: number): number {
  let low = 0;
  let high = times.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (times[mid]! <= time) low = mid;
    else high = mid - 1;
  }
  return low;
}
