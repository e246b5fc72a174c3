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
}

const ELEMENT_OF: Record<Exclude<SegmentInfoKind, 'none'>, string> = { template: 'SegmentTemplate', list: 'SegmentList', base: 'SegmentBase' };
const KINDS: Array<Exclude<SegmentInfoKind, 'none'>> = ['template', 'list', 'base'];

/** `levels` innermost first: [Representation, AdaptationSet, Period]. */
export function mergeSegmentInfo(levels: XmlElement[]): SegmentInfo {
  for (let l = 0; l < levels.length; l++) {
    for (let k = 0; k < KINDS.length; k++) {
      if (firstChild(levels[l], ELEMENT_OF[KINDS[k]])) {
        const kind = KINDS[k];
        const chain: XmlElement[] = [];
        for (let m = l; m < levels.length; m++) {
          const el = firstChild(levels[m], ELEMENT_OF[kind]);
          if (el) chain.push(el);
        }
        return { kind, chain };
      }
    }
  }
  return { kind: 'none', chain: [] };
}

export function infoAttribute(info: SegmentInfo, name: string): string | undefined {
  for (let k = 0; k < info.chain.length; k++) {
    const v = info.chain[k].attributes[name];
    if (v !== undefined) return v;
  }
  return undefined;
}

export function infoChild(info: SegmentInfo, name: string): XmlElement | undefined {
  for (let k = 0; k < info.chain.length; k++) {
    const el = firstChild(info.chain[k], name);
    if (el) return el;
  }
  return undefined;
}

/** All children named `name` of the innermost element that has any. */
export function infoChildren(info: SegmentInfo, name: string): XmlElement[] {
  for (let k = 0; k < info.chain.length; k++) {
    const list = childElements(info.chain[k], name);
    if (list.length) return list;
  }
  return [];
}

/** "first-last" (inclusive) as in @indexRange, @range, @mediaRange. */
export function parseByteRange(value: string | undefined, ctx: ParseContext, what: string): ByteRange | undefined {
  if (value === undefined) return undefined;
  const dash = value.indexOf('-');
  const start = parseUnsignedInt(value.slice(0, dash));
  const end = parseUnsignedInt(value.slice(dash + 1));
  if (dash < 0 || start === undefined || end === undefined || end < start) {
    warn(ctx, 'invalid-byte-range', what + '="' + value + '" ignored');
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
  const rawScale = infoAttribute(info, 'timescale');
  let timescale = parseUnsignedInt(rawScale);
  if (rawScale !== undefined && !timescale) {
    warn(ctx, 'invalid-timescale', '@timescale="' + rawScale + '" treated as 1');
    timescale = 1;
  }
  const rawPto = infoAttribute(info, 'presentationTimeOffset');
  let pto = parseUnsignedInt(rawPto);
  if (rawPto !== undefined && pto === undefined) warn(ctx, 'invalid-presentation-time-offset', '@presentationTimeOffset="' + rawPto + '" treated as 0');
  const rawStart = infoAttribute(info, 'startNumber');
  let startNumber = parseUnsignedInt(rawStart);
  if (rawStart !== undefined && startNumber === undefined) warn(ctx, 'invalid-start-number', '@startNumber="' + rawStart + '" treated as 1');
  const rawDuration = infoAttribute(info, 'duration');
  // xs:unsignedInt by schema; decimals are tolerated as some packagers write them.
  let duration = parseDecimal(rawDuration);
  if (rawDuration !== undefined && !(duration !== undefined && duration > 0)) {
    warn(ctx, 'invalid-segment-duration', '@duration="' + rawDuration + '" ignored');
    duration = undefined;
  }
  if (pto === undefined) pto = 0;
  if (startNumber === undefined) startNumber = 1;
  return { timescale: timescale || 1, presentationTimeOffset: pto, startNumber, duration };
}
