import type { ContentType } from '../../model';

/** RFC 6381 codec strings: "avc1.64001f, mp4a.40.2" → ["avc1.64001f", "mp4a.40.2"]. */
export function splitCodecs(codecs: string | undefined): string[] {
  if (!codecs) return [];
  const out: string[] = [];
  const parts = codecs.split(',');
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k].trim();
    if (p) out.push(p);
  }
  return out;
}

// Sample-entry aliases that decode the same way (in-band vs out-of-band parameter sets).
const FAMILY_ALIASES: Record<string, string> = { avc3: 'avc1', hev1: 'hvc1', dvhe: 'dvh1', dvav: 'dva1', vp9: 'vp09', vp8: 'vp08' };
/** Codec families by what they carry. */
const KINDS: Array<[ContentType, RegExp]> = [
  ['video', /^(avc1|hvc1|dvh1|dva1|av01|vp09|vp08|mp4v|dav1|vvc1|vvi1)$/],
  ['audio', /^(mp4a|ac-3|ec-3|ac-4|opus|flac|mha1|mhm1|dtsc|dtse|dtsh|dtsl|dtsx|alac|mp3|vorbis)$/],
  ['text', /^(wvtt|stpp|tx3g|c608|c708)$/],
  ['image', /^(jpeg|png)$/],
];

/** The codec family used to group representations: "avc3.4d401f" → "avc1". */
export function codecFamily(codec: string): string {
  const dot = codec.indexOf('.');
  const fourcc = (dot < 0 ? codec : codec.slice(0, dot)).trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(FAMILY_ALIASES, fourcc) ? FAMILY_ALIASES[fourcc] : fourcc;
}

export function codecKind(codec: string): ContentType | undefined {
  const family = codecFamily(codec);
  for (let k = 0; k < KINDS.length; k++) if (KINDS[k][1].test(family)) return KINDS[k][0];
  return undefined;
}

/** The codecs of one kind from a list, joined again. */
export function codecsOfKind(codecs: string | undefined, kind: ContentType): string {
  const list = splitCodecs(codecs);
  const out: string[] = [];
  for (let k = 0; k < list.length; k++) if (codecKind(list[k]) === kind) out.push(list[k]);
  return out.join(',');
}
