import { formatTable } from './format-table';
import type { AbrSimReport, AlgorithmSummary } from './run-abr-sim';

/** One table per trace set: the algorithms (and the optimum) with their mean figures. */
export function formatReportTables(report: AbrSimReport): string {
  const out: string[] = [];
  const v = report.video;
  out.push(
    `video ${v.name}: ${v.segments} segments of ${v.segmentDurationSeconds.toFixed(2)} s, ladder ${v.bitratesKbps.map((b) => Math.round(b)).join('/')} kbps; ` +
      `buffer cap ${report.settings.maxBufferSeconds} s, startup at ${report.settings.startupThresholdSeconds} s\n`,
  );
  for (const set of report.traceSets) {
    const row = (name: string, s: AlgorithmSummary): string[] => [
      name,
      s.meanQoeLin.toFixed(3),
      percent(s.ratioToOptimal, set.optimal !== undefined),
      percent(s.ratioToOptimalWherePositive, set.optimal !== undefined),
      `${(100 * s.rebufferRatio).toFixed(2)}%`,
      s.averageBitrateKbps.toFixed(0),
      s.switches.toFixed(1),
      s.startupDelaySeconds.toFixed(2),
      s.meanQoeLog.toFixed(3),
    ];
    const rows = Object.entries(set.algorithms).map(([name, summary]) => row(name, summary));
    if (set.optimal) rows.push(row('(optimal)', set.optimal));
    const positive = set.tracesWithPositiveOptimum === undefined ? '' : `; optimum > 0 on ${set.tracesWithPositiveOptimum}`;
    out.push(`\n${set.name} (${set.traceCount} traces${positive})\n`);
    out.push(formatTable(['algorithm', 'QoE_lin', 'of optimum', 'where opt>0', 'rebuffer', 'kbps', 'switches', 'startup s', 'QoE_log'], rows));
  }
  out.push('\n"of optimum": mean QoE_lin / the optimum\'s (n/a when the optimum\'s mean is not positive); "where opt>0": the same over the traces where the optimum is positive.');
  out.push(`\nQoE_lin per segment: bitrate Mbps - 4.3 x stall s (startup included) - |change| Mbps. Heuristics ${report.timing.heuristicsSeconds.toFixed(1)} s` +
    (report.settings.optimal ? `, optimum ${report.timing.optimalSeconds.toFixed(1)} s.\n` : '.\n'));
  return out.join('');
}

function percent(value: number | undefined, haveOptimum: boolean): string {
  if (value === undefined) return haveOptimum ? 'n/a' : '-';
  return `${(100 * value).toFixed(1)}%`;
}
