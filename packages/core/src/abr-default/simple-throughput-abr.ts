import type { AbrAlgorithm, AbrContext, AbrDecision, ThroughputSample } from '../abr-api';

/**
 * Core's built-in ABR: a safety-factored EWMA throughput rule. Small on purpose; the
 * production algorithms (BBA, BOLA, MPC, hybrid) live in @tessera/abr and plug in the same way.
 */
export function createSimpleThroughputAbr(options: { defaultEstimateBps?: number; safety?: number; halfLifeSeconds?: number } = {}): AbrAlgorithm {
  const safety = options.safety ?? 0.8;
  const halfLife = options.halfLifeSeconds ?? 3;
  let estimate: number | undefined;
  let weight = 0;
  const defaultEstimate = options.defaultEstimateBps ?? 2_000_000;

  return {
    name: 'simple-throughput',
    addSample(sample: ThroughputSample): void {
      // Tiny or instant transfers say more about latency than bandwidth.
      if (sample.bytes < 16_000 || sample.durationMs <= 0) return;
      if (sample.contentType !== 'video' && sample.contentType !== 'audio') return;
      const seconds = sample.durationMs / 1000;
      const bps = (sample.bytes * 8) / seconds;
      const alpha = Math.pow(0.5, seconds / halfLife);
      estimate = estimate === undefined ? bps : alpha * estimate + (1 - alpha) * bps;
      weight += seconds;
    },
    choose(context: AbrContext): AbrDecision {
      const reps = context.representations;
      const budget = (estimate ?? defaultEstimate) * safety;
      let index = 0;
      for (let i = 0; i < reps.length; i++) {
        const r = reps[i]!;
        const capped =
          (context.caps.maxHeight !== undefined && (r.height ?? 0) > context.caps.maxHeight) ||
          (context.caps.maxWidth !== undefined && (r.width ?? 0) > context.caps.maxWidth) ||
          (context.caps.maxBandwidthBps !== undefined && r.bandwidthBps > context.caps.maxBandwidthBps);
        if (!capped && r.bandwidthBps <= budget) index = i;
      }
      return { index, reason: estimate === undefined ? 'startup' : 'throughput' };
    },
    getBandwidthEstimate(): number | undefined {
      return weight > 0 ? estimate : undefined;
    },
    reset(opts?: { keepEstimate?: boolean }): void {
      if (!opts?.keepEstimate) {
        estimate = undefined;
        weight = 0;
      }
    },
  };
}
