import { fixMoofOffsets } from './fix-moof-offsets';
import { TRUN_SAMPLE_COMPOSITION_TIME_OFFSET, TRUN_SAMPLE_DURATION, TRUN_SAMPLE_FLAGS, TRUN_SAMPLE_SIZE } from './parse-fragment-boxes';
import { concatBytes, writeBox } from './write-box';
import { writeMfhd, writeTfdt, writeTfhd, writeTrun } from './write-fragment-boxes';
import { writeFtyp } from './write-ftyp';

export interface SegmentSample {
  duration: number;
  size: number;
  flags: number;
  compositionTimeOffset: number;
}

export interface SegmentTrackInput {
  trackId: number;
  baseMediaDecodeTime: number;
  samples: ReadonlyArray<SegmentSample>;
  /** The samples' bytes in order (their sizes sum to the samples' sizes). */
  sampleData: ReadonlyArray<Uint8Array>;
  /** Boxes appended to the traf after the trun (senc, saiz, saio, sgpd...). */
  extraTrafBoxes?: ReadonlyArray<Uint8Array>;
}

export interface MediaSegmentInput {
  sequenceNumber: number;
  tracks: ReadonlyArray<SegmentTrackInput>;
  /** Writes a leading 'styp' (ISO/IEC 14496-12 §8.16.2) with these brands. */
  styp?: { majorBrand: string; minorVersion?: number; compatibleBrands: string[] };
  /** Boxes placed before the moof (e.g. emsg, ISO/IEC 23009-1 §5.10.3.3). */
  leadingBoxes?: ReadonlyArray<Uint8Array>;
}

/**
 * A CMAF media segment / fragment (ISO/IEC 23000-19 §7.3.2.4): [styp] moof mdat,
 * one traf per track with tfhd (default-base-is-moof), tfdt (v1) and a trun
 * carrying every sample's duration, size, flags and composition offset; the
 * trun data offsets point into the mdat.
 */
export function writeMediaSegment(input: MediaSegmentInput): Uint8Array {
  const trafs: Uint8Array[] = [];
  const mdatParts: Uint8Array[] = [];
  for (const track of input.tracks) {
    let hasCompositionOffsets = false;
    for (const sample of track.samples) if (sample.compositionTimeOffset !== 0) hasCompositionOffsets = true;
    const trunFlags = TRUN_SAMPLE_DURATION | TRUN_SAMPLE_SIZE | TRUN_SAMPLE_FLAGS | (hasCompositionOffsets ? TRUN_SAMPLE_COMPOSITION_TIME_OFFSET : 0);
    trafs.push(writeBox('traf', [
      writeTfhd({ trackId: track.trackId, defaultBaseIsMoof: true }),
      writeTfdt(track.baseMediaDecodeTime),
      writeTrun({ flags: trunFlags, samples: track.samples, dataOffset: 0 }),
      ...(track.extraTrafBoxes ?? []),
    ]));
    for (const part of track.sampleData) mdatParts.push(part);
  }
  const moof = writeBox('moof', [writeMfhd(input.sequenceNumber), ...trafs]);
  const mdat = writeBox('mdat', mdatParts);
  fixMoofOffsets(moof, { mdatHeaderSize: mdat.length - sumLengths(mdatParts) });
  const parts: Uint8Array[] = [];
  if (input.styp) parts.push(writeFtyp(input.styp, 'styp'));
  for (const box of input.leadingBoxes ?? []) parts.push(box);
  parts.push(moof, mdat);
  return concatBytes(parts);
}

function sumLengths(parts: ReadonlyArray<Uint8Array>): number {
  let total = 0;
  for (const part of parts) total += part.length;
  return total;
}

