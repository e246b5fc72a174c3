import type { Presentation, PeriodInfo, SwitchingSet } from '../model';
import type { ParseContext } from './parse-context';

/** A presentation with the given streams and nothing else yet (one Period unless `periods` is given). */
export function newPresentation(
  protocol: Presentation['protocol'],
  ctx: ParseContext,
  duration: number,
  switchingSets: SwitchingSet[],
  periods: PeriodInfo[] = [{ id: '0', start: 0, duration }],
): Presentation {
  return {
    protocol,
    url: ctx.url,
    duration,
    periods,
    switchingSets,
    drm: [],
    sessionData: [],
    iFrameStreams: [],
    locations: [],
    events: [],
    warnings: ctx.warnings,
  };
}
