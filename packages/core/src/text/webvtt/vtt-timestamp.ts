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

/** Parse a timestamp starting at `start` in `input`, or return undefined. Never throws. */
export function collectTimestamp(input: string, start: number): TimestampResult | undefined {
  let position = start;
  let lenient: string | undefined;
  const digitsAt = (from: number): number => {
    let i = from;
    while (i < input.length && isDigit(input.charCodeAt(i))) i++;
    return i;
  };

  let end = digitsAt(position);
  if (end === position) return undefined;
  const first = input.slice(position, end);
  let value1 = Number(first);
  const hoursFirst = first.length !== 2 || value1 > 59;
  position = end;
  if (input.charAt(position) !== ':') return undefined;
  position++;
  end = digitsAt(position);
  if (end - position !== 2) return undefined;
  let value2 = Number(input.slice(position, end));
  position = end;
  let value3: number;
  if (hoursFirst || input.charAt(position) === ':') {
    if (input.charAt(position) !== ':') return undefined;
    position++;
    end = digitsAt(position);
    if (end - position !== 2) return undefined;
    value3 = Number(input.slice(position, end));
    position = end;
  } else {
    value3 = value2;
    value2 = value1;
    value1 = 0;
  }
  let fraction = 0;
  const separator = input.charAt(position);
  if (separator === '.' || separator === ',') {
    if (separator === ',') lenient = 'comma as decimal separator';
    position++;
    end = digitsAt(position);
    const digits = input.slice(position, end);
    if (digits.length === 0) return undefined;
    if (digits.length !== 3) lenient = 'fraction of ' + digits.length + ' digits';
    // Only the first 9 digits matter; longer runs would lose nothing but cost time.
    fraction = Number('0.' + digits.slice(0, 9));
    position = end;
  } else {
    lenient = 'no fraction';
  }
  if (value2 > 59 || value3 > 59) return undefined;
  const seconds = value1 * 3600 + value2 * 60 + value3 + fraction;
  if (!isFinite(seconds)) return undefined;
  return { seconds, end: position, lenient };
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
