/**
 * WebVTT timestamps (W3C WebVTT §6.5 "collect a WebVTT timestamp"): `mm:ss.ttt` or
 * `hh:mm:ss.ttt` (hours may have more than two digits). Real-world files also use a comma
 * (SRT habit) or fewer/more fraction digits; those are accepted and flagged `lenient`.
 */
export interface TimestampResult {
  seconds: number;
  /** Index just after the timestamp. */
  end: number;
  /** Set when a non-conforming but unambiguous form was accepted. */
  lenient?: string;
}

/** hours-or-minutes ':' 2 digits [':' 2 digits] ['.' or ',' fraction]; exactly 2 digits where 2 are due. */
const TIMESTAMP = /^(\d+):(\d\d)(?!\d)(?::(\d\d)(?!\d))?(?:([.,])(\d+))?/;

/** Parse a timestamp starting at `start` in `input`, or return undefined. Never throws. */
export function collectTimestamp(input: string, start: number): TimestampResult | undefined {
  const m = TIMESTAMP.exec(input.slice(start));
  if (!m) return undefined;
  const end = start + m[0].length;
  const first = m[1];
  const second = m[2];
  const third = m[3];
  const separator = m[4];
  const digits = m[5];
  // A first field that cannot be minutes makes it hours: then seconds must follow.
  const hoursFirst = third !== undefined || first.length !== 2 || +first > 59;
  const next = input.charAt(end);
  // A field or fraction that starts but does not parse makes the whole timestamp invalid.
  const dangling = !separator && (next === '.' || next === ',' || (next === ':' && third === undefined));
  if ((hoursFirst && third === undefined) || dangling) return undefined;
  if (+second > 59 || (hoursFirst && +third > 59)) return undefined;
  // Only the first 9 fraction digits matter; longer runs would lose nothing but cost time.
  const fraction = digits ? Number('0.' + digits.slice(0, 9)) : 0;
  const seconds = hoursFirst ? +first * 3600 + +second * 60 + +third + fraction : +first * 60 + +second + fraction;
  if (!isFinite(seconds)) return undefined;
  const lenient = !separator ? 'no fraction' : digits.length !== 3 ? 'fraction of ' + digits.length + ' digits' : separator === ',' ? 'comma as decimal separator' : undefined;
  return { seconds, end, lenient };
}
