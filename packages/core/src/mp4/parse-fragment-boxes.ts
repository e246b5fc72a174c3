import type { Box } from './box';
import { openFullBox } from './full-box';
import { mp4Invalid } from './mp4-invalid';

/** A sample count no real fragment reaches; larger counts are corrupt input (and would exhaust memory). */
export const MAX_SAMPLES_PER_BOX = 1_000_000;

/**
 * When a trun carries no per-sample fields its count is not bounded by the box
 * size; a run of more default-sized samples than this (over 30 minutes of AAC
 * frames) is treated as corrupt rather than allocated.
 */
export const MAX_DEFAULT_SAMPLES_PER_TRUN = 100_000;

/** tfhd flags (ISO/IEC 14496-12 §8.8.7.1). */
export const TFHD_BASE_DATA_OFFSET = 0x000001;
export const TFHD_SAMPLE_DESCRIPTION_INDEX = 0x000002;
export const TFHD_DEFAULT_SAMPLE_DURATION = 0x000008;
export const TFHD_DEFAULT_SAMPLE_SIZE = 0x000010;
export const TFHD_DEFAULT_SAMPLE_FLAGS = 0x000020;
export const TFHD_DURATION_IS_EMPTY = 0x010000;
export const TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;

/** trun flags (§8.8.8.1). */
export const TRUN_DATA_OFFSET = 0x000001;
export const TRUN_FIRST_SAMPLE_FLAGS = 0x000004;
export const TRUN_SAMPLE_DURATION = 0x000100;
export const TRUN_SAMPLE_SIZE = 0x000200;
export const TRUN_SAMPLE_FLAGS = 0x000400;
export const TRUN_SAMPLE_COMPOSITION_TIME_OFFSET = 0x000800;

/** sample_is_non_sync_sample in the sample flags (§8.8.3.1). */
export const SAMPLE_FLAG_NON_SYNC = 0x00010000;

export interface TfhdInfo {
  flags: number;
  trackId: number;
  baseDataOffset?: number;
  sampleDescriptionIndex?: number;
  defaultSampleDuration?: number;
  defaultSampleSize?: number;
  defaultSampleFlags?: number;
  defaultBaseIsMoof: boolean;
}

/** 'tfhd' (§8.8.7). */
export function parseTfhd(box: Box): TfhdInfo {
  const { flags, reader } = openFullBox(box);
  const info: TfhdInfo = { flags, trackId: reader.u32(), defaultBaseIsMoof: (flags & TFHD_DEFAULT_BASE_IS_MOOF) !== 0 };
  if (flags & TFHD_BASE_DATA_OFFSET) info.baseDataOffset = reader.u64();
  if (flags & TFHD_SAMPLE_DESCRIPTION_INDEX) info.sampleDescriptionIndex = reader.u32();
  if (flags & TFHD_DEFAULT_SAMPLE_DURATION) info.defaultSampleDuration = reader.u32();
  if (flags & TFHD_DEFAULT_SAMPLE_SIZE) info.defaultSampleSize = reader.u32();
  if (flags & TFHD_DEFAULT_SAMPLE_FLAGS) info.defaultSampleFlags = reader.u32();
  return info;
}

/** 'tfdt' (§8.8.12): baseMediaDecodeTime (64-bit in version 1). */
export function parseTfdtBox(box: Box): number {
  const { version, reader } = openFullBox(box);
  return version === 1 ? reader.u64() : reader.u32();
}

export interface TrunSample {
  duration?: number;
  size?: number;
  flags?: number;
  compositionTimeOffset?: number;
}

export interface TrunInfo {
  version: number;
  flags: number;
  sampleCount: number;
  dataOffset?: number;
  firstSampleFlags?: number;
  samples: TrunSample[];
  /** Absolute offset of the data_offset field within the data (to patch it), when present. */
  dataOffsetPosition?: number;
}

/** 'trun' (§8.8.8). The count is checked against the box size before anything is allocated. */
export function parseTrun(box: Box): TrunInfo {
  const { version, flags, reader } = openFullBox(box);
  const sampleCount = reader.u32();
  const info: TrunInfo = { version, flags, sampleCount, samples: [] };
  if (flags & TRUN_DATA_OFFSET) {
    info.dataOffsetPosition = reader.position;
    info.dataOffset = reader.i32();
  }
  if (flags & TRUN_FIRST_SAMPLE_FLAGS) info.firstSampleFlags = reader.u32();
  let bytesPerSample = 0;
  for (const bit of [TRUN_SAMPLE_DURATION, TRUN_SAMPLE_SIZE, TRUN_SAMPLE_FLAGS, TRUN_SAMPLE_COMPOSITION_TIME_OFFSET]) if (flags & bit) bytesPerSample += 4;
  if (sampleCount > (bytesPerSample === 0 ? MAX_DEFAULT_SAMPLES_PER_TRUN : MAX_SAMPLES_PER_BOX)) {
    throw mp4Invalid(`trun sample_count ${sampleCount} too large`, box.start);
  }
  if (bytesPerSample * sampleCount > reader.remaining) throw mp4Invalid(`trun sample_count ${sampleCount} exceeds the box`, box.start, 'recoverable');
  for (let i = 0; i < sampleCount; i++) {
    const sample: TrunSample = {};
    if (flags & TRUN_SAMPLE_DURATION) sample.duration = reader.u32();
    if (flags & TRUN_SAMPLE_SIZE) sample.size = reader.u32();
    if (flags & TRUN_SAMPLE_FLAGS) sample.flags = reader.u32();
    if (flags & TRUN_SAMPLE_COMPOSITION_TIME_OFFSET) sample.compositionTimeOffset = version === 0 ? reader.u32() : reader.i32();
    info.samples.push(sample);
  }
  return info;
}

export interface SencSample {
  iv: Uint8Array;
  subsamples?: Array<{ clearBytes: number; protectedBytes: number }>;
}

/**
 * 'senc' (ISO/IEC 23001-7 §7.2). The IV size lives in tenc (or sgpd), not in
 * the box; when it is not given, the size among 16, 8 and 0 that consumes the
 * box exactly is used.
 */
export function parseSenc(box: Box, perSampleIvSize?: number): SencSample[] {
  const candidates = perSampleIvSize !== undefined ? [perSampleIvSize] : [16, 8, 0];
  let lastError: unknown;
  for (const ivSize of candidates) {
    try {
      const samples = parseSencWith(box, ivSize);
      if (samples) return samples;
    } catch (error) {
      lastError = error;
    }
  }
  if (lastError) throw lastError;
  throw mp4Invalid('senc: no per-sample IV size fits the box', box.start);
}

function parseSencWith(box: Box, ivSize: number): SencSample[] | undefined {
  const { flags, reader } = openFullBox(box);
  const count = reader.u32();
  if (count > MAX_SAMPLES_PER_BOX || count * ivSize > reader.remaining) throw mp4Invalid(`senc sample_count ${count} exceeds the box`, box.start);
  const samples: SencSample[] = [];
  for (let i = 0; i < count; i++) {
    const sample: SencSample = { iv: reader.bytes(ivSize) };
    if (flags & 2) {
      const subsampleCount = reader.u16();
      reader.need(subsampleCount * 6, 'senc subsamples');
      sample.subsamples = [];
      for (let j = 0; j < subsampleCount; j++) sample.subsamples.push({ clearBytes: reader.u16(), protectedBytes: reader.u32() });
    }
    samples.push(sample);
  }
  return reader.remaining === 0 ? samples : undefined;
}

export interface SaizInfo {
  auxInfoType?: string;
  auxInfoTypeParameter?: number;
  defaultSampleInfoSize: number;
  sampleCount: number;
  /** Per-sample sizes (when defaultSampleInfoSize is 0). */
  sampleInfoSizes: number[];
}

/** 'saiz' (ISO/IEC 14496-12 §8.7.8). */
export function parseSaiz(box: Box): SaizInfo {
  const { flags, reader } = openFullBox(box);
  const info: SaizInfo = { defaultSampleInfoSize: 0, sampleCount: 0, sampleInfoSizes: [] };
  if (flags & 1) {
    info.auxInfoType = reader.fourcc();
    info.auxInfoTypeParameter = reader.u32();
  }
  info.defaultSampleInfoSize = reader.u8();
  info.sampleCount = reader.u32();
  if (info.sampleCount > MAX_SAMPLES_PER_BOX) throw mp4Invalid(`saiz sample_count ${info.sampleCount} too large`, box.start);
  if (info.defaultSampleInfoSize === 0) {
    reader.need(info.sampleCount, 'saiz sizes');
    for (let i = 0; i < info.sampleCount; i++) info.sampleInfoSizes.push(reader.u8());
  }
  return info;
}

export interface SaioInfo {
  version: number;
  auxInfoType?: string;
  auxInfoTypeParameter?: number;
  offsets: number[];
  /** Absolute offset of the first offset field (to patch it). */
  offsetsPosition: number;
}

/** 'saio' (ISO/IEC 14496-12 §8.7.9). */
export function parseSaio(box: Box): SaioInfo {
  const { version, flags, reader } = openFullBox(box);
  const info: SaioInfo = { version, offsets: [], offsetsPosition: 0 };
  if (flags & 1) {
    info.auxInfoType = reader.fourcc();
    info.auxInfoTypeParameter = reader.u32();
  }
  const count = reader.u32();
  const width = version === 0 ? 4 : 8;
  if (count > MAX_SAMPLES_PER_BOX) throw mp4Invalid(`saio entry_count ${count} too large`, box.start);
  reader.need(count * width, 'saio offsets');
  info.offsetsPosition = reader.position;
  for (let i = 0; i < count; i++) info.offsets.push(version === 0 ? reader.u32() : reader.u64());
  return info;
}
