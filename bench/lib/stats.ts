/** Order statistics for noisy repeated measurements (the box is shared: medians, not means). */
export interface Summary {
  n: number;
  median: number;
  mean: number;
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary | undefined {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return undefined;
  const mid = finite.length >> 1;
  const median = finite.length % 2 === 1 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
  const mean = finite.reduce((sum, v) => sum + v, 0) / finite.length;
  return { n: finite.length, median, mean, min: finite[0]!, max: finite[finite.length - 1]! };
}

export function median(values: readonly number[]): number | undefined {
  return summarize(values)?.median;
}

export function mean(values: readonly number[]): number | undefined {
  return summarize(values)?.mean;
}
