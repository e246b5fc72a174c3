/**
 * xs:dateTime / ISO 8601 date-time to epoch milliseconds: `YYYY-MM-DD[Thh:mm[:ss[.fff]]][Z|±hh[:]mm]`.
 * No zone means UTC (DASH-IF IOP: availabilityStartTime without zone is UTC).
 * Returns undefined when malformed or out of range. Pure: no Date parsing quirks.
 */
const DATE_TIME =
  /^(-?\d{4,})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export function parseDateTime(value: string): number | undefined {
  const text = value.trim();
  if (text.length > 64) return undefined;
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] !== undefined ? Number(m[4]) : 0;
  const minute = m[5] !== undefined ? Number(m[5]) : 0;
  const second = m[6] !== undefined ? Number(m[6]) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  const fraction = m[7] !== undefined ? Number(m[7]) * 1000 : 0;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const sign = zone.charAt(0) === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  // Date.UTC maps years 0-99 to 1900-1999; shift by 400 years (exactly 146097 days) to avoid it.
  const shift = year >= 0 && year < 100 ? 400 : 0;
  const utc = Date.UTC(year + shift, month - 1, day, hour, minute, second) - (shift ? 146097 * 86400000 : 0);
  const ms = utc + fraction - offsetMinutes * 60000;
  return isFinite(ms) ? ms : undefined;
}
