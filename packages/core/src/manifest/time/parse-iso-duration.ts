/**
 * xs:duration as used by MPDs (ISO 8601 PnYnMnWnDTnHnMnS), in seconds.
 * Years count 365 days and months 30 days (MPD durations are rarely that long; this
 * is what other players do). Returns undefined for anything malformed or negative.
 * ISO/IEC 23009-1 §5.3.1.2 (xs:duration).
 */
const ISO_DURATION =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d*)?|\.\d+)S)?)?$/;

const FACTORS = [365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1];

export function parseIsoDuration(value: string): number | undefined {
  const text = value.trim();
  if (text.length > 100) return undefined;
  const m = ISO_DURATION.exec(text);
  if (!m) return undefined;
  // "P" and "PT" alone, or a trailing "T" with no time part, are not durations.
  if (text === 'P' || text.charAt(text.length - 1) === 'T') return undefined;
  let seconds = 0;
  let any = false;
  for (let i = 0; i < FACTORS.length; i++) {
    const part = m[i + 1];
    if (part !== undefined) {
      any = true;
      seconds += Number(part) * FACTORS[i];
    }
  }
  return any && isFinite(seconds) ? seconds : undefined;
}
