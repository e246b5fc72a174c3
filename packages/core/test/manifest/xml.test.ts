import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@tessera/core';
import { attributeByLocalName, childElements, localName, parseXml, textContent, type XmlElement } from '@tessera/core/manifest';
import { expectTesseraError } from './helpers';

describe('parseXml', () => {
  it('reads elements, attributes, text, CDATA, comments and PIs', () => {
    const root = parseXml(
      `<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><a x="1" y='two'><b>hi <![CDATA[<raw> & stuff]]> there</b><?pi data?><c/><!-- inner --></a>\n`,
    );
    expect(root.name).toBe('a');
    expect(root.attributes.x).toBe('1');
    expect(root.attributes.y).toBe('two');
    const [b, c] = childElements(root);
    expect(b.children).toEqual(['hi <raw> & stuff there']);
    expect(c).toEqual({ name: 'c', attributes: {}, children: [] });
  });

  it('expands the five predefined entities and character references, and nothing else', () => {
    const root = parseXml('<a t="&lt;&gt;&amp;&quot;&apos;">&#65;&#x42;&#x1F600;&amp;amp;</a>');
    expect(root.attributes.t).toBe(`<>&"'`);
    expect(textContent(root)).toBe('AB\u{1F600}&amp;');
    expectTesseraError(() => parseXml('<a>&nbsp;</a>'), ErrorCode.MANIFEST_XML_MALFORMED);
    expectTesseraError(() => parseXml('<a>&#0;</a>'), ErrorCode.MANIFEST_XML_MALFORMED);
    expectTesseraError(() => parseXml('<a>&#xD800;</a>'), ErrorCode.MANIFEST_XML_MALFORMED);
    expectTesseraError(() => parseXml('<a>fish & chips</a>'), ErrorCode.MANIFEST_XML_MALFORMED);
  });

  it('keeps namespace prefixes in names and matches by local name', () => {
    const root = parseXml('<MPD xmlns:cenc="urn:mpeg:cenc:2013"><cenc:pssh cenc:default_KID="k">AAAA</cenc:pssh></MPD>');
    const pssh = childElements(root, 'pssh')[0];
    expect(pssh.name).toBe('cenc:pssh');
    expect(localName(pssh.name)).toBe('pssh');
    expect(attributeByLocalName(pssh, 'default_KID')).toBe('k');
    expect(root.attributes['xmlns:cenc']).toBe('urn:mpeg:cenc:2013');
  });

  it('skips a DOCTYPE without expanding its entities (no billion laughs)', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>`;
    expect(parseXml(lol + '<lolz>plain</lolz>').children).toEqual(['plain']);
    const t0 = performance.now();
    expectTesseraError(() => parseXml(lol + '<lolz>&lol3;</lolz>'), ErrorCode.MANIFEST_XML_MALFORMED);
    expect(performance.now() - t0).toBeLessThan(50);
    expect(parseXml('<!DOCTYPE html SYSTEM "about:legacy-compat"><html/>').name).toBe('html');
  });

  it('normalises line ends and attribute whitespace, and drops whitespace-only text by default', () => {
    const root = parseXml('<a v="x\r\ny\tz">\r\n  <b>l1\r\nl2</b>\r\n</a>');
    expect(root.attributes.v).toBe('x y z');
    expect(root.children.length).toBe(1);
    expect(textContent(root)).toBe('l1\nl2');
    expect(parseXml('<a> <b/> </a>', { preserveWhitespace: true }).children).toEqual([' ', { name: 'b', attributes: {}, children: [] }, ' ']);
  });

  it('attributes live in a prototype-less object', () => {
    const root = parseXml('<a __proto__="p" constructor="c"/>');
    expect(root.attributes.__proto__).toBe('p');
    expect(root.attributes.constructor).toBe('c');
    expect(parseXml('<a/>').attributes.toString).toBeUndefined();
  });

  it.each([
    ['mismatched end tag', '<a><b></a></b>', 'does not match'],
    ['unclosed element', '<a><b></b>', 'unclosed element <a>'],
    ['duplicate attribute', '<a x="1" x="2"/>', 'duplicate attribute x'],
    ['unquoted attribute', '<a x=1/>', 'quoted'],
    ['< in attribute', '<a x="<"/>', "'<' in attribute value"],
    ['missing whitespace', '<a x="1"y="2"/>', 'whitespace expected'],
    ['text after root', '<a/>junk', 'text after the root element'],
    ['two roots', '<a/><b/>', 'more than one root element'],
    ['no root', '<?xml version="1.0"?>', 'no root element'],
    ['forbidden control character', '<a>\u0001</a>', 'forbidden character'],
    ['unterminated comment', '<a><!-- x</a>', 'unterminated comment'],
    ['unterminated CDATA', '<a><![CDATA[x</a>', 'unterminated CDATA'],
    ['bad element name', '<1a/>', 'invalid element name'],
    ['DOCTYPE inside content', '<a><!DOCTYPE a></a>', 'unexpected markup declaration'],
    ['end tag without start', '</a>', 'without start tag'],
  ])('rejects %s with MANIFEST_XML_MALFORMED and an offset', (_name, text, reason) => {
    const error = expectTesseraError(() => parseXml(text, { url: 'https://x/m.mpd' }), ErrorCode.MANIFEST_XML_MALFORMED);
    const data = error.data as { url: string; reason: string; offset?: number };
    expect(data.url).toBe('https://x/m.mpd');
    expect(data.reason).toContain(reason);
    expect(typeof data.offset).toBe('number');
    expect(error.severity).toBe('fatal');
  });

  it('caps nesting depth and input size', () => {
    const deep = '<a>'.repeat(200) + '</a>'.repeat(200);
    const error = expectTesseraError(() => parseXml(deep), ErrorCode.MANIFEST_XML_MALFORMED);
    expect((error.data as { reason: string }).reason).toContain('nested deeper than 128');
    expect(parseXml('<a><b><c/></b></a>', { maxDepth: 3 }).name).toBe('a');
    expectTesseraError(() => parseXml('<a><b><c><d/></c></b></a>', { maxDepth: 3 }), ErrorCode.MANIFEST_XML_MALFORMED);
    expectTesseraError(() => parseXml('<a>' + 'x'.repeat(100) + '</a>', { maxChars: 50 }), ErrorCode.MANIFEST_TOO_LARGE);
  });

  it('handles a million-deep nesting attempt without stack overflow', () => {
    const text = '<a>'.repeat(1_000_000);
    expectTesseraError(() => parseXml(text), ErrorCode.MANIFEST_XML_MALFORMED);
  });

  it('accepts a UTF-8 BOM and non-ASCII names', () => {
    const root: XmlElement = parseXml('\uFEFF<données clé="é">ü</données>');
    expect(root.name).toBe('données');
    expect(root.attributes['clé']).toBe('é');
  });
});
