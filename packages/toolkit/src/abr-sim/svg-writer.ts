/** A tiny SVG writer: enough for line and bar charts, with escaping, and no dependency. */

export type SvgAttributes = Record<string, string | number | undefined>;

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** One element; children are already-rendered markup. */
export function svgElement(name: string, attributes: SvgAttributes, children: string[] = []): string {
  let out = `<${name}`;
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    out += ` ${key}="${escapeXml(typeof value === 'number' ? formatNumber(value) : value)}"`;
  }
  return children.length === 0 ? `${out}/>` : `${out}>${children.join('')}</${name}>`;
}

export function svgText(x: number, y: number, text: string, attributes: SvgAttributes = {}): string {
  return svgElement('text', { x, y, 'font-family': 'sans-serif', 'font-size': 11, ...attributes }, [escapeXml(text)]);
}

/** A polyline through points already in pixel coordinates. */
export function svgPolyline(points: ReadonlyArray<readonly [number, number]>, attributes: SvgAttributes): string {
  const coords = points.map(([x, y]) => `${formatNumber(x)},${formatNumber(y)}`).join(' ');
  return svgElement('polyline', { points: coords, fill: 'none', ...attributes });
}

export function svgDocument(width: number, height: number, children: string[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    svgElement('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}` }, [
      svgElement('rect', { x: 0, y: 0, width, height, fill: 'white' }),
      ...children,
    ]) +
    '\n'
  );
}

/** Rounds to 0.01 so files stay small and diffs stable. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A linear scale from a data domain to a pixel range. */
export function linearScale(domainMin: number, domainMax: number, rangeMin: number, rangeMax: number): (value: number) => number {
  const span = domainMax - domainMin || 1;
  return (value) => rangeMin + ((value - domainMin) / span) * (rangeMax - rangeMin);
}

/** About `count` round tick values covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const span = max - min;
  if (!(span > 0)) return [min];
  const raw = span / count;
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Math.round(v / step) * step);
  return ticks;
}
