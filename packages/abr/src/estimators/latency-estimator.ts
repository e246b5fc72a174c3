import type { ThroughputSample } from '@tessera/core/abr-api';

export interface LatencyEstimatorOptions {
  /** Requests remembered (default 5). */
  windowSize?: number;
}

export interface LatencyEstimator {
  addSample(sample: ThroughputSample): void;
  /** Mean time to first byte of recent media requests (seconds), or undefined before any. */
  getEstimateSeconds(): number | undefined;
  reset(): void;
}

/**
 * Per-request latency (time to first byte) of recent media requests, tracked apart from bandwidth so that
 * a download-time prediction can be `rtt + bytes / bandwidth`: small segments on fast links are RTT-bound.
 */
export function createLatencyEstimator(options: LatencyEstimatorOptions = {}): LatencyEstimator {
  const windowSize = Math.max(1, Math.floor(options.windowSize ?? 5));
  let values: number[] = [];
  return {
    addSample(sample: ThroughputSample): void {
      if (sample.contentType !== 'video' && sample.contentType !== 'audio') return;
      if (!(sample.ttfbMs >= 0) || !(sample.ttfbMs <= sample.durationMs)) return;
      values.push(sample.ttfbMs / 1000);
      if (values.length > windowSize) values.shift();
    },
    getEstimateSeconds(): number | undefined {
      if (values.length === 0) return undefined;
      let sum = 0;
      for (let i = 0; i < values.length; i++) sum += values[i]!;
      return sum / values.length;
    },
    reset(): void {
      values = [];
    },
  };
}
