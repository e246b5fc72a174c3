import type { ThroughputSample } from '@tessera/core/abr-api';

/** A bandwidth estimator fed with transfer samples. Pure: time comes in through the samples. */
export interface ThroughputEstimator {
  addSample(sample: ThroughputSample): void;
  /** Estimated transfer bandwidth (bits per second, RTT excluded), or undefined before any usable sample. */
  getEstimate(): number | undefined;
  reset(): void;
}

export interface SampleFilterOptions {
  /** Transfers smaller than this say more about latency than bandwidth (default 16 KiB). */
  minBytes?: number;
  /** Transfers shorter than this (after the first byte) are timer noise (default 5 ms). */
  minTransferMs?: number;
}

const DEFAULT_MIN_BYTES = 16 * 1024;
const DEFAULT_MIN_TRANSFER_MS = 5;

/**
 * Transfer rate of a sample in bits per second, measured from the first byte to the last so that
 * the per-request RTT (tracked separately) does not pollute it; undefined for samples too small to trust
 * or of a kind whose timing includes server work (manifests, licences).
 */
export function sampleTransferBps(sample: ThroughputSample, options: SampleFilterOptions = {}): number | undefined {
  if (sample.contentType === 'manifest' || sample.contentType === 'license') return undefined;
  if (!(sample.bytes >= (options.minBytes ?? DEFAULT_MIN_BYTES))) return undefined;
  const transferMs = sample.durationMs - Math.max(0, Math.min(sample.ttfbMs, sample.durationMs));
  if (!(transferMs >= (options.minTransferMs ?? DEFAULT_MIN_TRANSFER_MS))) return undefined;
  return (sample.bytes * 8 * 1000) / transferMs;
}
