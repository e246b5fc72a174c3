import type { Clock } from '@tessera/core';
import type { NetworkProfile } from './network-profile';
import { createRateTimeline, type RateTimeline } from './rate-timeline';

/** Something that sends bytes over the link: a response body. */
export interface LinkFlow {
  /** Bytes the flow could hand to its socket now; 0 while it waits for disk or for `drain`. */
  readyBytes(): number;
  /** Hands `bytes` (≤ readyBytes()) to the socket. */
  send(bytes: number): void;
}

export interface NetworkLinkOptions {
  clock?: Clock;
  /** Time slice of the shaper. 10 ms keeps 1 s throughput within ~1% at ~100 wake-ups/s. */
  tickMs?: number;
}

/** Node clock whose timers do not keep the process alive (a server's sockets do that). */
export const unrefClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, delayMs) => {
    const timer = setTimeout(callback, delayMs);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The emulated access link: ONE bottleneck shared by every response body attached to it,
 * like a home connection where two parallel downloads each get about half the rate.
 *
 * Every tick it computes how many bytes the link carried since the previous tick (from the
 * rate timeline, over the time that really elapsed) and splits them max-min fairly between
 * the flows that have bytes ready. Bytes are released at the end of the slice they were
 * "transmitted" in, so a transfer completes at ≈ size / rate, never earlier.
 * Without a profile the link is transparent: flows send whatever they have at once.
 */
export class NetworkLink {
  private readonly clock: Clock;
  private readonly tickMs: number;
  private readonly flows = new Set<LinkFlow>();
  private currentProfile: NetworkProfile | undefined;
  private timeline: RateTimeline | undefined;
  private profileStartedAt = 0;
  private lastTickAt = 0;
  /** Fractional or unusable bytes of the last slice, capped at one slice (a link cannot bank idle time). */
  private carryBytes = 0;
  private timer: unknown = undefined;
  private pumping = false;
  private pumpAgain = false;
  private closed = false;

  constructor(profile?: NetworkProfile, options: NetworkLinkOptions = {}) {
    this.clock = options.clock ?? unrefClock;
    this.tickMs = options.tickMs ?? 10;
    this.setProfile(profile);
  }

  get profile(): NetworkProfile | undefined {
    return this.currentProfile;
  }

  /** Replaces the emulation; the trace clock restarts at 0 now. In-flight bodies follow the new rate. */
  setProfile(profile: NetworkProfile | undefined): void {
    // Deliver what the old profile carried since the last slice, so a switch loses nothing.
    if (this.timer !== undefined) this.settle();
    this.currentProfile = profile;
    this.timeline = profile ? createRateTimeline(profile) : undefined;
    this.profileStartedAt = this.clock.now();
    this.lastTickAt = this.profileStartedAt;
    this.carryBytes = 0;
    this.stopTimer();
    this.wake();
  }

  /** Milliseconds since the profile was set (the position in a trace, before looping). */
  profileTimeMs(): number {
    return this.clock.now() - this.profileStartedAt;
  }

  /** Round-trip time a request arriving now waits before its response starts. */
  currentLatencyMs(): number {
    return this.timeline ? this.timeline.latencyMsAt(this.profileTimeMs()) : 0;
  }

  /** Current capacity, or undefined when the link is not emulated. */
  currentRateKbps(): number | undefined {
    return this.timeline?.rateKbpsAt(this.profileTimeMs());
  }

  get activeFlows(): number {
    return this.flows.size;
  }

  attach(flow: LinkFlow): void {
    if (this.closed) return;
    this.flows.add(flow);
    this.wake();
  }

  detach(flow: LinkFlow): void {
    this.flows.delete(flow);
  }

  /** A flow has new bytes ready (data read from disk, socket drained). */
  wake(): void {
    if (this.closed || this.flows.size === 0) return;
    if (!this.timeline) {
      this.pumpUnlimited();
    } else if (this.timer === undefined) {
      // The link was idle: start the slice now, so the first bytes leave one slice later.
      this.lastTickAt = this.clock.now();
      this.carryBytes = 0;
      this.timer = this.clock.setTimeout(this.tick, this.tickMs);
    }
  }

  /** Stops the shaper; attached flows are left to their owners (the server destroys the sockets). */
  close(): void {
    this.closed = true;
    this.stopTimer();
    this.flows.clear();
  }

  private stopTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    if (this.closed || !this.timeline) return;
    if (this.flows.size === 0) return; // idle: the next attach restarts the slices
    this.settle();
    // wake() may already have re-armed the timer from inside a flow's send().
    if (this.flows.size > 0 && this.timer === undefined) this.timer = this.clock.setTimeout(this.tick, this.tickMs);
  };

  /** Grants the bytes the link carried between the last slice and now. */
  private settle(): void {
    if (!this.timeline) return;
    const now = this.clock.now();
    const budget =
      this.carryBytes +
      this.timeline.bitsBetween(this.lastTickAt - this.profileStartedAt, now - this.profileStartedAt) / 8;
    this.lastTickAt = now;
    const granted = this.distribute(Math.floor(budget));
    const sliceBytes = Math.max(1, (this.timeline.rateKbpsAt(now - this.profileStartedAt) * this.tickMs) / 8);
    this.carryBytes = Math.min(budget - granted, sliceBytes);
  }

  /** Max-min fair split of `budget` bytes between the flows with bytes ready; returns bytes granted. */
  private distribute(budget: number): number {
    if (budget <= 0) return 0;
    const demands: Array<{ flow: LinkFlow; want: number }> = [];
    for (const flow of this.flows) {
      const want = flow.readyBytes();
      if (want > 0) demands.push({ flow, want });
    }
    // Smallest demand first: a flow that needs less than its share leaves the rest to the others.
    demands.sort((a, b) => a.want - b.want);
    let remaining = budget;
    let granted = 0;
    for (let i = 0; i < demands.length; i++) {
      const { flow, want } = demands[i]!;
      const give = Math.min(want, Math.floor(remaining / (demands.length - i)));
      if (give <= 0) continue;
      remaining -= give;
      granted += give;
      flow.send(give);
    }
    return granted;
  }

  /** No emulation: pass everything through; flows stop by themselves on socket backpressure. */
  private pumpUnlimited(): void {
    if (this.pumping) {
      this.pumpAgain = true; // a flow woke us from inside send(): loop once more
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        for (const flow of [...this.flows]) {
          const want = flow.readyBytes();
          if (want > 0) flow.send(want);
        }
      } while (this.pumpAgain && !this.closed);
    } finally {
      this.pumping = false;
    }
  }
}
