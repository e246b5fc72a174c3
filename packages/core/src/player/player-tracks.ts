import type { Representation, SwitchingSet } from '../model/presentation';

export interface VideoRepresentationInfo {
  id: string;
  bandwidth: number;
  width?: number;
  height?: number;
  frameRate?: number;
  codecs: string;
  active: boolean;
}

export interface AudioTrackInfo {
  id: string;
  language?: string;
  label?: string;
  roles: string[];
  channels?: number;
  codecs: string;
  active: boolean;
}

export interface TextTrackInfo {
  id: string;
  language?: string;
  label?: string;
  roles: string[];
  active: boolean;
}

export function describeRepresentation(r: Representation, active: Representation | undefined): VideoRepresentationInfo {
  return { id: r.id, bandwidth: r.bandwidth, width: r.width, height: r.height, frameRate: r.frameRate, codecs: r.codecs, active: r === active };
}

export function describeAudio(set: SwitchingSet, active: SwitchingSet | undefined): AudioTrackInfo {
  return { id: set.id, language: set.language, label: set.label, roles: set.roles, channels: set.channels, codecs: set.codecs, active: set === active };
}

export function describeText(set: SwitchingSet, active: SwitchingSet | undefined): TextTrackInfo {
  return { id: set.id, language: set.language, label: set.label, roles: set.roles, active: set === active };
}

/** Same language? Compares primary subtags case-insensitively ('en-US' ~ 'en', 'eng' ~ 'en'). */
export function languageMatches(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const norm = (x: string) => {
    const primary = x.toLowerCase().split('-')[0]!;
    return ISO_639_2_TO_1[primary] ?? primary;
  };
  return norm(a) === norm(b);
}

const ISO_639_2_TO_1: Record<string, string> = {
  eng: 'en', fra: 'fr', fre: 'fr', deu: 'de', ger: 'de', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', dut: 'nl',
  jpn: 'ja', kor: 'ko', zho: 'zh', chi: 'zh', rus: 'ru', ara: 'ar', hin: 'hi', swe: 'sv', nor: 'no', dan: 'da',
  fin: 'fi', pol: 'pl', tur: 'tr', ces: 'cs', cze: 'cs', ell: 'el', gre: 'el', heb: 'he', hun: 'hu', ron: 'ro', rum: 'ro',
};
