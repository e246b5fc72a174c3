import { existsSync, readdirSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { loadTrace, type TracePeriod } from '../../packages/toolkit/src/serve/index';
import { REPO_ROOT } from '../lib/sample-title';

export const CORPUS_TRACES_DIR = resolve(REPO_ROOT, '../shared/corpus/traces');

/**
 * Default traces, picked with `--list-traces` (statistics over the first 60 s, the part a
 * default session plays through): the ladder is 0.33–8.4 Mbps, so a trace is interesting when it
 * moves across that range. 3G: two whose mean is mid-ladder (1.5–4 Mbps) with dips or short
 * outages; 4G (all means ≥ 14 Mbps, above the top rung): the two spending the most time under
 * the top rung's bitrate, both with outages.
 */
export const DEFAULT_TRACES: readonly string[] = [
  // 3G, 2.6 Mbps mean, steady 2.4 Mbps then a 2 s outage at 34 s, then ~4.4 Mbps
  'sabre-3g/report.2010-09-29_1827CEST.json',
  // 3G, 1.9 Mbps mean, 0.8–2.7 Mbps with dips (min 0.25 Mbps)
  'sabre-3g/report.2011-02-14_2124CET.json',
  // 4G, 13.9 Mbps mean, 50% of the time under 8.4 Mbps: falls to ~3 Mbps at 17 s, 11 s outage at 38 s
  'sabre-4g/report_bicycle_0002.json',
  // 4G, 17.2 Mbps mean, slow start (1.9 Mbps, 0), dips to 7–10 Mbps, 2 s outage at 44 s
  'sabre-4g/report_car_0008.json',
];

export interface BenchTrace {
  /** Name as given (corpus-relative) or the file name. */
  name: string;
  path: string;
  /** '3G', '4G' or 'other', from the corpus directory. */
  set: string;
  periods: TracePeriod[];
}

export function resolveTracePath(spec: string): string {
  if (isAbsolute(spec) || existsSync(spec)) return resolve(spec);
  return resolve(CORPUS_TRACES_DIR, spec);
}

export async function loadBenchTraces(specs: readonly string[]): Promise<BenchTrace[]> {
  const traces: BenchTrace[] = [];
  for (const spec of specs) {
    const path = resolveTracePath(spec);
    const set = /3g/i.test(path) ? '3G' : /4g/i.test(path) ? '4G' : 'other';
    traces.push({ name: spec.includes('/') && !isAbsolute(spec) ? spec : basename(path), path, set, periods: await loadTrace(path) });
  }
  return traces;
}

export interface TraceWindowStats {
  meanKbps: number;
  minKbps: number;
  /** Share of the window under `thresholdKbps`. */
  shareBelow: (thresholdKbps: number) => number;
  latencyMs: number;
}

/** Statistics of the first `windowMs` of a trace (looped like the server does). */
export function traceWindowStats(periods: readonly TracePeriod[], windowMs: number): TraceWindowStats {
  const pieces: Array<{ ms: number; kbps: number }> = [];
  let t = 0;
  while (t < windowMs) {
    for (const p of periods) {
      const ms = Math.min(p.duration_ms, windowMs - t);
      if (ms <= 0) break;
      pieces.push({ ms, kbps: p.bandwidth_kbps });
      t += ms;
    }
  }
  const total = pieces.reduce((s, p) => s + p.ms, 0);
  return {
    meanKbps: pieces.reduce((s, p) => s + p.ms * p.kbps, 0) / total,
    minKbps: Math.min(...pieces.map((p) => p.kbps)),
    shareBelow: (threshold) => pieces.filter((p) => p.kbps < threshold).reduce((s, p) => s + p.ms, 0) / total,
    latencyMs: periods[0]?.latency_ms ?? 0,
  };
}

/** Every corpus trace with its window statistics (for `--list-traces`). */
export async function listCorpusTraces(windowMs: number, topKbps: number): Promise<string> {
  const lines: string[] = [`traces in ${CORPUS_TRACES_DIR}, first ${windowMs / 1000} s: mean / min Mbps, share under the top rung (${(topKbps / 1000).toFixed(1)} Mbps) and under 1 Mbps`];
  for (const dir of ['sabre-3g', 'sabre-4g']) {
    const files = readdirSync(resolve(CORPUS_TRACES_DIR, dir)).filter((f) => f.endsWith('.json')).sort();
    for (const file of files) {
      const spec = `${dir}/${file}`;
      const stats = traceWindowStats(await loadTrace(resolve(CORPUS_TRACES_DIR, spec)), windowMs);
      const mark = DEFAULT_TRACES.includes(spec) ? ' *default' : '';
      lines.push(
        `${spec.padEnd(46)} mean ${(stats.meanKbps / 1000).toFixed(2).padStart(6)}  min ${(stats.minKbps / 1000).toFixed(2).padStart(6)}  ` +
          `<top ${(stats.shareBelow(topKbps) * 100).toFixed(0).padStart(3)}%  <1M ${(stats.shareBelow(1000) * 100).toFixed(0).padStart(3)}%  rtt ${stats.latencyMs} ms${mark}`,
      );
    }
  }
  return lines.join('\n');
}
