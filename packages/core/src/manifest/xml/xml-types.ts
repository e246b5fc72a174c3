/**
 * The parsed XML tree. Names keep their namespace prefix as written
 * ("cenc:pssh"); use `localName()` to match regardless of prefix.
 * Text and CDATA are plain strings among `children` (adjacent runs merged).
 * Treat the tree as read-only: self-closing elements share one frozen `children` array.
 */
export interface XmlElement {
  name: string;
  /** Own properties only (null prototype): `attributes['constructor']` is undefined unless present. */
  attributes: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export interface XmlParseOptions {
  /** Document URL, reported in errors. */
  url?: string;
  /** Maximum element nesting (default 128). */
  maxDepth?: number;
  /** Maximum input length in characters (default 32 Mi); above it MANIFEST_TOO_LARGE. */
  maxChars?: number;
  /** Keep whitespace-only text nodes (default false: they are dropped). */
  preserveWhitespace?: boolean;
}
