import { randomBytes } from 'node:crypto';
import {
  childBoxes, childNode, concatBytes, findBox, fixMoofOffsets, parseBoxTree, parseSampleEntry, parseTrackExtends, readFragments,
  serializeBox, serializeBoxes, type BoxNode, type FragmentSample,
} from '@tessera/core/mp4';
import {
  auxInfoSize, keyIdBytes, writeSaio, writeSaiz, writeSenc, writeSinf,
  type EncryptionScheme, type SampleEncryptionEntry, type TrackEncryptionBox,
} from './cenc-boxes';
import { ParameterSets } from './h264-slice-header';
import { encryptCbcPattern, encryptCtr, nextIv, type Pattern } from './sample-cipher';
import { avcSubsamples } from './subsamples';

export interface TrackEncryptionOptions {
  scheme: EncryptionScheme;
  /** Hex, 32 digits. */
  keyId: string;
  /** Hex, 32 digits. Stays in memory; never logged. */
  key: string;
  /** 'cenc' per-sample IV size: 8 (default) or 16. */
  ivSize?: 8 | 16;
  /** 'cbcs' constant IV (hex, 32 digits); random when absent. */
  constantIv?: string;
  /** pssh boxes to put in the moov. */
  pssh?: readonly Uint8Array[];
  /** Randomness for IVs (tests inject a fixed one). */
  random?: (bytes: number) => Uint8Array;
}

/** Encrypts one CMAF track: its init segment once, then each media segment. */
export interface TrackEncryptor {
  readonly kind: 'video' | 'audio';
  readonly scheme: EncryptionScheme;
  readonly keyId: string;
  /** ftyp+moov with the sample entry turned into encv/enca + sinf, and the pssh boxes. */
  encryptInit(init: Uint8Array): Uint8Array;
  /** [styp] moof mdat with encrypted samples and senc/saiz/saio in each traf. */
  encryptSegment(segment: Uint8Array): Uint8Array;
}

/** 'cbcs' video pattern 1:9 (ISO/IEC 23001-7 §10.4.2 recommends it); audio is full-sample. */
const VIDEO_CBCS_PATTERN: Pattern = { cryptBlocks: 1, skipBlocks: 9 };
const FULL_SAMPLE: Pattern = { cryptBlocks: 0, skipBlocks: 0 };

function sampleEntryNode(moov: BoxNode): BoxNode {
  const stsd = ['trak', 'mdia', 'minf', 'stbl', 'stsd'].reduce<BoxNode | undefined>((node, type) => node && childNode(node, type), moov);
  const entry = stsd?.children?.[0];
  if (!stsd || !entry) throw new Error('init segment has no sample entry (moov/trak/mdia/minf/stbl/stsd)');
  return entry;
}

function toNode(box: Uint8Array): BoxNode {
  return parseBoxTree(box)[0]!;
}

/**
 * Builds the encryptor from the track's clear init segment (ISO/IEC 23001-7 on CMAF,
 * ISO/IEC 23000-19 §8.2): H.264 video gets subsample encryption, audio whole samples.
 */
export function createTrackEncryptor(init: Uint8Array, options: TrackEncryptionOptions): TrackEncryptor {
  const random = options.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
  const moovBox = findBox(init, 'moov');
  const stsd = moovBox && findBox(init, 'trak/mdia/minf/stbl/stsd', moovBox);
  const entryBox = stsd ? childBoxes(stsd)[0] : undefined;
  if (!entryBox) throw new Error('init segment has no sample entry');
  const entry = parseSampleEntry(entryBox);
  if (entry.protection) throw new Error('the track is already encrypted');
  const kind = entry.kind === 'visual' ? 'video' : entry.kind === 'audio' ? 'audio' : undefined;
  if (!kind) throw new Error(`cannot encrypt a '${entry.format}' track`);
  if (kind === 'video' && !entry.avc) throw new Error(`video encryption supports H.264 (avc1/avc3) only, not '${entry.format}'`);
  const key = keyIdBytes(options.key);
  const scheme = options.scheme;
  const trackExtends = parseTrackExtends(init);
  const sets = new ParameterSets();
  if (entry.avc) {
    for (const sps of entry.avc.sps) sets.addSps(sps);
    for (const pps of entry.avc.pps) sets.addPps(pps);
  }
  const nalLengthSize = entry.avc?.nalUnitLengthSize ?? 4;
  const pattern = kind === 'video' ? VIDEO_CBCS_PATTERN : FULL_SAMPLE;
  const tenc: TrackEncryptionBox = scheme === 'cenc'
    ? { scheme, keyId: options.keyId, perSampleIvSize: options.ivSize ?? 8 }
    : {
        scheme, keyId: options.keyId, perSampleIvSize: 0, cryptBlocks: pattern.cryptBlocks, skipBlocks: pattern.skipBlocks,
        constantIv: options.constantIv ? keyIdBytes(options.constantIv) : random(16),
      };
  let iv = scheme === 'cenc' ? random(tenc.perSampleIvSize) : new Uint8Array(0);

  const encryptSample = (sample: Uint8Array): SampleEncryptionEntry => {
    const subsamples = kind === 'video' ? avcSubsamples(sample, nalLengthSize, sets) : undefined;
    if (scheme === 'cbcs') {
      encryptCbcPattern(sample, key, tenc.constantIv!, pattern, subsamples);
      return { iv: new Uint8Array(0), subsamples };
    }
    const sampleIv = iv;
    encryptCtr(sample, key, sampleIv, subsamples);
    // 8-byte IVs leave the low half of the counter block to the block counter: +1 per sample
    // suffices; 16-byte IVs step past every block this sample used.
    const blocks = Math.ceil(sample.length / 16);
    iv = nextIv(iv, sampleIv.length === 8 ? 1 : blocks);
    return { iv: sampleIv, subsamples };
  };

  return {
    kind,
    scheme,
    keyId: options.keyId,
    encryptInit(clearInit) {
      const nodes = parseBoxTree(clearInit);
      const moov = nodes.find((node) => node.type === 'moov');
      if (!moov?.children) throw new Error('init segment has no moov');
      const sampleEntry = sampleEntryNode(moov);
      const originalFormat = sampleEntry.type;
      sampleEntry.type = kind === 'video' ? 'encv' : 'enca';
      sampleEntry.children = [...(sampleEntry.children ?? []), toNode(writeSinf(originalFormat, tenc))];
      for (const box of options.pssh ?? []) moov.children.push(toNode(box));
      return serializeBoxes(nodes);
    },
    encryptSegment(segment) {
      const fragments = readFragments(segment, trackExtends);
      const nodes = parseBoxTree(segment);
      const parts: Uint8Array[] = [];
      let offset = 0;
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i]!;
        const size = serializedSizeAt(segment, offset);
        const moofStart = offset;
        offset += size;
        if (node.type !== 'moof') {
          if (node.type !== 'mdat') parts.push(segment.subarray(moofStart, moofStart + size));
          continue;
        }
        const mdatNode = nodes[i + 1];
        if (!mdatNode || mdatNode.type !== 'mdat') throw new Error('moof not followed by its mdat');
        const mdatStart = offset;
        const mdatSize = serializedSizeAt(segment, mdatStart);
        const mdatHeader = mdatSize - mdatNode.body.length;
        const payloadStart = mdatStart + mdatHeader;
        const payload = segment.slice(payloadStart, mdatStart + mdatSize);
        for (const traf of node.children ?? []) {
          if (traf.type !== 'traf') continue;
          const fragment = fragments.find((f) => f.moofStart === moofStart && f.trackId === trackIdOf(traf));
          const samples: FragmentSample[] = fragment ? fragment.samples : [];
          const entries = samples.map((s) => {
            const at = s.offset - payloadStart;
            if (at < 0 || at + s.size > payload.length) throw new Error('sample data outside its mdat');
            return encryptSample(payload.subarray(at, at + s.size));
          });
          const sizes = entries.map(auxInfoSize);
          // A constant IV and no subsamples leave nothing per sample: no senc/saiz/saio then (§7.1).
          if (sizes.some((size) => size > 0)) traf.children!.push(toNode(writeSenc(entries)), toNode(writeSaiz(sizes)), toNode(writeSaio()));
        }
        const moof = serializeBox(node);
        const mdat = serializeBox({ type: 'mdat', body: payload });
        fixMoofOffsets(moof, { mdatHeaderSize: mdat.length - payload.length, trackExtends });
        parts.push(moof, mdat);
      }
      return concatBytes(parts);
    },
  };
}

function serializedSizeAt(data: Uint8Array, offset: number): number {
  const view = new DataView(data.buffer, data.byteOffset + offset);
  const size = view.getUint32(0);
  if (size === 1) return view.getUint32(8) * 0x100000000 + view.getUint32(12);
  return size === 0 ? data.length - offset : size;
}

/** tfhd track_ID: after the FullBox version and flags. */
function trackIdOf(traf: BoxNode): number {
  const tfhd = childNode(traf, 'tfhd');
  if (!tfhd || tfhd.body.length < 8) throw new Error('traf without tfhd');
  return new DataView(tfhd.body.buffer, tfhd.body.byteOffset, tfhd.body.byteLength).getUint32(4);
}
