import { describe, expect, it } from 'vitest';
import { NetworkLink, type LinkFlow } from '../../src/serve/index';
import { ManualClock } from './serve-test-helpers';

/** A flow with `available` bytes ready (Infinity = always more), recording what it sent. */
class FakeFlow implements LinkFlow {
  sent = 0;
  constructor(private available: number) {}
  readyBytes(): number {
    return Math.min(this.available, 1e9);
  }
  send(bytes: number): void {
    this.sent += bytes;
    this.available -= bytes;
  }
}

// 8000 kbit/s = 1000 bytes/ms: easy arithmetic.
const LINK = { kind: 'constant', rateKbps: 8000, rttMs: 25 } as const;

describe('NetworkLink', () => {
  it('releases rate × elapsed bytes, slice by slice', () => {
    const clock = new ManualClock();
    const link = new NetworkLink(LINK, { clock, tickMs: 10 });
    const flow = new FakeFlow(Infinity);
    link.attach(flow);
    expect(flow.sent).toBe(0); // bytes leave at the end of the slice they were transmitted in
    clock.advance(10);
    expect(flow.sent).toBe(10_000);
    clock.advance(990);
    expect(flow.sent).toBe(1_000_000);
    expect(link.currentLatencyMs()).toBe(25);
  });

  it('shares the bottleneck equally between concurrent flows', () => {
    const clock = new ManualClock();
    const link = new NetworkLink(LINK, { clock });
    const flows = [new FakeFlow(Infinity), new FakeFlow(Infinity), new FakeFlow(Infinity)];
    flows.forEach((flow) => link.attach(flow));
    clock.advance(600);
    for (const flow of flows) expect(flow.sent).toBeCloseTo(200_000, -2);
    expect(flows.reduce((sum, flow) => sum + flow.sent, 0)).toBeGreaterThan(599_990);
  });

  it('gives a small flow what it needs and the rest to the others (max-min fair)', () => {
    const clock = new ManualClock();
    const link = new NetworkLink(LINK, { clock });
    const small = new FakeFlow(50_000);
    const large = new FakeFlow(Infinity);
    link.attach(small);
    link.attach(large);
    clock.advance(100); // 100 kB carried: 50 kB each, and the small flow is done
    expect(small.sent).toBe(50_000);
    link.detach(small);
    clock.advance(100);
    expect(large.sent).toBe(150_000);
  });

  it('does not bank idle time, and follows a profile change immediately', () => {
    const clock = new ManualClock();
    const link = new NetworkLink(LINK, { clock });
    clock.advance(1000); // idle link
    const flow = new FakeFlow(Infinity);
    link.attach(flow);
    clock.advance(100);
    expect(flow.sent).toBe(100_000);
    link.setProfile({ kind: 'trace', trace: [{ duration_ms: 50, bandwidth_kbps: 0, latency_ms: 5 }, { duration_ms: 50, bandwidth_kbps: 800, latency_ms: 5 }] });
    clock.advance(50);
    expect(flow.sent).toBe(100_000); // outage period
    clock.advance(50);
    expect(flow.sent).toBe(105_000);
    link.setProfile(undefined); // no emulation: everything ready goes at once
    expect(flow.sent).toBe(105_000 + 1e9);
  });

  it('stops its timer when idle or closed', () => {
    const clock = new ManualClock();
    const link = new NetworkLink(LINK, { clock });
    const flow = new FakeFlow(5_000);
    link.attach(flow);
    clock.advance(20);
    link.detach(flow);
    clock.advance(20);
    expect((clock as unknown as { timers: unknown[] }).timers).toHaveLength(0);
    link.attach(new FakeFlow(Infinity));
    link.close();
    expect((clock as unknown as { timers: unknown[] }).timers).toHaveLength(0);
  });
});
