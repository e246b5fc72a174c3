import type { ByteRange } from '../../model';
import { warn, type ParseContext } from '../parse-context';
import { parseDecimal, parseUnsignedInt } from '../util/numbers';
import { childElements, firstChild } from '../xml/xml-query';
import type { XmlElement } from '../xml/xml-types';

/*
 * SegmentBase / SegmentList / SegmentTemplate inheritance (ISO/IEC 23009-1 §5.3.9.1):
 * the kind is the one found at the innermost level (Representation, then
 * AdaptationSet, then Period); attributes and child elements of that kind merge
 * across levels, the innermost winning, attribute by attribute.
 */

export type SegmentInfoKind = 'template' | 'list' | 'base' | 'none';

export interface SegmentInfo {
  kind: SegmentInfoKind;
  /** Elements of that kind, innermost first. */
  chain: XmlElement[];
  /** Their attributes merged, the innermost winning (no prototype, like XmlElement.attributes). */
  attributes: Record<string, string>;
}

const ELEMENT_OF = { template: 'SegmentTemplate', list: 'SegmentList', base: 'SegmentBase' };

/** `levels` innermost first: [Representation, AdaptationSet, Period]. */
export function mergeSegmentInfo(levels: XmlElement[]): SegmentInfo {
  const attributes: Record<string, string> = Object.create(null);
  for (let l = 0; l < levels.length; l++) {
    for (const kind in ELEMENT_OF) {
      const name = ELEMENT_OF[kind as keyof typeof ELEMENT_OF];
      if (firstChild(levels[l], name)) {
        const chain: XmlElement[] = [];
        for (let m = l; m < levels.length; m++) {
          const el = firstChild(levels[m], name);
          if (el) chain.push(el);
        }
        for (let k = chain.length - 1; k >= 0; k--) {
          const own = chain[k].attributes;
          for (const key in own) attributes[key] = own[key];
        }
        return { kind: kind as SegmentInfoKind, chain, attributes };
      }
    }
  }
  return { kind: 'none', chain: [], attributes };
}

/** All children named `name` of the innermost element that has any (one child: the first of them). */
export function infoChildren(info: SegmentInfo, name: string): XmlElement[] {
  for (let k = 0; k < info.chain.length; k++) {
    const list = childElements(info.chain[k], name);
    if (list.length) return list;
  }
  return [];
}

export function infoChild(info: SegmentInfo, name: string): XmlElement | undefined {
  return infoChildren(info, name)[0];
}

/** "first-last" (inclusive) as in @indexRange, @range, @mediaRange. */
export function parseByteRange(value: string | undefined, ctx: ParseContext, what: string): ByteRange | undefined {
  if (value === undefined) return undefined;
  const dash = value.indexOf('-');
  const start = parseUnsignedInt(value.slice(0, dash));
  const end = parseUnsignedInt(value.slice(dash + 1));
  if (dash < 0 || start === undefined || end === undefined || end < start) {
    warn(ctx, 'invalid-byte-range', what + '="' + value + '"');
    return undefined;
  }
  return { start, end };
}

export interface SegmentTiming {
  timescale: number;
  /** Media time of the Period start, timescale units. */
  presentationTimeOffset: number;
  startNumber: number;
  /** @duration in timescale units. */
  duration?: number;
}

export function readTiming(info: SegmentInfo, ctx: ParseContext): SegmentTiming {
  // An invalid value is warned about and replaced by the default.
  const read = <T extends number | undefined>(name: string, kind: string, fallback: T, positive?: boolean, parse = parseUnsignedInt): number | T => {
    const raw = info.attributes[name];
    if (raw === undefined) return fallback;
    const value = parse(raw);
    if (value !== undefined && (positive ? value > 0 : value >= 0)) return value;
    warn(ctx, kind, '@' + name + '="' + raw + '"');
    return fallback;
  };
  return {
    timescale: read('timescale', 'invalid-timescale', 1, true),
    presentationTimeOffset: read('presentationTimeOffset', 'invalid-presentation-time-offset', 0),
    startNumber: read('startNumber', 'invalid-start-number', 1),
    // xs:unsignedInt by schema; decimals are tolerated as some packagers write them.
    duration: read('duration', 'invalid-segment-duration', undefined, true, parseDecimal),
  };
}
