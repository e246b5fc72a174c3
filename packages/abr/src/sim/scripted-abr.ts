import type { AbrAlgorithm } from '@tessera/core/abr-api';

/** An algorithm that plays a fixed rung sequence: replays the optimum's plan, enumerates plans in tests. */
export function createScriptedAbr(plan: readonly number[], name = 'scripted'): AbrAlgorithm {
  return {
    name,
    addSample(): void {},
    choose(context) {
      // Segments are chosen in order; the remaining count tells which one this is.
      const segment = plan.length - context.segmentsRemaining;
      return { index: plan[Math.max(0, Math.min(segment, plan.length - 1))]!, reason: 'scripted' };
    },
    getBandwidthEstimate: () => undefined,
  };
}
