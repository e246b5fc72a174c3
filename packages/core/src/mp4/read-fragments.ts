import type { Box } from './box';
import { childBoxes } from './find-box';
import { mp4Invalid } from './mp4-invalid';
import {
  parseTfdtBox, parseTfhd, parseTrun, SAMPLE_FLAG_NON_SYNC, TFHD_DEFAULT_BASE_IS_MOOF,
} from './parse-fragment-boxes';
import type { TrackExtendsInfo } from './parse-track-boxes';
import { readBoxes } from './read-boxes';

export interface FragmentSample {
  /** Absolute offset of the sample's bytes within the data. */
  offset: number;
  size: number;
  duration: number;
  flags: number;
  compositionTimeOffset: number;
  /** Decode time in the track timescale. */
  decodeTime: number;
  isSync: boolean;
}

export interface TrackFragment {
  trackId: number;
  /** mfhd sequence number of the enclosing moof. */
  sequenceNumber: number;
  /** Absolute offset of the enclosing moof. */
  moofStart: number;
  /** tfdt when present (else undefined; decode times then continue from the previous fragment of the track). */
  baseMediaDecodeTime?: number;
  samples: FragmentSample[];
}

/**
 * Resolves every sample of every movie fragment in `data` (ISO/IEC 14496-12
 * §8.8): per-sample values from trun, else tfhd defaults, else trex defaults;
 * data offsets from tfhd's base (explicit, the moof for default-base-is-moof,
 * or the previous traf's data end) plus trun's data_offset. Sample byte ranges
 * are checked to lie within `data`.
 */
export function readFragments(data: Uint8Array, trackExtends: ReadonlyArray<TrackExtendsInfo> = []): TrackFragment[] {
  const fragments: TrackFragment[] = [];
  const nextDecodeTime: Record<number, number> = {};
  for (const moof of readBoxes(data)) {
    if (moof.type !== 'moof') continue;
    const children = childBoxes(moof);
    const mfhd = children.find((child) => child.type === 'mfhd');
    const sequenceNumber = mfhd && mfhd.payloadStart + 8 <= mfhd.end ? readU32(data, mfhd.payloadStart + 4) : 0;
    let previousTrafDataEnd = moof.start;
    for (const traf of children) {
      if (traf.type !== 'traf') continue;
      const fragment = readTraf(data, traf, moof, sequenceNumber, previousTrafDataEnd, trackExtends, nextDecodeTime);
      fragments.push(fragment.fragment);
      previousTrafDataEnd = fragment.dataEnd;
    }
  }
  return fragments;
}

function readTraf(
  data: Uint8Array,
  traf: Box,
  moof: Box,
  sequenceNumber: number,
  previousTrafDataEnd: number,
  trackExtends: ReadonlyArray<TrackExtendsInfo>,
  nextDecodeTime: Record<number, number>,
): { fragment: TrackFragment; dataEnd: number } {
  const children = childBoxes(traf);
  const tfhdBox = children.find((child) => child.type === 'tfhd');
  if (!tfhdBox) throw mp4Invalid('traf without tfhd', traf.start);
  const tfhd = parseTfhd(tfhdBox);
  const trex = trackExtends.find((entry) => entry.trackId === tfhd.trackId);
  const tfdtBox = children.find((child) => child.type === 'tfdt');
  const fragment: TrackFragment = { trackId: tfhd.trackId, sequenceNumber, moofStart: moof.start, samples: [] };
  if (tfdtBox) fragment.baseMediaDecodeTime = parseTfdtBox(tfdtBox);
  let decodeTime = fragment.baseMediaDecodeTime ?? nextDecodeTime[tfhd.trackId] ?? 0;
  const base = tfhd.baseDataOffset ?? ((tfhd.flags & TFHD_DEFAULT_BASE_IS_MOOF) !== 0 ? moof.start : previousTrafDataEnd);
  let cursor = base;
  for (const trunBox of children) {
    if (trunBox.type !== 'trun') continue;
    const trun = parseTrun(trunBox);
    if (trun.dataOffset !== undefined) cursor = base + trun.dataOffset;
    for (let i = 0; i < trun.samples.length; i++) {
      const entry = trun.samples[i]!;
      const size = entry.size ?? tfhd.defaultSampleSize ?? trex?.defaultSampleSize;
      const duration = entry.duration ?? tfhd.defaultSampleDuration ?? trex?.defaultSampleDuration;
      if (size === undefined || duration === undefined) throw mp4Invalid('sample size or duration not given (no trex defaults?)', trunBox.start);
      const flags = entry.flags ?? (i === 0 && trun.firstSampleFlags !== undefined ? trun.firstSampleFlags : undefined) ?? tfhd.defaultSampleFlags ?? trex?.defaultSampleFlags ?? 0;
      if (cursor < 0 || cursor + size > data.length) throw mp4Invalid('sample data outside the segment', trunBox.start, 'recoverable');
      fragment.samples.push({
        offset: cursor,
        size,
        duration,
        flags,
        compositionTimeOffset: entry.compositionTimeOffset ?? 0,
        decodeTime,
        isSync: (flags & SAMPLE_FLAG_NON_SYNC) === 0,
      });
      cursor += size;
      decodeTime += duration;
    }
  }
  nextDecodeTime[tfhd.trackId] = decodeTime;
  return { fragment, dataEnd: cursor };
}

function readU32(data: Uint8Array, at: number): number {
  return ((data[at]! << 24) >>> 0) + (data[at + 1]! << 16) + (data[at + 2]! << 8) + data[at + 3]!;
}
