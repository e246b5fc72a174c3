import type { Box } from './box';
import { childBoxes } from './find-box';
import { ByteReader } from './byte-reader';
import { avcCodecString, parseAvcc, type AvcConfig } from './parse-avcc';
import { mp4aCodecString, parseEsds, type EsdsInfo } from './parse-esds';
import { hevcCodecString, parseHvcc } from './parse-hvcc';
import { parseSinf, type ProtectionSchemeInfo } from './parse-sinf';

export interface SampleEntryInfo {
  /** The entry's four-character code ('avc1', 'encv', 'mp4a', 'wvtt'...). */
  format: string;
  /** frma's original format for protected entries, else `format`. */
  originalFormat: string;
  kind: 'visual' | 'audio' | 'text' | 'other';
  /** RFC 6381 codec string ('avc1.64001f', 'mp4a.40.2', 'hvc1.1.6.L93.B0', 'wvtt'), or the original format when unknown. */
  codec: string;
  width?: number;
  height?: number;
  channelCount?: number;
  sampleRate?: number;
  avc?: AvcConfig;
  esds?: EsdsInfo;
  protection?: ProtectionSchemeInfo;
}

const VISUAL = /^(avc[1-4]|hvc1|hev1|dvh1|dvhe|encv|mp4v|av01|vp08|vp09)$/;
const AUDIO = /^(mp4a|enca|ac-3|ec-3|ac-4|Opus|fLaC|alac)$/;
const TEXT = /^(wvtt|stpp|tx3g|c608)$/;

/** One sample entry of 'stsd' (ISO/IEC 14496-12 §8.5.2, §12.1.3, §12.2.3; ISO/IEC 14496-15; 14496-30 §7.5). */
export function parseSampleEntry(entry: Box): SampleEntryInfo {
  const format = entry.type;
  const kind = VISUAL.test(format) ? 'visual' : AUDIO.test(format) ? 'audio' : TEXT.test(format) ? 'text' : 'other';
  const info: SampleEntryInfo = { format, originalFormat: format, kind, codec: format };
  const reader = new ByteReader(entry.data, entry.payloadStart, entry.end);
  if (kind === 'visual') {
    reader.skip(8 + 16);
    info.width = reader.u16();
    info.height = reader.u16();
  } else if (kind === 'audio') {
    reader.skip(8 + 8);
    info.channelCount = reader.u16();
    reader.skip(6);
    info.sampleRate = reader.u32() / 65536;
  }
  const children = kind === 'other' ? [] : childBoxes(entry, 'stsd');
  const sinf = children.find((child) => child.type === 'sinf');
  if (sinf) {
    info.protection = parseSinf(sinf);
    if (info.protection.originalFormat) info.originalFormat = info.protection.originalFormat;
  }
  const base = info.originalFormat;
  for (const child of children) {
    if (child.type === 'avcC') {
      info.avc = parseAvcc(child);
      info.codec = avcCodecString(base === 'avc3' ? 'avc3' : 'avc1', info.avc);
    } else if (child.type === 'hvcC') {
      info.codec = hevcCodecString(base === 'hev1' ? 'hev1' : 'hvc1', parseHvcc(child));
    } else if (child.type === 'esds') {
      info.esds = parseEsds(child);
      info.codec = mp4aCodecString(info.esds);
    }
  }
  if (info.codec === format && base !== format) info.codec = base;
  return info;
}
