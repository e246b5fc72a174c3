/**
 * @tessera/core/mp4 — a small, bounds-checked ISO BMFF (MP4/CMAF) box library.
 * Pure: Uint8Array/DataView only, no DOM, no Node APIs, ES5-safe at runtime.
 * Malformed input throws TesseraError MP4_INVALID { reason, offset }: 'recoverable'
 * when bytes are missing (truncated download), 'fatal' when the structure is impossible.
 */
// Generic reading
export type { Box } from './box';
export { boxPayload, boxBytes } from './box';
export { readBoxHeader } from './read-box-header';
export { readBoxes, scanBoxes } from './read-boxes';
export { childBoxes, findBox, findBoxes } from './find-box';
export { childrenOffset } from './children-offset';
export { openBox, openFullBox, type FullBoxReader } from './full-box';
export { ByteReader, decodeUtf8 } from './byte-reader';
export { toHex, fromHex } from './hex';
export { mp4Invalid } from './mp4-invalid';

// Generic writing and editing
export { ByteWriter, encodeUtf8 } from './byte-writer';
export { writeBox, writeFullBox, concatBytes } from './write-box';
export { parseBoxTree, toBoxNode, serializeBox, serializeBoxes, childNode, type BoxNode } from './box-tree';
export { fixMoofOffsets, type FixMoofOffsetsOptions } from './fix-moof-offsets';
export { writeFtyp } from './write-ftyp';
export { writeMfhd, writeTfhd, writeTfdt, writeTrun } from './write-fragment-boxes';
export { writeMediaSegment, type MediaSegmentInput, type SegmentTrackInput, type SegmentSample } from './write-media-segment';
export { writePssh, writeEmsg, writeSidx } from './write-info-boxes';

// Movie (init segment) boxes
export { parseFtyp, type FileTypeInfo } from './parse-ftyp';
export { parseMvhd, parseTkhd, parseMdhd, parseHdlr, parseElng, parseTrex, type TrackExtendsInfo } from './parse-track-boxes';
export { parseSampleEntry, type SampleEntryInfo } from './parse-sample-entry';
export { parseAvcc, avcCodecString, type AvcConfig } from './parse-avcc';
export { parseHvcc, hevcCodecString, type HevcConfig } from './parse-hvcc';
export { parseEsds, parseAudioSpecificConfig, mp4aCodecString, type EsdsInfo } from './parse-esds';
export { parseSinf, parseTenc, type ProtectionSchemeInfo, type TrackEncryptionInfo } from './parse-sinf';
export {
  parseInitSegment, parseTrackExtends, type InitInfo, type InitTrack, type InitTrackEncryption,
} from './parse-init-segment';

// Fragment (media segment) boxes
export {
  parseTfhd, parseTfdtBox, parseTrun, parseSenc, parseSaiz, parseSaio, MAX_SAMPLES_PER_BOX, MAX_DEFAULT_SAMPLES_PER_TRUN,
  TFHD_BASE_DATA_OFFSET, TFHD_SAMPLE_DESCRIPTION_INDEX, TFHD_DEFAULT_SAMPLE_DURATION, TFHD_DEFAULT_SAMPLE_SIZE,
  TFHD_DEFAULT_SAMPLE_FLAGS, TFHD_DURATION_IS_EMPTY, TFHD_DEFAULT_BASE_IS_MOOF, TRUN_DATA_OFFSET,
  TRUN_FIRST_SAMPLE_FLAGS, TRUN_SAMPLE_DURATION, TRUN_SAMPLE_SIZE, TRUN_SAMPLE_FLAGS,
  TRUN_SAMPLE_COMPOSITION_TIME_OFFSET, SAMPLE_FLAG_NON_SYNC,
  type TfhdInfo, type TrunInfo, type TrunSample, type SencSample, type SaizInfo, type SaioInfo,
} from './parse-fragment-boxes';
export { parseTfdt } from './parse-tfdt';
export { readFragments, type FragmentSample, type TrackFragment } from './read-fragments';
export { parseSidx, parseSidxBox, type SidxInfo, type SidxReference } from './parse-sidx';
export { findEmsgBoxes, parseEmsgBox, type EmsgInfo } from './parse-emsg';
export { findPsshBoxes, parsePsshBox, type PsshInfo } from './parse-pssh';
