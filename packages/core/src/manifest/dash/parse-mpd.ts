import { ErrorCode } from '../../errors';
import type { ContentSteering, ManifestEvent, PeriodInfo, Presentation } from '../../model';
import { newPresentation } from '../new-presentation';
import { fail, failNothingPlayable, warn, type ParseContext } from '../parse-context';
import { parseDateTime } from '../time/parse-date-time';
import { parseIsoDuration } from '../time/parse-iso-duration';
import { resolveUrl } from '../url/resolve-url';
import { httpUrlOrWarn, isHttpUrl } from '../url/url-policy';
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

export function parseMpd(root: XmlElement, ctx: ParseContext): Presentation {
  const url = ctx.url;
  if (localName(root.name) !== 'MPD') fail(ErrorCode.DASH_INVALID, { url, reason: 'root element is <' + root.name + '>' });
  const a = root.attributes;
  /** The first duration attribute that could not be read: the error if a duration it could have given is needed. */
  let invalid: { attribute: string; value: string } | undefined;
  const readDuration = (element: XmlElement, attribute: string): number | undefined => {
    const raw = element.attributes[attribute];
    if (raw === undefined) return undefined;
    const iso = parseIsoDuration(raw);
    if (iso !== undefined) return iso;
    // Some packagers write plain seconds ("1.5"); accept them, but say so.
    const plain = parseDecimal(raw);
    const where = localName(element.name) + '@' + attribute + '="' + raw + '"';
    if (plain !== undefined && plain >= 0) {
      warn(ctx, 'non-iso-duration', where);
      return plain;
    }
    warn(ctx, 'invalid-duration', where);
    if (!invalid) invalid = { attribute, value: raw.slice(0, 100) };
    return undefined;
  };
  const type = (a.type || 'static').trim();
  if (type !== 'static' && type !== 'dynamic') warn(ctx, 'invalid-mpd-type', type);
  const dynamic = type === 'dynamic';
  const mpdDuration = readDuration(root, 'mediaPresentationDuration');
  const minBufferTime = readDuration(root, 'minBufferTime');
  const updatePeriod = readDuration(root, 'minimumUpdatePeriod');
  const timeShift = readDuration(root, 'timeShiftBufferDepth');
  const presentationDelay = readDuration(root, 'suggestedPresentationDelay');
  let availabilityStartMs = 0;
  if (a.availabilityStartTime !== undefined) {
    const ms = parseDateTime(a.availabilityStartTime);
    if (ms === undefined) warn(ctx, 'invalid-date-time', a.availabilityStartTime);
    else availabilityStartMs = ms;
  } else if (dynamic) {
    warn(ctx, 'missing-availability-start-time', '1970-01-01 assumed');
  }

  const periodElements = childElements(root, 'Period');
  if (!periodElements.length) fail(ErrorCode.DASH_INVALID, { url, reason: 'no Period' });
  const starts = periodElements.map((p) => readDuration(p, 'start'));
  const bases = cascadeBaseUrls([{ url }], root, ctx);
  const periods: PeriodInfo[] = [];
  const periodSets: PeriodSet[][] = [];
  const events: ManifestEvent[] = [];
  let previousEnd: number | undefined;
  for (let k = 0; k < periodElements.length; k++) {
    const el = periodElements[k];
    const start = starts[k] !== undefined ? starts[k] : k === 0 ? 0 : previousEnd;
    let duration = readDuration(el, 'duration');
    const skip = (kind: string): void => warn(ctx, kind, 'Period ' + k + ' skipped');
    if (start === undefined) {
      skip('period-start-unknown');
      continue;
    }
    if (duration === undefined && k + 1 < starts.length && starts[k + 1] !== undefined) duration = (starts[k + 1] as number) - start;
    if (duration === undefined && k + 1 === periodElements.length && mpdDuration !== undefined) duration = mpdDuration - start;
    if (duration !== undefined && !(duration > 0)) {
      skip('empty-period');
      previousEnd = start;
      continue;
    }
    if (el.attributes['xlink:href'] !== undefined) {
      skip('xlink-unsupported');
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
      invalidDuration: invalid,
      period: el,
      bases,
    });
    const lastEnd = parsed.maxSegmentEnd;
    previousEnd = duration !== undefined ? start + duration : lastEnd;
    // Unknown length: a live Period runs on; a static one ends with its last segment.
    const shown = duration !== undefined ? duration : !dynamic && lastEnd !== undefined ? lastEnd - start : Infinity;
    periods.push({ id: el.attributes.id !== undefined ? el.attributes.id : String(k), start, duration: shown });
    periodSets.push(parsed.sets);
    events.push(...parsed.events);
  }

  const flat = flattenPeriods(periodSets, ctx);
  if (!flat.sets.some((set) => set.type === 'video' || set.type === 'audio')) failNothingPlayable(ctx, 'no CMAF/fMP4 video or audio');

  let duration: number;
  if (mpdDuration !== undefined) duration = mpdDuration;
  else if (dynamic) duration = Infinity;
  else {
    const last = periods[periods.length - 1];
    duration = last.start + last.duration;
    if (!isFinite(duration)) {
      if (invalid) fail(ErrorCode.INVALID_DURATION, { url, attribute: invalid.attribute, value: invalid.value });
      fail(ErrorCode.DASH_INVALID, { url, reason: 'static MPD without a duration' });
    }
  }

  const presentation = newPresentation('dash', ctx, duration, flat.sets, periods);
  presentation.events = events;
  childElements(root, 'Location').forEach((location) => {
    const resolved = httpUrlOrWarn(ctx, resolveUrl(url, textContent(location).trim()), 'Location');
    if (resolved) presentation.locations.push(resolved);
  });
  if (dynamic) {
    presentation.live = {
      availabilityStartTimeMs: availabilityStartMs,
      timeShiftBufferDepth: timeShift !== undefined ? timeShift : Infinity,
      // No @minimumUpdatePeriod: the MPD does not change (§5.4.1).
      refreshIntervalSeconds: updatePeriod !== undefined ? updatePeriod : Infinity,
      // Without @suggestedPresentationDelay: 1.5 × minBufferTime, else 10 s.
      suggestedPresentationDelay: presentationDelay !== undefined ? presentationDelay : minBufferTime !== undefined ? 1.5 * minBufferTime : 10,
      ended: false,
    };
    const timings = childElements(root, 'UTCTiming');
    if (timings.length) presentation.live.utcTiming = timings.map((t) => ({ schemeIdUri: t.attributes.schemeIdUri || '', value: t.attributes.value || '' }));
  }
  const steering = readSteering(root, ctx);
  if (steering) presentation.steering = steering;
  if (flat.pathways) presentation.pathways = flat.pathways;
  if (minBufferTime !== undefined) presentation.minBufferTime = minBufferTime;
  return presentation;
}

function readSteering(root: XmlElement, ctx: ParseContext): ContentSteering | undefined {
  const el = firstChild(root, 'ContentSteering');
  const serverUri = el && httpUrlOrWarn(ctx, resolveUrl(ctx.url, textContent(el).trim()), 'ContentSteering');
  if (!el || !serverUri) return undefined;
  const steering: ContentSteering = { serverUri };
  const a = el.attributes;
  if (a.defaultServiceLocation !== undefined) steering.defaultPathwayId = a.defaultServiceLocation;
  if (a.queryBeforeStart !== undefined) steering.queryBeforeStart = a.queryBeforeStart.trim() === 'true';
  const proxy = a.proxyServerURL !== undefined ? resolveUrl(ctx.url, a.proxyServerURL) : '';
  if (isHttpUrl(proxy)) steering.proxyServerUri = proxy;
  return steering;
}
