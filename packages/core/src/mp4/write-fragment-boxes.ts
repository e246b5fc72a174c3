import { ByteWriter } from './byte-writer';
import {
  TFHD_BASE_DATA_OFFSET, TFHD_DEFAULT_BASE_IS_MOOF, TFHD_DEFAULT_SAMPLE_DURATION, TFHD_DEFAULT_SAMPLE_FLAGS,
  TFHD_DEFAULT_SAMPLE_SIZE, TFHD_SAMPLE_DESCRIPTION_INDEX, TRUN_DATA_OFFSET, TRUN_FIRST_SAMPLE_FLAGS,
  TRUN_SAMPLE_COMPOSITION_TIME_OFFSET, TRUN_SAMPLE_DURATION, TRUN_SAMPLE_FLAGS, TRUN_SAMPLE_SIZE,
  type TfhdInfo, type TrunSample,
} from './parse-fragment-boxes';
import { writeFullBox } from './write-box';

/** 'mfhd' (ISO/IEC 14496-12 §8.8.5). */
export function writeMfhd(sequenceNumber: number): Uint8Array {
  return writeFullBox('mfhd', 0, 0, [new ByteWriter(4).u32(sequenceNumber).finish()]);
}

/** 'tfhd' (§8.8.7); the flags are derived from which fields are set. */
export function writeTfhd(info: Omit<TfhdInfo, 'flags'>): Uint8Array {
  const body = new ByteWriter(32).u32(info.trackId);
  let flags = info.defaultBaseIsMoof ? TFHD_DEFAULT_BASE_IS_MOOF : 0;
  if (info.baseDataOffset !== undefined) { flags |= TFHD_BASE_DATA_OFFSET; body.u64(info.baseDataOffset); }
  if (info.sampleDescriptionIndex !== undefined) { flags |= TFHD_SAMPLE_DESCRIPTION_INDEX; body.u32(info.sampleDescriptionIndex); }
  if (info.defaultSampleDuration !== undefined) { flags |= TFHD_DEFAULT_SAMPLE_DURATION; body.u32(info.defaultSampleDuration); }
  if (info.defaultSampleSize !== undefined) { flags |= TFHD_DEFAULT_SAMPLE_SIZE; body.u32(info.defaultSampleSize); }
  if (info.defaultSampleFlags !== undefined) { flags |= TFHD_DEFAULT_SAMPLE_FLAGS; body.u32(info.defaultSampleFlags); }
  return writeFullBox('tfhd', 0, flags, [body.finish()]);
}

/** 'tfdt' (§8.8.12), always version 1 (64-bit) so long titles never wrap. */
export function writeTfdt(baseMediaDecodeTime: number): Uint8Array {
  return writeFullBox('tfdt', 1, 0, [new ByteWriter(8).u64(baseMediaDecodeTime).finish()]);
}

/**
 * 'trun' (§8.8.8). `flags` says which per-sample fields to write; version 1
 * (signed composition offsets, as CMAF prefers) is chosen when any offset is negative.
 */
export function writeTrun(info: { flags: number; samples: ReadonlyArray<TrunSample>; dataOffset?: number; firstSampleFlags?: number }): Uint8Array {
  let flags = info.flags & (TRUN_SAMPLE_DURATION | TRUN_SAMPLE_SIZE | TRUN_SAMPLE_FLAGS | TRUN_SAMPLE_COMPOSITION_TIME_OFFSET);
  if (info.dataOffset !== undefined) flags |= TRUN_DATA_OFFSET;
  if (info.firstSampleFlags !== undefined) flags |= TRUN_FIRST_SAMPLE_FLAGS;
  let version = 0;
  for (const sample of info.samples) if ((sample.compositionTimeOffset ?? 0) < 0) version = 1;
  const body = new ByteWriter(8 + info.samples.length * 16).u32(info.samples.length);
  if (info.dataOffset !== undefined) body.i32(info.dataOffset);
  if (info.firstSampleFlags !== undefined) body.u32(info.firstSampleFlags);
  for (const sample of info.samples) {
    if (flags & TRUN_SAMPLE_DURATION) body.u32(sample.duration ?? 0);
    if (flags & TRUN_SAMPLE_SIZE) body.u32(sample.size ?? 0);
    if (flags & TRUN_SAMPLE_FLAGS) body.u32(sample.flags ?? 0);
    if (flags & TRUN_SAMPLE_COMPOSITION_TIME_OFFSET) {
      if (version === 1) body.i32(sample.compositionTimeOffset ?? 0);
      else body.u32(sample.compositionTimeOffset ?? 0);
    }
  }
  return writeFullBox('trun', version, flags, [body.finish()]);
}
