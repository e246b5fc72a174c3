import type { AbrAlgorithm } from '@tessera/core/abr-api';
import { createBbaAbr } from './bba-abr';
import { createBolaAbr } from './bola-abr';
import { createHybridAbr } from './hybrid-abr';
import { createRobustMpcAbr } from './robust-mpc-abr';
import { createThroughputAbr } from './throughput-abr';

/** The built-in algorithms by name, with their default options (the simulator CLI runs these). */
export const ABR_ALGORITHMS = {
  hybrid: () => createHybridAbr(),
  'robust-mpc': () => createRobustMpcAbr(),
  bola: () => createBolaAbr(),
  bba: () => createBbaAbr(),
  throughput: () => createThroughputAbr(),
} as const;

export type AbrAlgorithmName = keyof typeof ABR_ALGORITHMS;

/** A fresh instance of a built-in algorithm by name (each session needs its own state). */
export function createAbrAlgorithm(name: AbrAlgorithmName): AbrAlgorithm {
  return ABR_ALGORITHMS[name]();
}
