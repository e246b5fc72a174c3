import { describe, expect, it } from 'vitest';
import type { Presentation, Representation, Segment, SwitchingSet } from '@tessera/core';
import { AbrController } from '../../src/streaming/abr-controller';
import { StreamingEngine, type StreamingEngineListener } from '../../src/streaming/streaming-engine';
import type { SegmentFetcher, SegmentRequest } from '../../src/streaming/segment-fetcher';
import { QuotaExceeded, type MediaSourceEngine } from '../../src/media/media-source-engine';
import { TesseraError, ErrorCode } from '@tessera/core';
import { FakeClock } from '../support/fake-clock';

const SEGMENTS = 10;
const DURATION = 4;

function representation(id: string, bandwidth: number): Representation {
  const init = { urls: [`${id}/init.mp4`] };
  const segments: Segment[] = [];
  for (let i = 0; i < SEGMENTS; i++) {
    segments.push({ startTime: i * DURATION, endTime: (i + 1) * DURATION, urls: [`${id}/seg-${i + 1}.m4s`], init, number: i + 1, discontinuity: 0, timestampOffset: 0 });
  }
  return { id, bandwidth, mimeType: 'video/mp4', codecs: 'avc1.64001f', segmentIndex: [{ kind: 'segments', segments }], drm: [] };
}

/** Fake MSE: each appended media body is registered to the segment time range it holds. */
class FakeMse {
  ranges: Array<{ start: number; end: number }> = [];
  audioRanges: Array<{ start: number; end: number }> = [];
  appends: string[] = [];
  removes: Array<[number, number]> = [];
  aborts = 0;
  /** Media appends beyond this many buffered seconds throw QuotaExceeded (a browser limit below our budget). */
  quotaSeconds = Infinity;
  constructor(private readonly registry: Map<Uint8Array, { start: number; end: number; url: string }>) {}
  buffered(type = 'video') {
    const sorted = (type === 'audio' ? this.audioRanges : this.ranges).slice().sort((a, b) => a.start - b.start);
    const merged: Array<{ start: number; end: number }> = [];
    for (const r of sorted) {
      const last = merged[merged.length - 1];
      if (last && r.start <= last.end + 1e-6) last.end = Math.max(last.end, r.end);
      else merged.push({ ...r });
    }
    return merged;
  }
  append(type: string, data: Uint8Array) {
    const info = this.registry.get(data);
    const held = this.buffered(type).reduce((sum, r) => sum + (r.end - r.start), 0);
    if (info && held + (info.end - info.start) > this.quotaSeconds) return Promise.reject(new QuotaExceeded(type as 'video'));
    this.appends.push(info ? info.url : `init(${data.length})`);
    if (info) (type === 'audio' ? this.audioRanges : this.ranges).push({ start: info.start, end: info.end });
    return Promise.resolve();
  }
  remove(_type: string, start: number, end: number) {
    this.removes.push([start, end]);
    this.ranges = this.ranges
      .flatMap((r) => (r.end <= start || r.start >= end ? [r] : [{ start: r.start, end: Math.min(r.end, start) }, { start: Math.max(r.start, end), end: r.end }]))
      .filter((r) => r.end > r.start);
    return Promise.resolve();
  }
  setTimestampOffset() { return Promise.resolve(); }
  changeType() { return Promise.resolve(); }
  abortParser() { this.aborts++; return Promise.resolve(); }
}

/** Fake network: each request completes `latencyMs` later on the fake clock. */
class FakeFetcher implements SegmentFetcher {
  requests: Array<{ url: string; at: number; aborted: boolean }> = [];
  failUrls = new Set<string>();
  latencyMs = 100;
  latencyFor: ((url: string) => number) | undefined;
  constructor(private readonly clock: FakeClock, private readonly registry: Map<Uint8Array, { start: number; end: number; url: string }>, private readonly segmentsByUrl: Map<string, Segment>) {}
  fetch(request: SegmentRequest) {
    const url = request.urls[0]!;
    const record = { url, at: this.clock.now(), aborted: false };
    this.requests.push(record);
    let reject: (e: unknown) => void = () => {};
    const promise = new Promise<Uint8Array>((resolve, rej) => {
      reject = rej;
      this.clock.setTimeout(() => {
        if (record.aborted) return;
        if (this.failUrls.has(url)) {
          rej(new TesseraError(ErrorCode.BAD_HTTP_STATUS, 'recoverable', { url, status: 500 }));
          return;
        }
        const data = new Uint8Array(150_000);
        const segment = this.segmentsByUrl.get(url);
        if (segment) this.registry.set(data, { start: segment.startTime, end: segment.endTime, url });
        request.onData?.(data);
        resolve(data);
      }, this.latencyFor ? this.latencyFor(url) : this.latencyMs);
    });
    return {
      promise,
      abort: () => {
        record.aborted = true;
        reject(new TesseraError(ErrorCode.ABORTED, 'recoverable', { url }));
      },
    };
  }
  mediaRequests() {
    return this.requests.filter((r) => r.url.includes('seg-'));
  }
}

function setup(options: { goal?: number; budget?: number } = {}) {
  const clock = new FakeClock();
  const registry = new Map<Uint8Array, { start: number; end: number; url: string }>();
  const low = representation('low', 300_000);
  const high = representation('high', 3_000_000);
  const segmentsByUrl = new Map<string, Segment>();
  for (const r of [low, high]) for (const part of r.segmentIndex) if (part.kind === 'segments') for (const s of part.segments) segmentsByUrl.set(s.urls[0]!, s);
  const set: SwitchingSet = { id: 'v', type: 'video', mimeType: 'video/mp4', codecs: 'avc1.64001f', roles: [], isDefault: true, representations: [low, high], drm: [] };
  const audioRep = representation('aud', 128_000);
  for (const part of audioRep.segmentIndex) if (part.kind === 'segments') for (const seg of part.segments) segmentsByUrl.set(seg.urls[0]!, seg);
  const audioSet: SwitchingSet = { id: 'a', type: 'audio', mimeType: 'audio/mp4', codecs: 'mp4a.40.2', roles: [], isDefault: true, representations: [audioRep], drm: [] };
  const presentation: Presentation = {
    protocol: 'dash', url: 'http://x/manifest.mpd', duration: SEGMENTS * DURATION, periods: [], switchingSets: [set], drm: [], sessionData: [], iFrameStreams: [], locations: [], events: [], warnings: [],
  };
  const mse = new FakeMse(registry);
  const fetcher = new FakeFetcher(clock, registry, segmentsByUrl);
  // A fixed-estimate throughput rule: these tests are about scheduling, not ABR.
  const abr = new AbrController({
    name: 'fixed',
    addSample: () => {},
    choose: (ctx) => ({ index: ctx.representations.reduce((best, r, i) => (r.bandwidthBps <= 1_000_000 ? i : best), 0), reason: 'fixed' }),
    getBandwidthEstimate: () => 1_000_000,
  });
  abr.setRepresentations(set.representations);
  let playhead = 0;
  const events = { ended: 0, errors: [] as TesseraError[], switches: [] as string[] };
  const listener: StreamingEngineListener = {
    onRepresentationChange: (_t, r, _p, reason) => events.switches.push(`${r.id}:${reason}`),
    onInitAppended: () => {},
    onSegmentAppended: () => {},
    onAllEnded: () => events.ended++,
    onError: (e) => events.errors.push(e),
    onDurationKnown: () => {},
  };
  const engine = new StreamingEngine({
    presentation,
    clock,
    mse: mse as unknown as MediaSourceEngine,
    fetcher,
    appendGate: Promise.resolve(),
    abr,
    playhead: () => playhead,
    playbackRate: () => 1,
    isStarting: () => false,
    bufferGoalSeconds: () => options.goal ?? 12,
    budgetBytes: () => options.budget ?? 1e9,
    backBufferSeconds: () => 10,
    resolvePart: () => Promise.reject(new Error('unused')),
    mediaStartTime: () => 0,
    listener,
  });
  return { clock, mse, fetcher, engine, set, audioSet, abr, low, high, events, setPlayhead: (t: number) => (playhead = t) };
}

describe('stream scheduler', () => {
  it('fetches the init and the first segment in parallel, at a rung chosen from the estimate', async () => {
    const t = setup();
    t.engine.start({ video: t.set }, 0);
    await t.clock.advance(1);
    expect(t.fetcher.requests.map((r) => r.url)).toEqual(['low/init.mp4', 'low/seg-1.m4s']);
    expect(t.fetcher.requests[0]!.at).toBe(t.fetcher.requests[1]!.at);
    await t.clock.advance(150);
    expect(t.mse.appends.slice(0, 2)).toEqual(['init(150000)', 'low/seg-1.m4s']);
  });

  it('stops at the buffer goal and resumes as the playhead moves', async () => {
    const t = setup({ goal: 12 });
    t.engine.start({ video: t.set }, 0);
    await t.clock.advance(2000);
    expect(t.fetcher.mediaRequests().length).toBe(3); // 12 s goal = 3 segments
    t.setPlayhead(5);
    await t.clock.advance(1000);
    // 7 s left ahead: two more segments bring it back over 12 s.
    expect(t.fetcher.mediaRequests().length).toBe(5);
  });

  it('on seek aborts what is in flight and fetches the segment containing the target', async () => {
    const t = setup({ goal: 40 });
    t.engine.start({ video: t.set }, 0);
    await t.clock.advance(150); // init + seg-1 done, seg-2 in flight
    t.setPlayhead(21);
    t.engine.seek(21);
    await t.clock.advance(1);
    const inFlightBefore = t.fetcher.requests.find((r) => r.url.endsWith('seg-2.m4s'))!;
    expect(inFlightBefore.aborted).toBe(true);
    expect(t.fetcher.requests[t.fetcher.requests.length - 1]!.url).toMatch(/seg-6\.m4s$/);
    expect(t.mse.aborts).toBeGreaterThan(0);
  });

  it('ends at the last of several quick seeks', async () => {
    const t = setup({ goal: 8 });
    t.engine.start({ video: t.set }, 0);
    await t.clock.advance(50);
    for (const target of [10, 30, 17]) {
      t.setPlayhead(target);
      t.engine.seek(target);
      await t.clock.advance(5);
    }
    await t.clock.advance(1000);
    const appended = t.mse.appends.filter((a) => a.includes('seg-'));
    // Only segments at or after the last target (17 s → seg-5) are appended after the seeks.
    expect(appended[0]).toMatch(/seg-5\.m4s$/);
    expect(appended.some((a) => /seg-(3|8)\.m4s$/.test(a))).toBe(false);
  });

  it('signals the end of the stream once the last segment is in', async () => {
    const t = setup({ goal: 100 });
    t.engine.start({ video: t.set }, 0);
    await t.clock.advance(5000);
    expect(t.fetcher.mediaRequests().length).toBe(SEGMENTS);
    expect(t.events.ended).toBe(1);
  });

  it('retries a failing segment with backoff, then fails fatally', async () => {
    const t = setup({ goal: 100 });
    t.fetcher.failUrls.add('low/seg-2.m4s');
    t.engine.start({ video: t.set }, 0);
    await t.clock.advance(20_000);
    const attempts = t.fetcher.requests.filter((r) => r.url === 'low/seg-2.m4s').map((r) => r.at);
    expect(attempts.length).toBe(4);
    // Growing gaps between attempts (backoff).
    expect(attempts[2]! - attempts[1]!).toBeGreaterThan(attempts[1]! - attempts[0]!);
    expect(t.events.errors.filter((e) => e.severity === 'recoverable').length).toBe(3);
    expect(t.events.errors[t.events.errors.length - 1]!.severity).toBe('fatal');
  });

  it('evicts played media to stay within the byte budget', async () => {
    // 300 kbit/s × 4 s = 150 kB per segment estimate; budget 400 kB.
    const t = setup({ goal: 100, budget: 400_000 });
    t.engine.start({ video: t.set }, 0);
    await t.clock.advance(3000);
    t.setPlayhead(30);
    await t.clock.advance(3000);
    expect(t.mse.removes.length).toBeGreaterThan(0);
    expect(t.mse.removes.every(([, end]) => end <= 30)).toBe(true);
  });

  it('manual lock refetches ahead at the chosen rung', async () => {
    const t = setup({ goal: 12 });
    t.engine.start({ video: t.set }, 0);
    await t.clock.advance(2000);
    t.abr.setManual(t.high);
    t.engine.refetchAhead('video', 1);
    await t.clock.advance(2000);
    expect(t.mse.removes).toContainEqual([1, Infinity]);
    expect(t.fetcher.requests.some((r) => r.url === 'high/seg-1.m4s')).toBe(true);
    expect(t.events.switches).toContain('high:manual');
  });

  it('recovers from QuotaExceededError by evicting played media and shrinking the goal', async () => {
    const t = setup({ goal: 40 });
    t.mse.quotaSeconds = 16; // the "browser" holds 4 segments at most
    t.engine.start({ video: t.set }, 0);
    await t.clock.advance(3000);
    expect(t.mse.buffered()).toEqual([{ start: 0, end: 16 }]);
    // Playback moves on: played media is evicted and streaming continues under the limit.
    for (const playhead of [9, 17, 25]) {
      t.setPlayhead(playhead);
      await t.clock.advance(3000);
    }
    const held = t.mse.buffered().reduce((sum, r) => sum + (r.end - r.start), 0);
    expect(held).toBeLessThanOrEqual(16);
    expect(t.mse.buffered()[t.mse.buffered().length - 1]!.end).toBeGreaterThan(28);
    expect(t.events.errors.filter((e) => e.severity === 'fatal')).toEqual([]);
  });

  it('keeps audio within one segment of video, so a fast audio stream does not take the link at startup', async () => {
    const t = setup({ goal: 30 });
    t.fetcher.latencyFor = (url) => (url.startsWith('aud/') ? 10 : 1000);
    t.engine.start({ video: t.set, audio: t.audioSet }, 0);
    await t.clock.advance(900);
    const audio = () => t.fetcher.requests.filter((r) => r.url.startsWith('aud/seg-')).length;
    // Both first segments go out together; audio's second waits for video's first.
    expect(audio()).toBe(1);
    expect(t.fetcher.mediaRequests().filter((r) => !r.url.startsWith('aud/')).length).toBe(1);
    await t.clock.advance(200);
    expect(audio()).toBe(2);
    await t.clock.advance(10_000);
    expect(t.mse.buffered('audio')).toEqual([{ start: 0, end: 32 }]);
    expect(t.mse.buffered('video')).toEqual([{ start: 0, end: 32 }]);
  });
});
