/** Escapes text for an XML attribute value or element content. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<name a="1" b="2"` (undefined attributes omitted). */
export function openTag(name: string, attributes: Record<string, string | number | boolean | undefined>): string {
  let out = `<${name}`;
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    out += ` ${key}="${escapeXml(String(value))}"`;
  }
  return out;
}

/** xs:duration for seconds: 'PT125.480S'. */
export function xsDuration(seconds: number): string {
  return `PT${(Math.round(seconds * 1000) / 1000).toFixed(3)}S`;
}
