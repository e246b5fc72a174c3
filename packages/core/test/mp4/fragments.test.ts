import { describe, expect, it } from 'vitest';
import {
  ByteWriter, childNode, findBox, fixMoofOffsets, parseBoxTree, parseSaio, parseSaiz, parseSenc, parseTrun, readBoxes, readFragments,
  serializeBox, serializeBoxes, writeBox, writeFullBox, writeMediaSegment, writeMfhd, writeTfhd, writeTrun,
  SAMPLE_FLAG_NON_SYNC, TRUN_SAMPLE_SIZE,
} from '@tessera/core/mp4';
import { bytes, concatBytes, u32 } from './helpers';
import { initSegment, trak, trex, visualEntry } from './init-builder';

const SYNC = 0x02000000;
const NON_SYNC = 0x01010000;

function sampleSegment(): Uint8Array {
  return writeMediaSegment({
    sequenceNumber: 5,
    styp: { majorBrand: 'msdh', compatibleBrands: ['msdh'] },
    tracks: [{
      trackId: 1,
      baseMediaDecodeTime: 1000,
      samples: [
        { duration: 100, size: 3, flags: SYNC, compositionTimeOffset: 0 },
        { duration: 100, size: 2, flags: NON_SYNC, compositionTimeOffset: -100 },
        { duration: 100, size: 4, flags: NON_SYNC, compositionTimeOffset: 200 },
      ],
      sampleData: [bytes(1, 1, 1), bytes(2, 2), bytes(3, 3, 3, 3)],
    }],
  });
}

describe('writeMediaSegment + readFragments', () => {
  it('round-trips samples, timing, flags and signed composition offsets', () => {
    const segment = sampleSegment();
    expect(readBoxes(segment).map((b) => b.type)).toEqual(['styp', 'moof', 'mdat']);
    const [fragment] = readFragments(segment);
    expect(fragment).toMatchObject({ trackId: 1, sequenceNumber: 5, baseMediaDecodeTime: 1000 });
    expect(fragment!.samples.map((s) => [s.decodeTime, s.duration, s.size, s.compositionTimeOffset, s.isSync])).toEqual([
      [1000, 100, 3, 0, true], [1100, 100, 2, -100, false], [1200, 100, 4, 200, false],
    ]);
    expect(fragment!.samples.map((s) => Array.from(segment.subarray(s.offset, s.offset + s.size)))).toEqual([[1, 1, 1], [2, 2], [3, 3, 3, 3]]);
    expect(parseTrun(findBox(segment, 'moof/traf/trun')!).version).toBe(1);
  });

  it('resolves defaults from tfhd and trex, and data offsets without default-base-is-moof', () => {
    // Two trafs, the second without a data offset base: it continues after the first traf's data.
    const traf1 = writeBox('traf', [writeTfhd({ trackId: 1, defaultBaseIsMoof: false, defaultSampleDuration: 10, defaultSampleSize: 2 }), writeTrun({ flags: 0, samples: [{}, {}], dataOffset: 0 })]);
    const traf2 = writeBox('traf', [writeTfhd({ trackId: 2, defaultBaseIsMoof: false }), writeTrun({ flags: TRUN_SAMPLE_SIZE, samples: [{ size: 1 }] })]);
    const moof = writeBox('moof', [writeMfhd(1), traf1, traf2]);
    fixMoofOffsets(moof);
    const data = concatBytes([moof, writeBox('mdat', [bytes(7, 7, 8, 8, 9)])]);
    const init = initSegment([], [trex(1, 1, 1, SYNC), trex(2, 33, 1, NON_SYNC)]);
    const fragments = readFragments(data, [
      { trackId: 1, defaultSampleDescriptionIndex: 1, defaultSampleDuration: 1, defaultSampleSize: 1, defaultSampleFlags: SYNC },
      { trackId: 2, defaultSampleDescriptionIndex: 1, defaultSampleDuration: 33, defaultSampleSize: 1, defaultSampleFlags: NON_SYNC },
    ]);
    expect(init.length).toBeGreaterThan(0);
    expect(fragments.map((f) => f.samples.map((s) => [data[s.offset], s.size, s.duration, s.isSync]))).toEqual([
      [[7, 2, 10, true], [8, 2, 10, true]],
      [[9, 1, 33, false]],
    ]);
  });

  it('rebuilds a moof with added senc/saiz/saio and fixes trun data_offset and saio', () => {
    const segment = sampleSegment();
    const nodes = parseBoxTree(segment);
    const moof = nodes.find((n) => n.type === 'moof')!;
    const traf = childNode(moof, 'traf')!;
    const ivs = [bytes(1, 1, 1, 1, 1, 1, 1, 1), bytes(2, 2, 2, 2, 2, 2, 2, 2), bytes(3, 3, 3, 3, 3, 3, 3, 3)];
    const senc = writeFullBox('senc', 0, 0, [u32(3), ...ivs]);
    const saiz = writeFullBox('saiz', 0, 0, [new ByteWriter().u8(8).u32(3).finish()]);
    const saio = writeFullBox('saio', 0, 0, [u32(1, 0)]);
    traf.children!.push(...parseBoxTree(concatBytes([senc, saiz, saio])));
    const newMoof = serializeBox(moof);
    fixMoofOffsets(newMoof);
    const mdat = nodes.find((n) => n.type === 'mdat')!;
    const rebuilt = concatBytes([newMoof, serializeBox(mdat)]);
    const [fragment] = readFragments(rebuilt);
    expect(fragment!.samples.map((s) => Array.from(rebuilt.subarray(s.offset, s.offset + s.size)))).toEqual([[1, 1, 1], [2, 2], [3, 3, 3, 3]]);
    const saioInfo = parseSaio(findBox(rebuilt, 'moof/traf/saio')!);
    const sencBox = findBox(rebuilt, 'moof/traf/senc')!;
    expect(Array.from(rebuilt.subarray(saioInfo.offsets[0]!, saioInfo.offsets[0]! + 8))).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(parseSenc(sencBox).map((s) => s.iv[0])).toEqual([1, 2, 3]);
    expect(parseSaiz(findBox(rebuilt, 'moof/traf/saiz')!)).toMatchObject({ defaultSampleInfoSize: 8, sampleCount: 3 });
  });

  it('serializes a parsed tree back to identical bytes', () => {
    const init = initSegment([trak(1, 90000, 'und', 'vide', visualEntry('avc1', 2, 2, [writeBox('avcC', [bytes(1, 66, 0, 30, 255, 224, 0)])]))]);
    expect(serializeBoxes(parseBoxTree(init))).toEqual(init);
    const segment = sampleSegment();
    expect(serializeBoxes(parseBoxTree(segment))).toEqual(segment);
  });

  it('parses senc with subsamples and infers the IV size when not given', () => {
    const body = new ByteWriter().u32(2);
    body.bytes(new Uint8Array(16).fill(9)).u16(2).u16(5).u32(100).u16(0).u32(7);
    body.bytes(new Uint8Array(16).fill(8)).u16(1).u16(3).u32(50);
    const box = readBoxes(writeFullBox('senc', 0, 2, [body.finish()]))[0]!;
    const samples = parseSenc(box);
    expect(samples.map((s) => [s.iv.length, s.subsamples])).toEqual([
      [16, [{ clearBytes: 5, protectedBytes: 100 }, { clearBytes: 0, protectedBytes: 7 }]],
      [16, [{ clearBytes: 3, protectedBytes: 50 }]],
    ]);
    expect(SAMPLE_FLAG_NON_SYNC).toBe(0x10000);
  });
});
