import type { Box } from './box';
import { childBoxes, findBox, findBoxes } from './find-box';
import { mp4Invalid } from './mp4-invalid';
import { parseSampleEntry } from './parse-sample-entry';
import { parseElng, parseHdlr, parseMdhd, parseTkhd, parseTrex, type TrackExtendsInfo } from './parse-track-boxes';

export interface InitTrackEncryption {
  /** 'cenc', 'cbcs', 'cens', 'cbc1'. */
  scheme: string;
  /** Lower-case hex, 32 characters. */
  defaultKeyId: string;
  perSampleIvSize: number;
  constantIv?: Uint8Array;
  cryptByteBlock?: number;
  skipByteBlock?: number;
}

export interface InitTrack {
  trackId: number;
  type: 'video' | 'audio' | 'text' | 'other';
  timescale: number;
  /** Exact RFC 6381 codec string. */
  codec: string;
  width?: number;
  height?: number;
  sampleRate?: number;
  channels?: number;
  /** elng (BCP 47) when present, else mdhd's ISO 639-2/T code ('und' when unset). */
  language?: string;
  encrypted?: InitTrackEncryption;
}

export interface InitInfo {
  tracks: InitTrack[];
}

const TRACK_TYPES: Record<string, InitTrack['type']> = { vide: 'video', soun: 'audio', text: 'text', subt: 'text', sbtl: 'text' };

/** Tracks of an initialization segment (ftyp + moov, ISO/IEC 14496-12 §8.2-8.5; CMAF ISO/IEC 23000-19 §7.3.2). */
export function parseInitSegment(data: Uint8Array): InitInfo {
  const moov = findBox(data, 'moov');
  if (!moov) throw mp4Invalid('no moov box', 0);
  const tracks: InitTrack[] = [];
  for (const trak of findBoxes(data, 'trak', moov)) tracks.push(parseTrak(data, trak));
  return { tracks };
}

function parseTrak(data: Uint8Array, trak: Box): InitTrack {
  const tkhd = findBox(data, 'tkhd', trak);
  const mdia = findBox(data, 'mdia', trak);
  if (!tkhd || !mdia) throw mp4Invalid('trak without tkhd or mdia', trak.start);
  const header = parseTkhd(tkhd);
  const mdhdBox = findBox(data, 'mdhd', mdia);
  const hdlrBox = findBox(data, 'hdlr', mdia);
  if (!mdhdBox || !hdlrBox) throw mp4Invalid('mdia without mdhd or hdlr', mdia.start);
  const mdhd = parseMdhd(mdhdBox);
  const elng = findBox(data, 'elng', mdia);
  const track: InitTrack = {
    trackId: header.trackId,
    type: TRACK_TYPES[parseHdlr(hdlrBox).handlerType] ?? 'other',
    timescale: mdhd.timescale,
    codec: '',
    language: elng ? parseElng(elng) : mdhd.language,
  };
  const stsd = findBox(data, 'minf/stbl/stsd', mdia);
  const entryBox = stsd ? childBoxes(stsd)[0] : undefined;
  if (!entryBox) return track;
  const entry = parseSampleEntry(entryBox);
  track.codec = entry.codec;
  if (track.type === 'video') {
    track.width = entry.width ?? header.width;
    track.height = entry.height ?? header.height;
  }
  if (track.type === 'audio') {
    track.sampleRate = entry.esds?.samplingFrequency ?? entry.sampleRate;
    track.channels = entry.esds?.channelConfiguration || entry.channelCount;
  }
  const tenc = entry.protection?.tenc;
  if (tenc) {
    const encrypted: InitTrackEncryption = {
      scheme: entry.protection?.schemeType ?? 'cenc',
      defaultKeyId: tenc.defaultKeyId,
      perSampleIvSize: tenc.perSampleIvSize,
    };
    if (tenc.constantIv) encrypted.constantIv = tenc.constantIv;
    if (tenc.cryptByteBlock !== undefined) encrypted.cryptByteBlock = tenc.cryptByteBlock;
    if (tenc.skipByteBlock !== undefined) encrypted.skipByteBlock = tenc.skipByteBlock;
    track.encrypted = encrypted;
  }
  return track;
}

/** The movie-fragment defaults ('moov/mvex/trex', ISO/IEC 14496-12 §8.8.3) of an init segment. */
export function parseTrackExtends(data: Uint8Array): TrackExtendsInfo[] {
  const moov = findBox(data, 'moov');
  return moov ? findBoxes(data, 'mvex/trex', moov).map(parseTrex) : [];
}
