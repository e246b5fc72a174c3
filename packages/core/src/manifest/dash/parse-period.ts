import type { ManifestEvent, SegmentIndexPart } from '../../model';
import { childElements } from '../xml/xml-query';
import { cascadeBaseUrls } from './base-urls';
import { parseEventStreams } from './event-stream';
import { parseAdaptationSet } from './parse-adaptation-set';
import type { PeriodScope, PeriodSet } from './period-types';

export interface ParsedPeriod {
  sets: PeriodSet[];
  events: ManifestEvent[];
  /** Latest segment end (s) over the Period's explicit segments, to place the next Period when needed. */
  maxSegmentEnd?: number;
}

function maxEnd(part: SegmentIndexPart, current: number | undefined): number | undefined {
  if (part.kind !== 'segments') return current;
  let out = current;
  for (let k = 0; k < part.segments.length; k++) {
    const end = part.segments[k].endTime;
    if (isFinite(end) && (out === undefined || end > out)) out = end;
  }
  return out;
}

/** One Period: its AdaptationSets grouped into PeriodSets, and its events. */
export function parsePeriod(scope: PeriodScope): ParsedPeriod {
  const periodScope: PeriodScope = Object.assign({}, scope, { bases: cascadeBaseUrls(scope.bases, scope.period, scope.ctx) });
  const sets: PeriodSet[] = [];
  const adaptationSets = childElements(scope.period, 'AdaptationSet');
  for (let k = 0; k < adaptationSets.length; k++) parseAdaptationSet(periodScope, adaptationSets[k], k, sets);
  let maxSegmentEnd: number | undefined;
  for (let k = 0; k < sets.length; k++) {
    for (let r = 0; r < sets[k].reps.length; r++) maxSegmentEnd = maxEnd(sets[k].reps[r].representation.segmentIndex[0], maxSegmentEnd);
  }
  return { sets, events: parseEventStreams(scope.period, scope.periodStart), maxSegmentEnd };
}
