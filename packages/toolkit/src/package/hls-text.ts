/** Small formatting helpers shared by the HLS playlist writers (media, multivariant, I-frame). */

/** A quoted-string attribute value (RFC 8216 §4.2): no double quote, CR or LF inside. */
export function quoted(text: string): string {
  return `"${text.replace(/["\r\n]/g, "'")}"`;
}

/** A decimal-floating-point duration, trailing zeros trimmed ('4', '3.99'). */
export function seconds(value: number): string {
  return String(Math.round(value * 100000) / 100000);
}

/** The URL of `target` relative to the directory of `from` (both relative to the title root). */
export function relativeTo(from: string, target: string): string {
  const fromParts = from.split('/').slice(0, -1);
  const targetParts = target.split('/');
  let common = 0;
  while (common < fromParts.length && common < targetParts.length - 1 && fromParts[common] === targetParts[common]) common++;
  return [...fromParts.slice(common).map(() => '..'), ...targetParts.slice(common)].join('/');
}
