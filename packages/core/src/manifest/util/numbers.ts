/** Strict attribute number parsing: returns undefined for anything that is not a clean number. */

const UNSIGNED_INT = /^\s*\+?\d+\s*$/;
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Non-negative integer within the safe range (2^53), else undefined. */
export function parseUnsignedInt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  // Fast path for plain digits (timeline @t/@d: tens of thousands per MPD).
  const length = value.length;
  if (length > 0 && length < 16) {
    let v = 0;
    let k = 0;
    for (; k < length; k++) {
      const c = value.charCodeAt(k) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    if (k === length) return v;
  }
  if (!UNSIGNED_INT.test(value)) return undefined;
  const n = Number(value);
  return n <= Number.MAX_SAFE_INTEGER ? n : undefined;
}

/** Finite decimal number, else undefined. */
export function parseDecimal(value: string | undefined): number | undefined {
  if (value === undefined || !DECIMAL.test(value)) return undefined;
  const n = Number(value);
  return isFinite(n) ? n : undefined;
}

/** Frame rate as "30", "29.97" or "30000/1001". */
export function parseFrameRate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const slash = value.indexOf('/');
  if (slash < 0) {
    const n = parseDecimal(value);
    return n !== undefined && n > 0 ? n : undefined;
  }
  const num = parseDecimal(value.slice(0, slash));
  const den = parseDecimal(value.slice(slash + 1));
  return num !== undefined && den !== undefined && num > 0 && den > 0 ? num / den : undefined;
}

/** Zero-padded decimal rendering of a non-negative integer. */
export function padNumber(value: number, width: number): string {
  let s = String(value);
  while (s.length < width) s = '0' + s;
  return s;
}

/** A thumbnail grid "5x5" (DASH thumbnail_tile @value, HLS EXT-X-TILES LAYOUT), both positive. */
export function parseTileLayout(value: string | undefined): { columns: number; rows: number } | undefined {
  const m = /^\s*(\d+)\s*x\s*(\d+)\s*$/i.exec(value || '');
  return m && +m[1] > 0 && +m[2] > 0 ? { columns: +m[1], rows: +m[2] } : undefined;
}
