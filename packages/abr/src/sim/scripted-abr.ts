import type { AbrAlgorithm } from '@tessera/core/abr-api';

/**
 * An algorithm that plays a fixed rung sequence: replays the optimum's plan, enumerates plans in tests,
 * replays the rungs a browser session fetched. Plan entry k is segment k of the session; a plan shorter
 * than the title keeps its last rung to the end. One object per session (it counts from its first choice).
 */
export function createScriptedAbr(plan: readonly number[], name = 'scripted'): AbrAlgorithm {
  let total: number | undefined;
  return {
    name,
    addSample(): void {},
    choose(context) {
      // Segments are chosen in order: the remaining count, against the count at the first choice,
      // tells which one this is (the same count again for a refetch after abandonment).
      total ??= context.segmentsRemaining;
      const segment = total - context.segmentsRemaining;
      return { index: plan[Math.max(0, Math.min(segment, plan.length - 1))]!, reason: 'scripted' };
    },
    getBandwidthEstimate: () => undefined,
  };
}
