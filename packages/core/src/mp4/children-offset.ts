import type { Box } from './box';

/** Boxes whose payload is only child boxes (ISO/IEC 14496-12 §8, ISO/IEC 23001-7 §8). */
const PLAIN_CONTAINERS = /^(moov|trak|mdia|minf|stbl|dinf|edts|mvex|moof|traf|mfra|udta|sinf|schi|rinf|tref|meco|strk|strd|trgr|ipro|mere)$/;

/** Visual sample entries: 8 (SampleEntry) + 70 (VisualSampleEntry fields) bytes before children (§12.1.3). */
const VISUAL_ENTRIES = /^(avc[1-4]|hvc1|hev1|dvh1|dvhe|encv|mp4v|av01|vp08|vp09|s263)$/;

/** Audio sample entries: 8 + 20 bytes before children (§12.2.3). */
const AUDIO_ENTRIES = /^(mp4a|enca|ac-3|ec-3|ac-4|Opus|fLaC|alac|dtsc)$/;

/**
 * Where the children of `box` start, relative to its payload, or -1 when the
 * box is a leaf (or a layout we do not descend into). `parentType` matters for
 * sample entries, which are containers only inside 'stsd'.
 */
export function childrenOffset(box: Box, parentType?: string): number {
  const type = box.type;
  if (PLAIN_CONTAINERS.test(type)) return 0;
  if (type === 'stsd' || type === 'dref') return 8; // FullBox header + entry_count (§8.5.2, §8.7.2)
  if (type === 'meta') return isQuickTimeMeta(box) ? 0 : 4; // FullBox in ISO BMFF §8.11.1; plain in QuickTime
  if (parentType !== 'stsd') return -1;
  if (VISUAL_ENTRIES.test(type)) return 78;
  if (AUDIO_ENTRIES.test(type)) {
    // SoundSampleEntry version (QuickTime-style v1/v2 entries carry 16/36 more bytes).
    const versionAt = box.payloadStart + 8;
    const version = versionAt + 2 <= box.end ? (box.data[versionAt]! << 8) | box.data[versionAt + 1]! : 0;
    return version === 1 ? 44 : version === 2 ? 64 : 28;
  }
  if (type === 'wvtt') return 8; // WVTTSampleEntry: SampleEntry header then config boxes (ISO/IEC 14496-30 §7.5)
  return -1;
}

/** QuickTime's 'meta' is a plain container: its first child header follows directly (hdlr at +4). */
function isQuickTimeMeta(box: Box): boolean {
  const p = box.payloadStart;
  if (p + 8 > box.end) return false;
  const d = box.data;
  return String.fromCharCode(d[p + 4]!, d[p + 5]!, d[p + 6]!, d[p + 7]!) === 'hdlr';
}
