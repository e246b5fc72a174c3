/**
 * RFC 8216 §4.2 attribute lists: NAME=value pairs separated by commas; quoted strings
 * lose their quotes. Lenient on whitespace after commas (common in the wild); the first
 * of duplicated names wins. `onIssue` hears about anything malformed.
 */
export type AttributeList = Record<string, string>;

export function parseAttributeList(text: string, onIssue?: (detail: string) => void): AttributeList {
  const out: AttributeList = Object.create(null);
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 44)) i++;
    if (i >= n) break;
    const eq = text.indexOf('=', i);
    const comma = text.indexOf(',', i);
    if (eq < 0 || (comma >= 0 && comma < eq)) {
      if (onIssue) onIssue('attribute without value: ' + text.slice(i, comma < 0 ? n : comma).slice(0, 40));
      i = comma < 0 ? n : comma + 1;
      continue;
    }
    const name = text.slice(i, eq).trim();
    i = eq + 1;
    let value: string;
    if (text.charCodeAt(i) === 34) {
      const close = text.indexOf('"', i + 1);
      if (close < 0) {
        if (onIssue) onIssue('unterminated quoted string for ' + name);
        value = text.slice(i + 1);
        i = n;
      } else {
        value = text.slice(i + 1, close);
        i = close + 1;
        const next = text.indexOf(',', i);
        i = next < 0 ? n : next + 1;
      }
    } else {
      const end = text.indexOf(',', i);
      value = text.slice(i, end < 0 ? n : end).trim();
      i = end < 0 ? n : end + 1;
    }
    if (!name) continue;
    if (out[name] !== undefined) {
      if (onIssue) onIssue('duplicate attribute ' + name);
      continue;
    }
    out[name] = value;
  }
  return out;
}

/**
 * Copies the attributes present in `attrs` onto `target`, per `fields` (`{ field: 'ATTRIBUTE' }`),
 * through `read` (the raw string by default); a value `read` rejects (undefined) is left out.
 */
export function copyAttributes<T extends object>(
  attrs: AttributeList,
  target: T,
  fields: Partial<Record<keyof T, string>>,
  read: (value: string) => unknown = (value) => value,
): T {
  for (const field in fields) {
    const raw = attrs[fields[field] as string];
    const value = raw === undefined ? undefined : read(raw);
    if (value !== undefined) (target as Record<string, unknown>)[field] = value;
  }
  return target;
}

/** RESOLUTION, a decimal-resolution "1920x1080", as `{ width, height }` (empty when absent or malformed). */
export function resolutionOf(attrs: AttributeList): { width?: number; height?: number } {
  const m = /^\s*(\d{1,6})\s*[xX]\s*(\d{1,6})\s*$/.exec(attrs.RESOLUTION || '');
  return m ? { width: +m[1], height: +m[2] } : {};
}

export function attrYes(attrs: AttributeList, name: string): boolean {
  return (attrs[name] || '').trim().toUpperCase() === 'YES';
}
