import { ErrorCode } from '../../errors';
import type { InitSegment } from '../../model';
import { fail } from '../parse-context';
import { resolveAgainstBases } from './base-urls';
import type { RepresentationScope } from './representation-scope';
import { infoAttribute, infoChild, parseByteRange } from './segment-info';
import { compileTemplate, fillTemplate, partiallyFill } from './segment-template';

/** Initialization@sourceURL/@range (SegmentBase, SegmentList, SegmentTemplate). No sourceURL: the media resource itself. */
export function initFromElement(scope: RepresentationScope): InitSegment | undefined {
  const el = infoChild(scope.info, 'Initialization');
  if (!el) return undefined;
  const source = el.attributes.sourceURL;
  const init: InitSegment = { urls: resolveAgainstBases(scope.bases, source, scope.ctx).urls };
  const range = parseByteRange(el.attributes.range, scope.ctx, 'Initialization@range');
  if (range) init.byteRange = range;
  return init;
}

/** SegmentTemplate@initialization (with $RepresentationID$ / $Bandwidth$), else an Initialization element. */
export function templateInit(scope: RepresentationScope): InitSegment | undefined {
  const template = infoAttribute(scope.info, 'initialization');
  if (template === undefined) return initFromElement(scope);
  const url = scope.ctx.url;
  const specialized = partiallyFill(compileTemplate(template, url), { representationId: scope.representationId, bandwidth: scope.bandwidth });
  const resolved = resolveAgainstBases(scope.bases, specialized, scope.ctx);
  const urls: string[] = [];
  for (let k = 0; k < resolved.urls.length; k++) urls.push(fillTemplate(compileTemplate(resolved.urls[k], url), {}));
  return { urls };
}

/** The Period length, needed to count @duration segments of a static MPD. */
export function requirePeriodDuration(scope: RepresentationScope): number {
  if (scope.periodDuration !== undefined) return scope.periodDuration;
  if (scope.invalidDuration) fail(ErrorCode.INVALID_DURATION, { url: scope.ctx.url, attribute: scope.invalidDuration.attribute, value: scope.invalidDuration.value });
  return fail(ErrorCode.DASH_INVALID, { url: scope.ctx.url, reason: 'Period duration unknown: MPD@mediaPresentationDuration or Period@duration is needed' });
}
