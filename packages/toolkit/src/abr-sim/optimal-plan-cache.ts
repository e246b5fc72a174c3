import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { NetworkTrace, SimVideo } from '@tessera/abr/sim';
import type { OptimalPlanCache } from './run-abr-sim';

/**
 * A JSON file of optimal plans keyed by a hash of (trace, video, player model), so a second run of
 * `tessera abr-sim --optimal-cache FILE` replays the plans instead of solving the programme again.
 */
export async function openOptimalPlanCache(path: string, video: SimVideo, settings: object): Promise<OptimalPlanCache & { save(): Promise<void> }> {
  const text = await readFile(path, 'utf8').catch(() => '{}');
  let plans: Record<string, number[]> = {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) plans = parsed as Record<string, number[]>;
  } catch {
    // A corrupt cache is only a slower run.
  }
  const context = JSON.stringify([video, settings]);
  const key = (trace: NetworkTrace): string => createHash('sha256').update(context).update(JSON.stringify(trace.periods)).digest('hex').slice(0, 32);
  let dirty = false;
  return {
    get: (trace) => (Array.isArray(plans[key(trace)]) ? plans[key(trace)] : undefined),
    set(trace, plan) {
      plans[key(trace)] = plan;
      dirty = true;
    },
    async save() {
      if (dirty) await writeFile(path, JSON.stringify(plans) + '\n');
    },
  };
}
