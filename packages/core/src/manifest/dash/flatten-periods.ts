import type { Representation, SegmentIndexPart, SwitchingSet } from '../../model';
import { warn, type ParseContext } from '../parse-context';
import { mergeDrmInfos } from '../drm/merge-drm-infos';
import type { PeriodRepresentation, PeriodSet } from './period-types';

/*
 * Multi-Period → one timeline. Matching rule (documented in docs/manifest-support.md):
 * 1. A Period's set joins the group whose sets so far have the same type, language,
 *    codec family, roles, accessibility and label; failing that, the same type,
 *    language and codec family (roles +2, accessibility +2, label +1 break ties);
 *    otherwise it starts a new group.
 * 2. Where a group has no set in some Period, the best set of the same type there fills
 *    in (language +8, codec family +4, roles +2, label +1); text only takes the same
 *    language, so a subtitle group simply has no part in that Period.
 * 3. Representations are sorted by bandwidth (then height); a group has as many as its
 *    largest Period, and rank i takes rank round(i·(n-1)/(N-1)) of a Period with n.
 */

interface Group {
  fullKey: string;
  crossKey: string;
  first: PeriodSet;
  members: Array<PeriodSet | undefined>;
  fills: Array<PeriodSet | undefined>;
}

function score(ref: PeriodSet, candidate: PeriodSet): number {
  if (candidate.type !== ref.type) return -1;
  const sameLanguage = (candidate.language || '') === (ref.language || '');
  if (ref.type === 'text' && !sameLanguage) return -1;
  return (sameLanguage ? 8 : 0) + (candidate.family === ref.family ? 4 : 0) + (candidate.roles.join() === ref.roles.join() ? 2 : 0) + (candidate.label === ref.label ? 1 : 0);
}

function tieScore(a: PeriodSet, b: PeriodSet): number {
  const access = (s: PeriodSet) => s.accessibility.map((x) => x.schemeIdUri + '=' + (x.value || '')).join();
  return (a.roles.join() === b.roles.join() ? 2 : 0) + (access(a) === access(b) ? 2 : 0) + (a.label === b.label ? 1 : 0);
}

function assignPeriod(groups: Group[], sets: PeriodSet[], p: number): void {
  const pending: PeriodSet[] = [];
  for (let k = 0; k < sets.length; k++) {
    let exact: Group | undefined;
    for (let g = 0; g < groups.length && !exact; g++) if (groups[g].fullKey === sets[k].fullKey && !groups[g].members[p]) exact = groups[g];
    if (exact) exact.members[p] = sets[k];
    else pending.push(sets[k]);
  }
  pending.forEach((set) => {
    let match = best(groups, (group) => (group.crossKey !== set.crossKey || group.members[p] ? -1 : tieScore(group.first, set)));
    if (!match) {
      match = { fullKey: set.fullKey, crossKey: set.crossKey, first: set, members: [], fills: [] };
      groups.push(match);
    }
    match.members[p] = set;
  });
}

/** The first item with the highest score, when one scores 0 or more. */
function best<T>(items: T[], score: (item: T) => number): T | undefined {
  let found: T | undefined;
  let top = -1;
  items.forEach((item) => {
    const s = score(item);
    if (s > top) {
      top = s;
      found = item;
    }
  });
  return found;
}

function sortedReps(set: PeriodSet): PeriodRepresentation[] {
  return set.reps.slice().sort((x, y) => {
    const a = x.representation;
    const b = y.representation;
    return a.bandwidth - b.bandwidth || (a.height || 0) - (b.height || 0);
  });
}

export interface FlattenResult {
  sets: SwitchingSet[];
  /** Pathway of each Segment.urls position, when every representation agrees. */
  pathways?: string[];
}

export function flattenPeriods(periods: PeriodSet[][], ctx: ParseContext): FlattenResult {
  const groups: Group[] = [];
  for (let p = 0; p < periods.length; p++) assignPeriod(groups, periods[p], p);
  const pathwayState: PathwayState = { without: 0, disagree: false };
  const usedIds: Record<string, true> = Object.create(null);
  const out: SwitchingSet[] = [];
  for (let g = 0; g < groups.length; g++) {
    out.push(buildSet(groups[g], periods, pathwayState, usedIds, ctx));
  }
  const result: FlattenResult = { sets: out };
  if (pathwayState.value && !pathwayState.disagree && !pathwayState.without) result.pathways = pathwayState.value;
  else if (pathwayState.value) warn(ctx, 'pathways-inconsistent', 'BaseURL@serviceLocation differs');
  return result;
}

function buildSet(
  group: Group,
  periods: PeriodSet[][],
  pathwayState: PathwayState,
  usedIds: Record<string, true>,
  ctx: ParseContext,
): SwitchingSet {
  // The reference is the member with the most Representations (the first of them on a tie).
  const reference = best(group.members.filter((m): m is PeriodSet => !!m), (m) => m.reps.length) as PeriodSet;
  const count = reference.reps.length;
  for (let p = 0; p < periods.length; p++) {
    if (group.members[p]) continue;
    const fill = best(periods[p], (candidate) => score(reference, candidate));
    if (fill) {
      group.fills[p] = fill;
      warn(ctx, 'period-fill', 'Period ' + p + ': ' + fill.crossKey + ' for ' + reference.crossKey);
    }
  }
  const sources: Array<PeriodRepresentation[] | undefined> = [];
  for (let p = 0; p < periods.length; p++) {
    const s = group.members[p] || group.fills[p];
    sources.push(s ? sortedReps(s) : undefined);
  }
  const refSorted = sortedReps(reference);
  const representations: Representation[] = [];
  const repIds: Record<string, true> = Object.create(null);
  for (let i = 0; i < count; i++) {
    const base = refSorted[i].representation;
    const rep: Representation = Object.assign({}, base, { segmentIndex: [] as SegmentIndexPart[], drm: [] });
    rep.id = uniqueId(base.id, repIds);
    for (let p = 0; p < sources.length; p++) {
      const list = sources[p];
      if (!list) continue;
      const pick = list[count === 1 ? 0 : Math.round((i * (list.length - 1)) / (count - 1))];
      rep.segmentIndex.push(pick.representation.segmentIndex[0]);
      mergeDrmInfos(rep.drm, pick.representation.drm);
      notePathways(pathwayState, pick.pathways);
    }
    representations.push(rep);
  }
  const drm = reference.drm.slice();
  for (let p = 0; p < periods.length; p++) {
    const m = group.members[p];
    if (m) mergeDrmInfos(drm, m.drm);
  }
  const first = representations[0];
  const set: SwitchingSet = {
    id: uniqueId(setId(reference), usedIds),
    type: reference.type,
    mimeType: first.mimeType,
    codecs: first.codecs,
    roles: reference.roles,
    isDefault: reference.isDefault,
    representations,
    drm,
  };
  if (reference.language) set.language = reference.language;
  if (reference.label) set.label = reference.label;
  if (reference.accessibility.length) set.accessibility = reference.accessibility;
  if (reference.channels) set.channels = reference.channels;
  if (reference.tiles) set.tiles = reference.tiles;
  return set;
}

function setId(set: PeriodSet): string {
  let id = set.type + ':' + (set.language || 'und') + ':' + set.family;
  if (set.roles.length) id += ':' + set.roles.join('+');
  return id;
}

function uniqueId(id: string, used: Record<string, true>): string {
  let out = id;
  for (let n = 2; used[out]; n++) out = id + '~' + n;
  used[out] = true;
  return out;
}

interface PathwayState {
  value?: string[];
  /** Representations whose URL candidates carry no @serviceLocation. */
  without: number;
  /** Candidates partly without @serviceLocation, or representations that disagree. */
  disagree: boolean;
}

function notePathways(state: PathwayState, pathways: Array<string | undefined>): void {
  let defined = 0;
  for (let k = 0; k < pathways.length; k++) if (pathways[k] !== undefined) defined++;
  if (!defined) {
    state.without++;
    return;
  }
  if (defined < pathways.length) {
    state.disagree = true;
    return;
  }
  if (!state.value) state.value = pathways.slice() as string[];
  else if (state.value.join('\n') !== pathways.join('\n')) state.disagree = true;
}
