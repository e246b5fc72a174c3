import { ErrorCode, TesseraError } from '../../errors';
import { MAX_MANIFEST_CHARS } from '../parse-options';
import { hasAt } from '../util/strings';
import { decodeEntities } from './xml-entities';
import type { XmlElement, XmlNode, XmlParseOptions } from './xml-types';

/*
 * A small, strict, non-validating XML 1.0 parser: elements, attributes, text, CDATA,
 * comments and PIs (skipped), the predefined entities and character references.
 * DOCTYPE is skipped without reading its declarations, so no entity is ever
 * expanded (no "billion laughs", no external fetches). Iterative, so deep nesting
 * cannot overflow the stack; the depth is capped anyway.
 */

const DEFAULT_MAX_DEPTH = 128;
const NO_CHILDREN: XmlNode[] = [];
Object.freeze(NO_CHILDREN);
// XML 1.0 §2.2: control characters other than tab, LF and CR are not allowed anywhere.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

/**
 * Attribute maps inherit from a prototype-less object: no `constructor`/`toString`
 * lookalikes, `__proto__` is an ordinary attribute, and (unlike Object.create(null),
 * which starts in dictionary mode) V8 keeps them fast with shared shapes.
 */
const AttributeMap = function AttributeMap(this: Record<string, string>) {} as unknown as new () => Record<string, string>;
AttributeMap.prototype = Object.create(null);

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7);
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isAllSpace(s: string): boolean {
  return !/[^ \n\t\r]/.test(s);
}

export function parseXml(text: string, options: XmlParseOptions = {}): XmlElement {
  const url = options.url || '';
  const maxDepth = options.maxDepth || DEFAULT_MAX_DEPTH;
  const maxChars = options.maxChars || MAX_MANIFEST_CHARS;
  const keepSpace = options.preserveWhitespace === true;
  if (text.length > maxChars) throw new TesseraError(ErrorCode.MANIFEST_TOO_LARGE, 'fatal', { url, bytes: text.length });

  // §2.11 end-of-line handling, done once so offsets and values see only LF.
  const s = text.indexOf('\r') >= 0 ? text.replace(/\r\n?/g, '\n') : text;
  const n = s.length;
  let i = s.charCodeAt(0) === 0xfeff ? 1 : 0;

  const fail = (reason: string, offset: number = i): never => {
    throw new TesseraError(ErrorCode.MANIFEST_XML_MALFORMED, 'fatal', { url, reason, offset });
  };

  const bad = FORBIDDEN_CHAR.exec(s);
  if (bad) fail('forbidden character U+' + bad[0].charCodeAt(0).toString(16), bad.index);

  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  const skipUntil = (terminator: string, what: string): void => {
    const end = s.indexOf(terminator, i);
    if (end < 0) fail('unterminated ' + what);
    i = end + terminator.length;
  };

  const skipDoctype = (): void => {
    // Skip "<!DOCTYPE ... [ internal subset ] >" honouring quotes; declarations are ignored.
    let depth = 0;
    let quote = 0;
    for (i += 9; i < n; i++) {
      const c = s.charCodeAt(i);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 91) depth++;
      else if (c === 93) depth--;
      else if (c === 62 && depth <= 0) {
        i++;
        return;
      }
    }
    fail('unterminated DOCTYPE');
  };

  const skipSpace = (): void => {
    while (i < n && isSpace(s.charCodeAt(i))) i++;
  };

  const readName = (what: string): string => {
    const start = i;
    if (i >= n || !isNameStart(s.charCodeAt(i))) fail('invalid ' + what + ' name');
    i++;
    while (i < n && isNameChar(s.charCodeAt(i))) i++;
    return s.slice(start, i);
  };

  const decode = (raw: string, start: number): string => {
    const out = decodeEntities(raw);
    if (typeof out === 'number') return fail('invalid entity or character reference', start + out);
    return out;
  };

  const appendText = (value: string): void => {
    const children = stack[stack.length - 1].children;
    const last = children.length - 1;
    if (last >= 0 && typeof children[last] === 'string') children[last] = (children[last] as string) + value;
    else children.push(value);
  };

  const readStartTag = (): void => {
    const tagStart = i;
    i++; // '<'
    const name = readName('element');
    const attributes = new AttributeMap();
    let selfClosing = false;
    for (;;) {
      const wsStart = i;
      skipSpace();
      if (i >= n) fail('unexpected end of document in tag <' + name + '>', tagStart);
      const c = s.charCodeAt(i);
      if (c === 62) {
        i++;
        break;
      }
      if (c === 47) {
        if (s.charCodeAt(i + 1) !== 62) fail("expected '>' after '/'");
        i += 2;
        selfClosing = true;
        break;
      }
      if (i === wsStart) fail('whitespace expected before attribute');
      const attrName = readName('attribute');
      skipSpace();
      if (s.charCodeAt(i) !== 61) fail("expected '=' after attribute " + attrName);
      i++;
      skipSpace();
      const quote = s.charCodeAt(i);
      if (quote !== 34 && quote !== 39) fail('attribute value must be quoted');
      const end = s.indexOf(quote === 34 ? '"' : "'", i + 1);
      if (end < 0) fail('unterminated attribute value');
      let raw = s.slice(i + 1, end);
      if (raw.indexOf('<') >= 0) fail("'<' in attribute value", i + 1 + raw.indexOf('<'));
      // §3.3.3 attribute-value normalization: literal whitespace becomes a space.
      if (raw.indexOf('\n') >= 0 || raw.indexOf('\t') >= 0) raw = raw.replace(/[\n\t]/g, ' ');
      if (attributes[attrName] !== undefined) fail('duplicate attribute ' + attrName, i);
      attributes[attrName] = decode(raw, i + 1);
      i = end + 1;
    }
    // Self-closing elements share one frozen empty list (the tree is read-only; this halves the allocations of <S/>-heavy MPDs).
    const element: XmlElement = { name, attributes, children: selfClosing ? NO_CHILDREN : [] };
    if (stack.length >= maxDepth) fail('elements nested deeper than ' + maxDepth, tagStart);
    if (stack.length === 0) {
      if (root) fail('more than one root element', tagStart);
      root = element;
    } else {
      stack[stack.length - 1].children.push(element);
    }
    if (!selfClosing) stack.push(element);
  };

  const readEndTag = (): void => {
    const tagStart = i;
    i += 2;
    const name = readName('element');
    skipSpace();
    if (s.charCodeAt(i) !== 62) fail("expected '>' in end tag");
    i++;
    const open = stack.pop();
    if (!open) fail('end tag </' + name + '> without start tag', tagStart);
    else if (open.name !== name) fail('end tag </' + name + '> does not match <' + open.name + '>', tagStart);
  };

  while (i < n) {
    const c = s.charCodeAt(i);
    if (c !== 60) {
      let end = s.indexOf('<', i);
      if (end < 0) end = n;
      const raw = s.slice(i, end);
      if (stack.length === 0) {
        if (!isAllSpace(raw)) fail(root ? 'text after the root element' : 'text before the root element');
      } else if (keepSpace || !isAllSpace(raw)) {
        appendText(decode(raw, i));
      }
      i = end;
      continue;
    }
    const c1 = s.charCodeAt(i + 1);
    if (c1 === 47) {
      readEndTag();
    } else if (c1 === 63) {
      skipUntil('?>', 'processing instruction');
    } else if (c1 === 33) {
      if (hasAt(s, '<!--', i)) {
        skipUntil('-->', 'comment');
      } else if (hasAt(s, '<![CDATA[', i)) {
        if (stack.length === 0) fail('CDATA outside the root element');
        const end = s.indexOf(']]>', i + 9);
        if (end < 0) fail('unterminated CDATA section');
        const value = s.slice(i + 9, end);
        if (keepSpace || !isAllSpace(value)) appendText(value);
        i = end + 3;
      } else if (hasAt(s, '<!DOCTYPE', i) && !root && stack.length === 0) {
        skipDoctype();
      } else {
        fail('unexpected markup declaration');
      }
    } else {
      readStartTag();
    }
  }
  if (stack.length) fail('unclosed element <' + stack[stack.length - 1].name + '>', n);
  if (!root) return fail('no root element', n);
  return root;
}

/** The text of `node` and its descendants, concatenated. */
export function textContent(node: XmlNode): string {
  if (typeof node === 'string') return node;
  let out = '';
  const children = node.children;
  for (let k = 0; k < children.length; k++) out += textContent(children[k]);
  return out;
}
