import { describe, expect, it } from 'vitest';
import { AbrInputError, parseSabreVideo, parseTrace } from '@tessera/abr/sim';

describe('parseTrace', () => {
  it('reads the corpus JSON periods', () => {
    const trace = parseTrace('[{"duration_ms": 1000, "bandwidth_kbps": 1500, "latency_ms": 20}, {"duration_ms": 500, "bandwidth_kbps": 0, "latency_ms": 20}]', { name: 't.json' });
    expect(trace).toEqual({ name: 't.json', periods: [{ durationMs: 1000, bandwidthKbps: 1500, latencyMs: 20 }, { durationMs: 500, bandwidthKbps: 0, latencyMs: 20 }] });
  });

  it("reads Pensieve's two-column text (s, Mbps) with a default latency", () => {
    const trace = parseTrace('0.0 1.5\n1.0\t2.0\n\n# comment\n2.5 0.5\n', { defaultLatencyMs: 80 });
    expect(trace.periods).toEqual([
      { durationMs: 1000, bandwidthKbps: 1500, latencyMs: 80 },
      { durationMs: 1500, bandwidthKbps: 2000, latencyMs: 80 },
      { durationMs: 1250, bandwidthKbps: 500, latencyMs: 80 },
    ]);
  });

  it.each([
    ['', /the file is empty/],
    ['{"periods": []}', /expected a JSON array/],
    ['[]', /no periods/],
    ['[{"duration_ms": 1000, "bandwidth_kbps": -5}]', /period 0: bandwidth_kbps must be a number >= 0/],
    ['0 1\n0 2\n', /line 2: time 0 does not increase/],
    ['0 1 \n1 -2', /line 2: negative throughput/],
  ])('rejects %j with a typed one-line error', (text, message) => {
    expect(() => parseTrace(text, { name: 'x' })).toThrow(AbrInputError);
    expect(() => parseTrace(text, { name: 'x' })).toThrow(message);
  });
});

describe('parseSabreVideo', () => {
  it('reads sizes in bits into bytes and sorts the ladder by bitrate', () => {
    const video = parseSabreVideo(JSON.stringify({ segment_duration_ms: 4000, bitrates_kbps: [1000, 300], segment_sizes_bits: [[4_000_000, 1_200_000], [3_800_000, 1_100_000]] }));
    expect(video.representations.map((r) => r.bandwidthBps)).toEqual([300_000, 1_000_000]);
    expect(video.segmentSizesBytes).toEqual([[150_000, 500_000], [137_500, 475_000]]);
    expect(video.segmentDurationsSeconds).toEqual([4, 4]);
  });

  it('rejects a zero or negative size', () => {
    expect(() => parseSabreVideo(JSON.stringify({ segment_duration_ms: 4000, bitrates_kbps: [300], segment_sizes_bits: [[0]] }), 'v.json')).toThrow(
      'v.json: segment 0, representation 0: size must be a positive number',
    );
  });
});
