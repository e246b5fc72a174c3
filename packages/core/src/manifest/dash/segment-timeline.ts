import { ErrorCode } from '../../errors';
import { fail, warn } from '../parse-context';
import { parseUnsignedInt } from '../util/numbers';
import { childElements } from '../xml/xml-query';
import type { XmlElement } from '../xml/xml-types';
import { liveWindow, type RepresentationScope } from './representation-scope';
import type { SegmentTiming } from './segment-info';

/*
 * SegmentTimeline expansion (ISO/IEC 23009-1 §5.3.9.6). All values are media time in
 * timescale units. @r = -1 repeats until the next S@t, else the period end, else (live)
 * the live edge. Gaps (S@t ahead of the running time) are kept as gaps.
 */

export interface ExpandedTimeline {
  /** Media start time of each segment. */
  times: number[];
  durations: number[];
  /** Position of each segment in the full timeline (0-based), for $Number$ and SegmentURL lookup. */
  indexes: number[];
}

const EPSILON = 1e-9;

function nextStartTime(list: XmlElement[], from: number): number | undefined {
  for (let k = from; k < list.length; k++) {
    const t = parseUnsignedInt(list[k].attributes.t);
    if (t !== undefined) return t;
    if (list[k].attributes.d !== undefined) return undefined;
  }
  return undefined;
}

/**
 * The segments of `timeline` within the Period and, when `live`, within the live window
 * (available at `nowMs`, not yet out of the time-shift buffer; over maxSegments the newest
 * are kept). Static: over maxSegments is TOO_MANY_SEGMENTS.
 */
export function expandTimeline(
  timeline: XmlElement,
  scope: RepresentationScope,
  timing: SegmentTiming,
  live: boolean,
  availabilityTimeOffset: () => number,
): ExpandedTimeline {
  const { ctx, periodDuration } = scope;
  const { timescale, presentationTimeOffset: pto } = timing;
  /** Media time where the Period ends, when known: segments starting at or after it are dropped. */
  const endMediaTime = periodDuration !== undefined ? pto + periodDuration * timescale : undefined;
  let liveEdgeMediaTime: number | undefined;
  let windowStartMediaTime: number | undefined;
  if (live) {
    const w = liveWindow(scope, availabilityTimeOffset());
    liveEdgeMediaTime = pto + w.edge * timescale;
    if (w.windowStart !== undefined) windowStartMediaTime = pto + w.windowStart * timescale;
  }
  const list = childElements(timeline, 'S');
  const out: ExpandedTimeline = { times: [], durations: [], indexes: [] };
  const max = ctx.maxSegments;
  let truncated = false;
  let t = 0;
  let index = 0;
  for (let k = 0; k < list.length; k++) {
    const a = list[k].attributes;
    const d = parseUnsignedInt(a.d);
    if (!d) {
      warn(ctx, 'invalid-timeline-entry', 'S@d="' + a.d + '"');
      continue;
    }
    if (a.t !== undefined) {
      const st = parseUnsignedInt(a.t);
      if (st === undefined) warn(ctx, 'invalid-timeline-entry', 'S@t="' + a.t + '"');
      else {
        if (k > 0 && st < t) warn(ctx, 'timeline-overlap', 'S@t=' + st + ' < ' + t);
        t = st;
      }
    }
    let count: number;
    let r = 0;
    if (a.r !== undefined) {
      if (/^\s*-?\d+\s*$/.test(a.r)) r = Number(a.r);
      else warn(ctx, 'invalid-timeline-repeat', 'S@r="' + a.r + '"');
    }
    if (r >= 0) count = r + 1;
    else {
      const next = nextStartTime(list, k + 1);
      if (next !== undefined) count = Math.ceil((next - t) / d - EPSILON);
      else if (endMediaTime !== undefined) count = Math.ceil((endMediaTime - t) / d - EPSILON);
      else if (liveEdgeMediaTime !== undefined) count = Math.floor((liveEdgeMediaTime - t) / d + EPSILON);
      else {
        warn(ctx, 'open-timeline-repeat', 'S@r=-1: one segment');
        count = 1;
      }
      if (liveEdgeMediaTime !== undefined) count = Math.min(count, Math.floor((liveEdgeMediaTime - t) / d + EPSILON));
      if (!(count >= 0)) count = 0;
    }
    if (endMediaTime !== undefined) {
      const fit = Math.ceil((endMediaTime - t) / d - EPSILON);
      if (count > fit) count = Math.max(0, fit);
    }
    let skip = 0;
    if (windowStartMediaTime !== undefined && t + d <= windowStartMediaTime) {
      skip = Math.min(count, Math.floor((windowStartMediaTime - t) / d + EPSILON));
    }
    let emit = count - skip;
    if (emit > 0 && out.times.length + emit > max) {
      if (!live) fail(ErrorCode.TOO_MANY_SEGMENTS, { url: ctx.url, count: out.times.length + emit });
      if (emit > max) {
        skip += emit - max;
        emit = max;
      }
      truncated = true;
    }
    let st = t + skip * d;
    for (let j = 0; j < emit; j++) {
      out.times.push(st);
      out.durations.push(d);
      out.indexes.push(index + skip + j);
      st += d;
    }
    if (out.times.length > 2 * max) trimFront(out, out.times.length - max);
    t += count * d;
    index += count;
  }
  if (out.times.length > max) {
    trimFront(out, out.times.length - max);
    truncated = true;
  }
  if (truncated) warn(ctx, 'live-window-truncated', 'newest ' + max + ' kept');
  return out;
}

function trimFront(timeline: ExpandedTimeline, n: number): void {
  timeline.times.splice(0, n);
  timeline.durations.splice(0, n);
  timeline.indexes.splice(0, n);
}
