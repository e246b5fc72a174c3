import { RbspReader } from './rbsp-reader';

/*
 * Just enough of H.264 (ITU-T H.264 §7.3.2.1, §7.3.2.2, §7.3.3) to find where each slice
 * header ends, so subsample encryption can leave it clear (ISO/IEC 23001-7 §10.2: the NAL
 * unit header and slice header stay unencrypted for NAL-structured video).
 */

export interface SpsInfo {
  id: number;
  chromaArrayType: number;
  separateColourPlane: boolean;
  log2MaxFrameNum: number;
  picOrderCntType: number;
  log2MaxPicOrderCntLsb: number;
  deltaPicOrderAlwaysZero: boolean;
  frameMbsOnly: boolean;
}

export interface PpsInfo {
  id: number;
  spsId: number;
  entropyCodingMode: boolean;
  bottomFieldPicOrderInFramePresent: boolean;
  numRefIdxL0DefaultActive: number;
  numRefIdxL1DefaultActive: number;
  weightedPred: boolean;
  weightedBipredIdc: number;
  deblockingFilterControlPresent: boolean;
  redundantPicCntPresent: boolean;
}

/** Profiles whose SPS carries chroma_format_idc and friends (§7.3.2.1.1). */
const HIGH_PROFILES = [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135];

function skipScalingList(reader: RbspReader, size: number): void {
  let lastScale = 8;
  let nextScale = 8;
  for (let j = 0; j < size; j++) {
    if (nextScale !== 0) nextScale = (lastScale + reader.se() + 256) % 256;
    lastScale = nextScale === 0 ? lastScale : nextScale;
  }
}

/** Sequence parameter set (§7.3.2.1.1); `nal` includes its one-byte NAL header. */
export function parseSps(nal: Uint8Array): SpsInfo {
  const reader = new RbspReader(nal, 1);
  const profileIdc = reader.u(8);
  reader.skip(16); // constraint flags, level_idc
  const id = reader.ue();
  let chromaFormatIdc = 1;
  let separateColourPlane = false;
  if (HIGH_PROFILES.indexOf(profileIdc) >= 0) {
    chromaFormatIdc = reader.ue();
    if (chromaFormatIdc === 3) separateColourPlane = reader.flag() === 1;
    reader.ue(); // bit_depth_luma_minus8
    reader.ue(); // bit_depth_chroma_minus8
    reader.flag(); // qpprime_y_zero_transform_bypass_flag
    if (reader.flag()) {
      const lists = chromaFormatIdc !== 3 ? 8 : 12;
      for (let i = 0; i < lists; i++) if (reader.flag()) skipScalingList(reader, i < 6 ? 16 : 64);
    }
  }
  const log2MaxFrameNum = reader.ue() + 4;
  const picOrderCntType = reader.ue();
  let log2MaxPicOrderCntLsb = 0;
  let deltaPicOrderAlwaysZero = false;
  if (picOrderCntType === 0) log2MaxPicOrderCntLsb = reader.ue() + 4;
  else if (picOrderCntType === 1) {
    deltaPicOrderAlwaysZero = reader.flag() === 1;
    reader.se();
    reader.se();
    const cycle = reader.ue();
    for (let i = 0; i < cycle; i++) reader.se();
  }
  reader.ue(); // max_num_ref_frames
  reader.flag(); // gaps_in_frame_num_value_allowed_flag
  reader.ue(); // pic_width_in_mbs_minus1
  reader.ue(); // pic_height_in_map_units_minus1
  const frameMbsOnly = reader.flag() === 1;
  return {
    id,
    chromaArrayType: separateColourPlane ? 0 : chromaFormatIdc,
    separateColourPlane,
    log2MaxFrameNum,
    picOrderCntType,
    log2MaxPicOrderCntLsb,
    deltaPicOrderAlwaysZero,
    frameMbsOnly,
  };
}

/** Picture parameter set (§7.3.2.2), up to the fields slice headers depend on. */
export function parsePps(nal: Uint8Array): PpsInfo {
  const reader = new RbspReader(nal, 1);
  const id = reader.ue();
  const spsId = reader.ue();
  const entropyCodingMode = reader.flag() === 1;
  const bottomFieldPicOrderInFramePresent = reader.flag() === 1;
  if (reader.ue() > 0) throw new Error('H.264 slice groups (FMO) are not supported by the encryptor');
  const numRefIdxL0DefaultActive = reader.ue() + 1;
  const numRefIdxL1DefaultActive = reader.ue() + 1;
  const weightedPred = reader.flag() === 1;
  const weightedBipredIdc = reader.u(2);
  reader.se(); // pic_init_qp_minus26
  reader.se(); // pic_init_qs_minus26
  reader.se(); // chroma_qp_index_offset
  const deblockingFilterControlPresent = reader.flag() === 1;
  reader.flag(); // constrained_intra_pred_flag
  const redundantPicCntPresent = reader.flag() === 1;
  return {
    id, spsId, entropyCodingMode, bottomFieldPicOrderInFramePresent, numRefIdxL0DefaultActive, numRefIdxL1DefaultActive,
    weightedPred, weightedBipredIdc, deblockingFilterControlPresent, redundantPicCntPresent,
  };
}

/** Parameter sets seen so far, by id (from avcC, then in-band NAL units). */
export class ParameterSets {
  private readonly sps = new Map<number, SpsInfo>();
  private readonly pps = new Map<number, PpsInfo>();

  addSps(nal: Uint8Array): void {
    const info = parseSps(nal);
    this.sps.set(info.id, info);
  }

  addPps(nal: Uint8Array): void {
    const info = parsePps(nal);
    this.pps.set(info.id, info);
  }

  lookup(ppsId: number): { sps: SpsInfo; pps: PpsInfo } {
    const pps = this.pps.get(ppsId);
    const sps = pps && this.sps.get(pps.spsId);
    if (!pps || !sps) throw new Error(`H.264 slice refers to unknown parameter set ${ppsId}`);
    return { sps, pps };
  }
}

const P = 0;
const B = 1;
const I = 2;
const SP = 3;
const SI = 4;

function skipRefPicListModification(reader: RbspReader): void {
  if (!reader.flag()) return;
  for (let idc = reader.ue(); idc !== 3; idc = reader.ue()) {
    if (idc > 5) throw new RangeError(`bad modification_of_pic_nums_idc ${idc}`);
    reader.ue(); // abs_diff_pic_num_minus1 / long_term_pic_num / abs_diff_view_idx_minus1
  }
}

function skipPredWeightTable(reader: RbspReader, sps: SpsInfo, sliceType: number, l0: number, l1: number): void {
  reader.ue(); // luma_log2_weight_denom
  if (sps.chromaArrayType !== 0) reader.ue(); // chroma_log2_weight_denom
  const lists = sliceType === B ? [l0, l1] : [l0];
  for (const count of lists) {
    for (let i = 0; i < count; i++) {
      if (reader.flag()) {
        reader.se();
        reader.se();
      }
      if (sps.chromaArrayType !== 0 && reader.flag()) for (let j = 0; j < 4; j++) reader.se();
    }
  }
}

function skipDecRefPicMarking(reader: RbspReader, idr: boolean): void {
  if (idr) {
    reader.skip(2); // no_output_of_prior_pics_flag, long_term_reference_flag
    return;
  }
  if (!reader.flag()) return;
  for (let op = reader.ue(); op !== 0; op = reader.ue()) {
    if (op > 6) throw new RangeError(`bad memory_management_control_operation ${op}`);
    if (op === 1 || op === 3) reader.ue();
    if (op === 2) reader.ue();
    if (op === 3 || op === 6) reader.ue();
    if (op === 4) reader.ue();
  }
}

/**
 * Size in bytes (of the escaped NAL unit, header byte included) of a coded slice's NAL
 * header plus slice header (§7.3.3), for nal_unit_type 1 and 5.
 */
export function sliceHeaderSize(nal: Uint8Array, sets: ParameterSets): number {
  const nalRefIdc = (nal[0]! >> 5) & 3;
  const idr = (nal[0]! & 31) === 5;
  const attempt = (maxBytes: number): number => {
    const reader = new RbspReader(nal, 1, maxBytes);
    reader.ue(); // first_mb_in_slice
    const sliceType = reader.ue() % 5;
    const { sps, pps } = sets.lookup(reader.ue());
    if (sps.separateColourPlane) reader.skip(2);
    reader.skip(sps.log2MaxFrameNum);
    let fieldPic = false;
    if (!sps.frameMbsOnly) {
      fieldPic = reader.flag() === 1;
      if (fieldPic) reader.flag(); // bottom_field_flag
    }
    if (idr) reader.ue(); // idr_pic_id
    if (sps.picOrderCntType === 0) {
      reader.skip(sps.log2MaxPicOrderCntLsb);
      if (pps.bottomFieldPicOrderInFramePresent && !fieldPic) reader.se();
    }
    if (sps.picOrderCntType === 1 && !sps.deltaPicOrderAlwaysZero) {
      reader.se();
      if (pps.bottomFieldPicOrderInFramePresent && !fieldPic) reader.se();
    }
    if (pps.redundantPicCntPresent) reader.ue();
    if (sliceType === B) reader.flag(); // direct_spatial_mv_pred_flag
    let l0 = pps.numRefIdxL0DefaultActive;
    let l1 = pps.numRefIdxL1DefaultActive;
    if (sliceType === P || sliceType === SP || sliceType === B) {
      if (reader.flag()) {
        l0 = reader.ue() + 1;
        if (sliceType === B) l1 = reader.ue() + 1;
      }
    }
    if (sliceType !== I && sliceType !== SI) {
      skipRefPicListModification(reader);
      if (sliceType === B) skipRefPicListModification(reader);
    }
    if ((pps.weightedPred && (sliceType === P || sliceType === SP)) || (pps.weightedBipredIdc === 1 && sliceType === B)) {
      skipPredWeightTable(reader, sps, sliceType, l0, l1);
    }
    if (nalRefIdc !== 0) skipDecRefPicMarking(reader, idr);
    if (pps.entropyCodingMode && sliceType !== I && sliceType !== SI) reader.ue(); // cabac_init_idc
    reader.se(); // slice_qp_delta
    if (sliceType === SP || sliceType === SI) {
      if (sliceType === SP) reader.flag(); // sp_for_switch_flag
      reader.se(); // slice_qs_delta
    }
    if (pps.deblockingFilterControlPresent && reader.ue() !== 1) {
      reader.se();
      reader.se();
    }
    return reader.nalBytesUsed();
  };
  // Slice headers are short: read a small prefix first, the whole unit only if needed.
  try {
    return attempt(256);
  } catch (error) {
    if (nal.length <= 256 || !(error instanceof RangeError)) throw error;
    return attempt(nal.length);
  }
}
