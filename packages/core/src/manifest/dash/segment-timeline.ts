import { ErrorCode } from '../../errors';
import { fail, warn, type ParseContext } from '../parse-context';
import { parseUnsignedInt } from '../util/numbers';
import { childElements } from '../xml/xml-query';
import type { XmlElement } from '../xml/xml-types';

/*
 * SegmentTimeline expansion (ISO/IEC 23009-1 §5.3.9.6). All values are media time in
 * timescale units. @r = -1 repeats until the next S@t, else the period end, else (live)
 * the live edge. Gaps (S@t ahead of the running time) are kept as gaps.
 */

export interface TimelineBounds {
  /** Media time where the Period ends, when known: segments starting at or after it are dropped. */
  endMediaTime?: number;
  /** Live: media time of the live edge; an open @r=-1 repeats only up to it. */
  liveEdgeMediaTime?: number;
  /** Live: segments ending at or before this media time left the time-shift window. */
  windowStartMediaTime?: number;
  maxSegments: number;
  /** Live: over maxSegments keep the newest instead of failing. */
  live: boolean;
}

export interface ExpandedTimeline {
  /** Media start time of each segment. */
  times: number[];
  durations: number[];
  /** Position of each segment in the full timeline (0-based), for $Number$ and SegmentURL lookup. */
  indexes: number[];
}

const EPSILON = 1e-9;
const SIGNED_INT = /^\s*-?\d+\s*$/;

function readRepeat(s: XmlElement, ctx: ParseContext): number {
  const raw = s.attributes.r;
  if (raw === undefined) return 0;
  if (!SIGNED_INT.test(raw)) {
    warn(ctx, 'invalid-timeline-repeat', 'S@r="' + raw + '" treated as 0');
    return 0;
  }
  const r = Number(raw);
  return r < 0 ? -1 : r;
}

function nextStartTime(list: XmlElement[], from: number): number | undefined {
  for (let k = from; k < list.length; k++) {
    const t = parseUnsignedInt(list[k].attributes.t);
    if (t !== undefined) return t;
    if (list[k].attributes.d !== undefined) return undefined;
  }
  return undefined;
}

export function expandTimeline(timeline: XmlElement, bounds: TimelineBounds, ctx: ParseContext): ExpandedTimeline {
  const list = childElements(timeline, 'S');
  const out: ExpandedTimeline = { times: [], durations: [], indexes: [] };
  const max = bounds.maxSegments;
  let truncated = false;
  let t = 0;
  let index = 0;
  for (let k = 0; k < list.length; k++) {
    const a = list[k].attributes;
    const d = parseUnsignedInt(a.d);
    if (d === undefined || d === 0) {
      warn(ctx, 'invalid-timeline-entry', 'S@d="' + a.d + '" skipped');
      continue;
    }
    if (a.t !== undefined) {
      const st = parseUnsignedInt(a.t);
      if (st === undefined) warn(ctx, 'invalid-timeline-entry', 'S@t="' + a.t + '" ignored');
      else {
        if (k > 0 && st < t) warn(ctx, 'timeline-overlap', 'S@t=' + st + ' is before the previous end ' + t);
        t = st;
      }
    }
    let count: number;
    const r = readRepeat(list[k], ctx);
    if (r >= 0) count = r + 1;
    else {
      const next = nextStartTime(list, k + 1);
      if (next !== undefined) count = Math.ceil((next - t) / d - EPSILON);
      else if (bounds.endMediaTime !== undefined) count = Math.ceil((bounds.endMediaTime - t) / d - EPSILON);
      else if (bounds.liveEdgeMediaTime !== undefined) count = Math.floor((bounds.liveEdgeMediaTime - t) / d + EPSILON);
      else {
        warn(ctx, 'open-timeline-repeat', 'S@r=-1 with no following S@t and no period end: one segment');
        count = 1;
      }
      if (bounds.live && bounds.liveEdgeMediaTime !== undefined) {
        count = Math.min(count, Math.floor((bounds.liveEdgeMediaTime - t) / d + EPSILON));
      }
      if (!(count >= 0)) count = 0;
    }
    if (bounds.endMediaTime !== undefined) {
      const fit = Math.ceil((bounds.endMediaTime - t) / d - EPSILON);
      if (count > fit) count = Math.max(0, fit);
    }
    let skip = 0;
    if (bounds.windowStartMediaTime !== undefined && t + d <= bounds.windowStartMediaTime) {
      skip = Math.min(count, Math.floor((bounds.windowStartMediaTime - t) / d + EPSILON));
    }
    let emit = count - skip;
    if (emit > 0 && out.times.length + emit > max) {
      if (!bounds.live) fail(ErrorCode.TOO_MANY_SEGMENTS, { url: ctx.url, count: out.times.length + emit });
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
  if (truncated) warn(ctx, 'live-window-truncated', 'kept the newest ' + max + ' segments');
  return out;
}

function trimFront(tl: ExpandedTimeline, n: number): void {
  tl.times.splice(0, n);
  tl.durations.splice(0, n);
  tl.indexes.splice(0, n);
}
