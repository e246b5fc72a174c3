import { childBoxes } from './find-box';
import { mp4Invalid } from './mp4-invalid';
import { parseSaio, parseTfhd, parseTrun } from './parse-fragment-boxes';
import type { TrackExtendsInfo } from './parse-track-boxes';
import { readBoxHeader } from './read-box-header';

export interface FixMoofOffsetsOptions {
  /** Header size of the mdat that follows the moof: 8, or 16 with a largesize. Default 8. */
  mdatHeaderSize?: number;
  /** trex defaults, needed only when sample sizes come from trex. */
  trackExtends?: ReadonlyArray<TrackExtendsInfo>;
}

/**
 * Rewrites, in place, the offsets a serialized 'moof' (at byte 0 of `moof`)
 * holds into itself and into the following mdat, after children changed size
 * (e.g. senc/saiz/saio added by encryption):
 * - every trun data_offset, as moof size + mdat header + the bytes of all
 *   earlier runs (mdat holds the runs' samples in moof order), relative to the
 *   moof (tfhd default-base-is-moof, ISO/IEC 14496-12 §8.8.7);
 * - a one-entry saio next to a senc, to the senc's first IV relative to the
 *   moof (ISO/IEC 23001-7 §7.1).
 */
export function fixMoofOffsets(moof: Uint8Array, options: FixMoofOffsetsOptions = {}): void {
  const box = readBoxHeader(moof, 0);
  if (box.type !== 'moof') throw mp4Invalid(`expected moof, got '${box.type}'`, 0);
  const view = new DataView(moof.buffer, moof.byteOffset, moof.byteLength);
  let dataCursor = box.size + (options.mdatHeaderSize ?? 8);
  for (const traf of childBoxes(box)) {
    if (traf.type !== 'traf') continue;
    const children = childBoxes(traf);
    const tfhdBox = children.find((child) => child.type === 'tfhd');
    if (!tfhdBox) throw mp4Invalid('traf without tfhd', traf.start);
    const tfhd = parseTfhd(tfhdBox);
    const trex = options.trackExtends?.find((entry) => entry.trackId === tfhd.trackId);
    for (const child of children) {
      if (child.type === 'trun') {
        const trun = parseTrun(child);
        if (trun.dataOffsetPosition !== undefined) view.setInt32(trun.dataOffsetPosition, dataCursor);
        for (const sample of trun.samples) {
          const size = sample.size ?? tfhd.defaultSampleSize ?? trex?.defaultSampleSize;
          if (size === undefined) throw mp4Invalid('sample size unknown (pass trackExtends)', child.start);
          dataCursor += size;
        }
      }
    }
    const senc = children.find((child) => child.type === 'senc');
    const saioBox = children.find((child) => child.type === 'saio');
    if (senc && saioBox) {
      const saio = parseSaio(saioBox);
      if (saio.offsets.length === 1) {
        const ivStart = senc.payloadStart + 8; // after version/flags and sample_count
        if (saio.version === 0) view.setUint32(saio.offsetsPosition, ivStart);
        else {
          view.setUint32(saio.offsetsPosition, 0);
          view.setUint32(saio.offsetsPosition + 4, ivStart);
        }
      }
    }
  }
}
