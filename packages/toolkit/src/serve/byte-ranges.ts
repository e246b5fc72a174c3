/** An inclusive byte range of a representation, as in `Content-Range: bytes start-end/size`. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * What to answer to a `Range` header (RFC 9110 §14.2):
 * - `full`: no usable Range header (absent, other unit, malformed) → 200 with the whole body;
 *   also for several ranges, which this server answers in full instead of multipart
 *   (allowed by §14.2; players only ever ask for one range).
 * - `partial`: one satisfiable range → 206 with `Content-Range`.
 * - `unsatisfiable`: no range overlaps the representation → 416 with `Content-Range: bytes *\/size`.
 */
export type RangeDecision = { kind: 'full' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

const RANGE_SPEC = /^(\d*)-(\d*)$/;

export function decideRange(header: string | undefined, sizeBytes: number): RangeDecision {
  if (header === undefined) return { kind: 'full' };
  const match = /^\s*bytes\s*=(.*)$/i.exec(header);
  if (!match) return { kind: 'full' };
  const specs = match[1]!.split(',').map((spec) => spec.trim()).filter((spec) => spec !== '');
  if (specs.length === 0) return { kind: 'full' };

  const satisfiable: ByteRange[] = [];
  for (const spec of specs) {
    const parts = RANGE_SPEC.exec(spec);
    // One malformed spec makes the whole header invalid: ignore it (§14.2) and send everything.
    if (!parts || (parts[1] === '' && parts[2] === '')) return { kind: 'full' };
    const range = resolveSpec(parts[1]!, parts[2]!, sizeBytes);
    if (range === 'invalid') return { kind: 'full' };
    if (range) satisfiable.push(range);
  }
  if (satisfiable.length === 0) return { kind: 'unsatisfiable' };
  if (specs.length > 1) return { kind: 'full' };
  return { kind: 'partial', range: satisfiable[0]! };
}

/**
 * One `first-last`, `first-` or `-suffix` spec (digits only, checked by RANGE_SPEC; huge
 * values stay finite floats, which compare correctly); null when it does not overlap the body.
 */
function resolveSpec(firstText: string, lastText: string, sizeBytes: number): ByteRange | null | 'invalid' {
  if (firstText === '') {
    // Suffix range: the last N bytes. `-0` and any suffix of an empty body are unsatisfiable.
    const suffix = Number(lastText);
    if (suffix === 0 || sizeBytes === 0) return null;
    return { start: Math.max(0, sizeBytes - suffix), end: sizeBytes - 1 };
  }
  const first = Number(firstText);
  const last = lastText === '' ? Infinity : Number(lastText);
  if (last < first) return 'invalid';
  if (first >= sizeBytes) return null;
  return { start: first, end: Math.min(last, sizeBytes - 1) };
}
