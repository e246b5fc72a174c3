import { ErrorCode } from '../../errors';
import type { InitSegment } from '../../model';
import { fail } from '../parse-context';
import { resolveAgainstBases } from './base-urls';
import type { RepresentationScope } from './representation-scope';
import { infoChild, parseByteRange } from './segment-info';
import { fillTemplate, resolveTemplate } from './segment-template';

/** Initialization@sourceURL/@range (SegmentBase, SegmentList, SegmentTemplate). No sourceURL: the media resource itself. */
export function initFromElement(scope: RepresentationScope): InitSegment | undefined {
  const el = infoChild(scope.info, 'Initialization');
  if (!el) return undefined;
  const init: InitSegment = { urls: resolveAgainstBases(scope.bases, el.attributes.sourceURL, scope.ctx).urls };
  const range = parseByteRange(el.attributes.range, scope.ctx, 'Initialization@range');
  if (range) init.byteRange = range;
  return init;
}

/** SegmentTemplate@initialization (with $RepresentationID$ / $Bandwidth$), else an Initialization element. */
export function templateInit(scope: RepresentationScope): InitSegment | undefined {
  const template = scope.info.attributes.initialization;
  if (template === undefined) return initFromElement(scope);
  return { urls: resolveTemplate(scope, template).candidates.map((parts) => fillTemplate(parts, {})) };
}

/** The Period length, needed to count @duration segments of a static MPD. */
export function requirePeriodDuration(scope: RepresentationScope): number {
  const invalid = scope.invalidDuration;
  if (scope.periodDuration !== undefined) return scope.periodDuration;
  if (invalid) fail(ErrorCode.INVALID_DURATION, { url: scope.ctx.url, attribute: invalid.attribute, value: invalid.value });
  return fail(ErrorCode.DASH_INVALID, { url: scope.ctx.url, reason: 'Period duration unknown' });
}
