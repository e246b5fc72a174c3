import type { SwitchingSet } from '../../model';
import { warn, type ParseContext } from '../parse-context';
import { parseTileLayout, parseUnsignedInt } from '../util/numbers';
import { textContent } from '../xml/parse-xml';
import { childElements, firstChild, localName } from '../xml/xml-query';
import type { XmlElement } from '../xml/xml-types';

/** Descriptor elements (ISO/IEC 23009-1 §5.8): Role, Accessibility, Label, properties, channel configuration. */

export type Tiles = NonNullable<SwitchingSet['tiles']>;

const THUMBNAIL_TILE = /^http:\/\/dashif\.org\/(guidelines\/)?thumbnail_tile$/;
const TRICK_MODE = 'http://dashif.org/guidelines/trickmode';
/** EssentialProperty schemes we understand; an element carrying any other one must be ignored (§5.8.4.8). */
const KNOWN_ESSENTIAL = /^urn:mpeg:(mpegb:cicp:|dash:(adaptation-set-switching|period-continuity|period-connectivity):)/;

export function roleValues(element: XmlElement): string[] {
  const out: string[] = [];
  childElements(element, 'Role').forEach((role) => {
    const v = role.attributes.value;
    if (v && out.indexOf(v) < 0) out.push(v);
  });
  return out;
}

export function accessibilityOf(element: XmlElement): Array<{ schemeIdUri: string; value?: string }> {
  return childElements(element, 'Accessibility').map((el) => {
    const entry: { schemeIdUri: string; value?: string } = { schemeIdUri: el.attributes.schemeIdUri || '' };
    if (el.attributes.value !== undefined) entry.value = el.attributes.value;
    return entry;
  });
}

export function labelOf(element: XmlElement): string | undefined {
  const label = firstChild(element, 'Label');
  return (label && textContent(label).trim()) || undefined;
}

export type PropertyVerdict = { ignore: true; reason: string } | { ignore: false; tiles?: Tiles };

/** Reads Essential/SupplementalProperty: thumbnail tiles, trick-mode, and unknown essential schemes. */
export function readProperties(element: XmlElement, ctx: ParseContext): PropertyVerdict {
  let tiles: Tiles | undefined;
  const list = childElements(element, 'EssentialProperty').concat(childElements(element, 'SupplementalProperty'));
  for (let k = 0; k < list.length; k++) {
    const a = list[k].attributes;
    const scheme = (a.schemeIdUri || '').trim();
    const lower = scheme.toLowerCase();
    const essential = localName(list[k].name) === 'EssentialProperty';
    if (THUMBNAIL_TILE.test(lower)) {
      const layout = parseTileLayout(a.value);
      if (layout) tiles = layout;
      else warn(ctx, 'invalid-thumbnail-tile', a.value || '');
    } else if (essential && lower === TRICK_MODE) {
      return { ignore: true, reason: 'trick mode' };
    } else if (essential && !KNOWN_ESSENTIAL.test(lower)) {
      return { ignore: true, reason: 'unknown EssentialProperty ' + scheme };
    }
  }
  return tiles ? { ignore: false, tiles } : { ignore: false };
}

// ISO/IEC 23001-8 ChannelConfiguration → channel count.
const CICP_CHANNELS = [0, 1, 2, 3, 4, 5, 6, 8, 2, 3, 4, 7, 8, 24, 8, 12, 10, 12, 14, 12, 14];
// Dolby channel mask bits that stand for a pair of speakers (ETSI TS 102 366 Table I.1.1).
const DOLBY_PAIR_BITS = 0x0676;

function popcount(v: number): number {
  let n = 0;
  for (let x = v; x; x &= x - 1) n++;
  return n;
}

export function channelsOf(element: XmlElement): number | undefined {
  const el = firstChild(element, 'AudioChannelConfiguration');
  if (!el) return undefined;
  const scheme = (el.attributes.schemeIdUri || '').toLowerCase();
  const value = (el.attributes.value || '').trim();
  if (scheme.indexOf('dolby') >= 0) {
    if (!/^[0-9a-f]{1,4}$/i.test(value)) return undefined;
    const mask = parseInt(value, 16);
    return popcount(mask) + popcount(mask & DOLBY_PAIR_BITS) || undefined;
  }
  const n = parseUnsignedInt(value);
  if (n === undefined) return undefined;
  if (scheme.indexOf('cicp:channelconfiguration') >= 0) return CICP_CHANNELS[n];
  return n > 0 && n < 100 ? n : undefined;
}
