import { ErrorCode } from '../../errors';
import type { ContentSteering, LiveInfo, ManifestEvent, PeriodInfo, Presentation } from '../../model';
import { fail, failNothingPlayable, warn, type ParseContext } from '../parse-context';
import { parseDateTime } from '../time/parse-date-time';
import { parseIsoDuration } from '../time/parse-iso-duration';
import { resolveUrl } from '../url/resolve-url';
import { isHttpUrl } from '../url/url-policy';
import { parseDecimal } from '../util/numbers';
import { textContent } from '../xml/parse-xml';
import { childElements, firstChild, localName } from '../xml/xml-query';
import type { XmlElement } from '../xml/xml-types';
import { cascadeBaseUrls } from './base-urls';
import { flattenPeriods } from './flatten-periods';
import { parsePeriod } from './parse-period';
import type { PeriodSet } from './period-types';

/*
 * MPD → Presentation (ISO/IEC 23009-1 §5.3). Periods are placed on one timeline
 * (Period@start, else the previous Period's end, §5.3.2.1) and matched into switching
 * sets by flattenPeriods. Invalid optional durations are warnings; a needed one that
 * cannot be read surfaces as INVALID_DURATION.
 */

interface DurationReader {
  (element: XmlElement, attribute: string): number | undefined;
  invalid?: { attribute: string; value: string };
}

function durationReader(ctx: ParseContext): DurationReader {
  const read: DurationReader = (element, attribute) => {
    const raw = element.attributes[attribute];
    if (raw === undefined) return undefined;
    const iso = parseIsoDuration(raw);
    if (iso !== undefined) return iso;
    // Some packagers write plain seconds ("1.5"); accept them, but say so.
    const plain = parseDecimal(raw);
    if (plain !== undefined && plain >= 0) {
      warn(ctx, 'non-iso-duration', localName(element.name) + '@' + attribute + '="' + raw + '" read as seconds');
      return plain;
    }
    warn(ctx, 'invalid-duration', localName(element.name) + '@' + attribute + '="' + raw + '" ignored');
    if (!read.invalid) read.invalid = { attribute, value: raw.length > 100 ? raw.slice(0, 100) : raw };
    return undefined;
  };
  return read;
}

function readSteering(root: XmlElement, ctx: ParseContext): ContentSteering | undefined {
  const el = firstChild(root, 'ContentSteering');
  if (!el) return undefined;
  const server = resolveUrl(ctx.url, textContent(el).trim());
  if (!isHttpUrl(server)) {
    warn(ctx, 'unsupported-url-scheme', 'ContentSteering ' + server);
    return undefined;
  }
  const steering: ContentSteering = { serverUri: server };
  const a = el.attributes;
  if (a.defaultServiceLocation !== undefined) steering.defaultPathwayId = a.defaultServiceLocation;
  if (a.queryBeforeStart !== undefined) steering.queryBeforeStart = a.queryBeforeStart.trim() === 'true';
  if (a.proxyServerURL !== undefined) {
    const proxy = resolveUrl(ctx.url, a.proxyServerURL);
    if (isHttpUrl(proxy)) steering.proxyServerUri = proxy;
  }
  return steering;
}

function readLocations(root: XmlElement, ctx: ParseContext): string[] {
  const out: string[] = [];
  const list = childElements(root, 'Location');
  for (let k = 0; k < list.length; k++) {
    const url = resolveUrl(ctx.url, textContent(list[k]).trim());
    if (isHttpUrl(url)) out.push(url);
    else warn(ctx, 'unsupported-url-scheme', 'Location ' + url);
  }
  return out;
}

export function parseMpd(root: XmlElement, ctx: ParseContext): Presentation {
  if (localName(root.name) !== 'MPD') fail(ErrorCode.DASH_INVALID, { url: ctx.url, reason: 'root element is <' + root.name + '>, not <MPD>' });
  const a = root.attributes;
  const readDuration = durationReader(ctx);
  const type = (a.type || 'static').trim();
  if (type !== 'static' && type !== 'dynamic') warn(ctx, 'invalid-mpd-type', 'MPD@type="' + type + '" read as static');
  const dynamic = type === 'dynamic';
  const mpdDuration = readDuration(root, 'mediaPresentationDuration');
  const minBufferTime = readDuration(root, 'minBufferTime');
  const updatePeriod = readDuration(root, 'minimumUpdatePeriod');
  const timeShift = readDuration(root, 'timeShiftBufferDepth');
  const presentationDelay = readDuration(root, 'suggestedPresentationDelay');
  let availabilityStartMs = 0;
  if (a.availabilityStartTime !== undefined) {
    const ms = parseDateTime(a.availabilityStartTime);
    if (ms === undefined) warn(ctx, 'invalid-date-time', 'MPD@availabilityStartTime="' + a.availabilityStartTime + '" read as 1970-01-01');
    else availabilityStartMs = ms;
  } else if (dynamic) {
    warn(ctx, 'missing-availability-start-time', 'dynamic MPD without @availabilityStartTime: 1970-01-01 assumed');
  }

  const periodElements = childElements(root, 'Period');
  if (!periodElements.length) fail(ErrorCode.DASH_INVALID, { url: ctx.url, reason: 'MPD has no Period' });
  const starts = periodElements.map((p) => readDuration(p, 'start'));
  const bases = cascadeBaseUrls([{ url: ctx.url }], root, ctx);
  const periods: PeriodInfo[] = [];
  const periodSets: PeriodSet[][] = [];
  const events: ManifestEvent[] = [];
  let previousEnd: number | undefined;
  for (let k = 0; k < periodElements.length; k++) {
    const el = periodElements[k];
    const start = starts[k] !== undefined ? starts[k] : k === 0 ? 0 : previousEnd;
    const declared = readDuration(el, 'duration');
    if (start === undefined) {
      warn(ctx, 'period-start-unknown', 'Period ' + k + ' cannot be placed on the timeline and was skipped');
      continue;
    }
    let duration = declared;
    if (duration === undefined && k + 1 < starts.length && starts[k + 1] !== undefined) duration = (starts[k + 1] as number) - start;
    if (duration === undefined && k + 1 === periodElements.length && mpdDuration !== undefined) duration = mpdDuration - start;
    if (duration !== undefined && !(duration > 0)) {
      warn(ctx, 'empty-period', 'Period ' + k + ' has no duration and was skipped');
      previousEnd = start;
      continue;
    }
    if (el.attributes['xlink:href'] !== undefined) {
      warn(ctx, 'xlink-unsupported', 'Period ' + k + ' is remote (xlink) and was skipped');
      previousEnd = duration !== undefined ? start + duration : undefined;
      continue;
    }
    const parsed = parsePeriod({
      ctx,
      dynamic,
      periodIndex: periods.length,
      periodStart: start,
      periodDuration: duration,
      availabilityStartMs,
      timeShiftBufferDepth: timeShift !== undefined ? timeShift : Infinity,
      invalidDuration: readDuration.invalid,
      period: el,
      bases,
    });
    previousEnd = duration !== undefined ? start + duration : parsed.maxSegmentEnd;
    // Unknown length: a live Period runs on; a static one ends with its last segment.
    const shown = duration !== undefined ? duration : !dynamic && parsed.maxSegmentEnd !== undefined ? parsed.maxSegmentEnd - start : Infinity;
    periods.push({ id: el.attributes.id !== undefined ? el.attributes.id : String(k), start, duration: shown });
    periodSets.push(parsed.sets);
    for (let e = 0; e < parsed.events.length; e++) events.push(parsed.events[e]);
  }

  const flat = flattenPeriods(periodSets, ctx);
  let playable = false;
  for (let k = 0; k < flat.sets.length; k++) if (flat.sets[k].type === 'video' || flat.sets[k].type === 'audio') playable = true;
  if (!playable) failNothingPlayable(ctx, 'no CMAF/fMP4 video or audio AdaptationSet');

  let duration: number;
  if (mpdDuration !== undefined) duration = mpdDuration;
  else if (dynamic) duration = Infinity;
  else {
    const last = periods[periods.length - 1];
    duration = last.start + last.duration;
    if (!isFinite(duration)) {
      if (readDuration.invalid) fail(ErrorCode.INVALID_DURATION, { url: ctx.url, attribute: readDuration.invalid.attribute, value: readDuration.invalid.value });
      fail(ErrorCode.DASH_INVALID, { url: ctx.url, reason: 'static MPD whose duration cannot be determined' });
    }
  }

  const presentation: Presentation = {
    protocol: 'dash',
    url: ctx.url,
    duration,
    periods,
    switchingSets: flat.sets,
    drm: [],
    sessionData: [],
    iFrameStreams: [],
    locations: readLocations(root, ctx),
    events,
    warnings: ctx.warnings,
  };
  if (dynamic) presentation.live = liveInfo(root, availabilityStartMs, timeShift, updatePeriod, presentationDelay, minBufferTime);
  const steering = readSteering(root, ctx);
  if (steering) presentation.steering = steering;
  if (flat.pathways) presentation.pathways = flat.pathways;
  if (minBufferTime !== undefined) presentation.minBufferTime = minBufferTime;
  return presentation;
}

function liveInfo(
  root: XmlElement,
  availabilityStartMs: number,
  timeShift: number | undefined,
  updatePeriod: number | undefined,
  presentationDelay: number | undefined,
  minBufferTime: number | undefined,
): LiveInfo {
  const live: LiveInfo = {
    availabilityStartTimeMs: availabilityStartMs,
    timeShiftBufferDepth: timeShift !== undefined ? timeShift : Infinity,
    // No @minimumUpdatePeriod: the MPD does not change (§5.4.1).
    refreshIntervalSeconds: updatePeriod !== undefined ? updatePeriod : Infinity,
    // Without @suggestedPresentationDelay: 1.5 × minBufferTime, else 10 s.
    suggestedPresentationDelay: presentationDelay !== undefined ? presentationDelay : minBufferTime !== undefined ? 1.5 * minBufferTime : 10,
    ended: false,
  };
  const timings = childElements(root, 'UTCTiming');
  if (timings.length) {
    live.utcTiming = timings.map((t) => ({ schemeIdUri: t.attributes.schemeIdUri || '', value: t.attributes.value || '' }));
  }
  return live;
}
