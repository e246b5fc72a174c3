import { linearScale, niceTicks, svgDocument, svgElement, svgText } from './svg-writer';

export interface SummaryBar {
  algorithm: string;
  /** Mean QoE_lin as a fraction of the optimum's (or of the best algorithm's without the optimum). */
  ratio: number;
}

export interface SummaryGroup {
  traceSet: string;
  bars: SummaryBar[];
}

const COLORS = ['#1f6feb', '#d4a72c', '#2da44e', '#cf222e', '#8250df', '#57606a', '#bf3989'];

/** Grouped bar chart of QoE / optimum per algorithm, one group per trace set. */
export function renderSummaryChart(title: string, groups: readonly SummaryGroup[]): string {
  const algorithms = [...new Set(groups.flatMap((g) => g.bars.map((b) => b.algorithm)))];
  const width = Math.max(100 + algorithms.length * 120, 120 + groups.length * (algorithms.length * 34 + 40));
  const height = 340;
  const top = 40;
  const bottom = height - 70;
  const ratios = groups.flatMap((g) => g.bars.map((b) => b.ratio)).filter((r) => isFinite(r));
  const yMax = Math.max(1.05, ...ratios);
  const yMin = Math.min(0, ...ratios);
  const y = linearScale(yMin, yMax, bottom, top);
  const parts: string[] = [svgText(60, 22, title, { 'font-size': 14, 'font-weight': 'bold' })];
  for (const tick of niceTicks(yMin, yMax, 6)) {
    parts.push(svgElement('line', { x1: 60, x2: width - 20, y1: y(tick), y2: y(tick), stroke: tick === 1 ? '#cf222e' : '#eaeef2', 'stroke-dasharray': tick === 1 ? '4 3' : undefined }));
    parts.push(svgText(54, y(tick) + 4, `${Math.round(tick * 100)}%`, { 'text-anchor': 'end', 'font-size': 10 }));
  }
  let x = 80;
  for (const group of groups) {
    const groupStart = x;
    for (const bar of group.bars) {
      const color = COLORS[algorithms.indexOf(bar.algorithm) % COLORS.length]!;
      const value = isFinite(bar.ratio) ? bar.ratio : 0;
      const y0 = y(Math.max(0, value));
      parts.push(svgElement('rect', { x, y: y0, width: 28, height: Math.abs(y(value) - y(0)), fill: color }));
      parts.push(svgText(x + 14, Math.min(y0, y(0)) - 4, `${(value * 100).toFixed(0)}%`, { 'text-anchor': 'middle', 'font-size': 9 }));
      x += 34;
    }
    parts.push(svgText((groupStart + x - 6) / 2, bottom + 16, group.traceSet, { 'text-anchor': 'middle', 'font-size': 12 }));
    x += 40;
  }
  algorithms.forEach((name, i) => {
    const lx = 80 + i * 120;
    parts.push(svgElement('rect', { x: lx, y: height - 34, width: 12, height: 12, fill: COLORS[i % COLORS.length] }));
    parts.push(svgText(lx + 16, height - 24, name));
  });
  return svgDocument(width, height, parts);
}
