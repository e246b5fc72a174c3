/**
 * Whether `s` has `prefix` at index `i`. (String.prototype.startsWith with a position is
 * missing on Chromium 38-40, and the legacy polyfill ignores the position argument.)
 */
export function hasAt(s: string, prefix: string, i: number): boolean {
  if (i + prefix.length > s.length) return false;
  for (let k = 0; k < prefix.length; k++) if (s.charCodeAt(i + k) !== prefix.charCodeAt(k)) return false;
  return true;
}
