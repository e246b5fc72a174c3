/**
 * Remaining time from the fraction done and the time spent so far, assuming
 * the rate so far holds. Undefined until there is something to extrapolate from.
 */
export function estimateEtaSeconds(fraction: number, elapsedSeconds: number): number | undefined {
  if (!(fraction > 0.005) || !(elapsedSeconds > 0.5)) return undefined;
  if (fraction >= 1) return 0;
  return (elapsedSeconds * (1 - fraction)) / fraction;
}

/** 83 -> '1:23', 3725 -> '1:02:05', undefined -> '--:--'. */
export function formatClock(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '--:--';
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const two = (n: number) => (n < 10 ? '0' : '') + n;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

export interface ProgressLine {
  label: string;
  fraction: number;
  elapsedSeconds: number;
  etaSeconds?: number;
}

/** One terminal line: 'encode movie      [########------------]  40%  0:12 ETA 0:18'. */
export function renderProgressBar(line: ProgressLine, barWidth = 24): string {
  const fraction = Math.min(1, Math.max(0, line.fraction));
  const filled = Math.round(fraction * barWidth);
  const percent = String(Math.floor(fraction * 100)).padStart(3);
  const label = line.label.length > 28 ? line.label.slice(0, 27) + '…' : line.label.padEnd(28);
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${percent}%  ${formatClock(line.elapsedSeconds)} ETA ${formatClock(line.etaSeconds)}`;
}
