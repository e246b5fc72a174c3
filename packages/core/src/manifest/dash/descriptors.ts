import type { SwitchingSet } from '../../model';
import { warn, type ParseContext } from '../parse-context';
import { parseUnsignedInt } from '../util/numbers';
import { textContent } from '../xml/parse-xml';
import { childElements, firstChild } from '../xml/xml-query';
import type { XmlElement } from '../xml/xml-types';

/** Descriptor elements (ISO/IEC 23009-1 §5.8): Role, Accessibility, Label, properties, channel configuration. */

export type Tiles = NonNullable<SwitchingSet['tiles']>;

const THUMBNAIL_TILE = ['http://dashif.org/thumbnail_tile', 'http://dashif.org/guidelines/thumbnail_tile'];
const TRICK_MODE = 'http://dashif.org/guidelines/trickmode';
/** EssentialProperty schemes we understand; an element carrying any other one must be ignored (§5.8.4.8). */
const KNOWN_ESSENTIAL_PREFIXES = ['urn:mpeg:mpegb:cicp:', 'urn:mpeg:dash:adaptation-set-switching:', 'urn:mpeg:dash:period-continuity:', 'urn:mpeg:dash:period-connectivity:'];

export function roleValues(element: XmlElement): string[] {
  const out: string[] = [];
  const roles = childElements(element, 'Role');
  for (let k = 0; k < roles.length; k++) {
    const v = roles[k].attributes.value;
    if (v && out.indexOf(v) < 0) out.push(v);
  }
  return out;
}

export function accessibilityOf(element: XmlElement): Array<{ schemeIdUri: string; value?: string }> {
  const out: Array<{ schemeIdUri: string; value?: string }> = [];
  const list = childElements(element, 'Accessibility');
  for (let k = 0; k < list.length; k++) {
    const a = list[k].attributes;
    const entry: { schemeIdUri: string; value?: string } = { schemeIdUri: a.schemeIdUri || '' };
    if (a.value !== undefined) entry.value = a.value;
    out.push(entry);
  }
  return out;
}

export function labelOf(element: XmlElement): string | undefined {
  const label = firstChild(element, 'Label');
  if (!label) return undefined;
  const text = textContent(label).trim();
  return text || undefined;
}

export type PropertyVerdict = { ignore: true; reason: string } | { ignore: false; tiles?: Tiles };

/** Reads Essential/SupplementalProperty: thumbnail tiles, trick-mode, and unknown essential schemes. */
export function readProperties(element: XmlElement, ctx: ParseContext): PropertyVerdict {
  let tiles: Tiles | undefined;
  const list = childElements(element, 'EssentialProperty').concat(childElements(element, 'SupplementalProperty'));
  for (let k = 0; k < list.length; k++) {
    const el = list[k];
    const scheme = (el.attributes.schemeIdUri || '').trim();
    const lower = scheme.toLowerCase();
    const essential = el.name === 'EssentialProperty' || /:EssentialProperty$/.test(el.name);
    if (THUMBNAIL_TILE.indexOf(lower) >= 0) {
      const m = /^\s*(\d+)\s*x\s*(\d+)\s*$/i.exec(el.attributes.value || '');
      if (m && Number(m[1]) > 0 && Number(m[2]) > 0) tiles = { columns: Number(m[1]), rows: Number(m[2]) };
      else warn(ctx, 'invalid-thumbnail-tile', 'thumbnail_tile value "' + (el.attributes.value || '') + '"');
    } else if (essential && lower === TRICK_MODE) {
      return { ignore: true, reason: 'trick-mode AdaptationSet (not played as a regular track)' };
    } else if (essential && !KNOWN_ESSENTIAL_PREFIXES.some((prefix) => lower.indexOf(prefix) === 0)) {
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
