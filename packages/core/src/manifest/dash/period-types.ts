import type { ContentType, DrmInfo, Representation } from '../../model';
import type { ParseContext } from '../parse-context';
import type { BaseCandidate } from './base-urls';
import type { Tiles } from './descriptors';
import type { XmlElement } from '../xml/xml-types';

/** What one Period contributes before Periods are matched into one timeline. */
export interface PeriodRepresentation {
  /** segmentIndex holds exactly this Period's part. */
  representation: Representation;
  pathways: Array<string | undefined>;
}

export interface PeriodSet {
  /** Grouping key within a Period: type, language, codec family, roles, accessibility, label. */
  fullKey: string;
  /** Looser key for matching across Periods: type, language, codec family. */
  crossKey: string;
  type: ContentType;
  family: string;
  language?: string;
  label?: string;
  roles: string[];
  accessibility: Array<{ schemeIdUri: string; value?: string }>;
  isDefault: boolean;
  channels?: number;
  tiles?: Tiles;
  drm: DrmInfo[];
  reps: PeriodRepresentation[];
}

/** Period-level facts shared by every Representation in it. */
export interface PeriodScope {
  ctx: ParseContext;
  dynamic: boolean;
  periodIndex: number;
  /** Seconds on the presentation timeline (for dynamic MPDs: since availabilityStartTime). */
  periodStart: number;
  /** Seconds, when known. */
  periodDuration?: number;
  availabilityStartMs: number;
  /** Seconds; Infinity when the MPD has none. */
  timeShiftBufferDepth: number;
  /** An MPD/Period duration attribute that failed to parse, reported if the period length is needed. */
  invalidDuration?: { attribute: string; value: string };
  period: XmlElement;
  /** BaseURL candidates at this level. */
  bases: BaseCandidate[];
}
