import { describe, expect, it } from 'vitest';
import {
  childBoxes, findEmsgBoxes, findPsshBoxes, parseBoxTree, parseInitSegment, parseSaio, parseSaiz, parseSenc, parseSidx, parseTfdt,
  parseTrun, readBoxes, readFragments, writeMediaSegment, writeSidx,
} from '@tessera/core/mp4';
import { bytes, concatBytes, expectMp4Invalid, expectTypedOutcome, u32, writeBox, writeFullBox } from './helpers';
import { audioEntry, avcC, esds, initSegment, trak, visualEntry } from './init-builder';

const PARSERS: Array<[string, (data: Uint8Array) => unknown]> = [
  ['readBoxes', (d) => readBoxes(d)],
  ['parseBoxTree', (d) => parseBoxTree(d)],
  ['parseInitSegment', (d) => parseInitSegment(d)],
  ['readFragments', (d) => readFragments(d)],
  ['parseSidx', (d) => parseSidx(d)],
  ['findPsshBoxes', (d) => findPsshBoxes(d)],
  ['findEmsgBoxes', (d) => findEmsgBoxes(d)],
  ['parseTfdt', (d) => parseTfdt(d)],
];

function realisticInputs(): Uint8Array[] {
  const init = initSegment([
    trak(1, 12800, 'und', 'vide', visualEntry('avc1', 320, 240, [avcC([0x67, 0x64, 0, 0x0d, 0xac])]), 320, 240),
    trak(2, 48000, 'eng', 'soun', audioEntry('mp4a', 2, 48000, [esds(2)])),
  ]);
  const segment = writeMediaSegment({
    sequenceNumber: 1,
    styp: { majorBrand: 'msdh', compatibleBrands: ['msdh'] },
    tracks: [{ trackId: 1, baseMediaDecodeTime: 0, samples: [{ duration: 512, size: 4, flags: 0x02000000, compositionTimeOffset: 0 }, { duration: 512, size: 2, flags: 0x01010000, compositionTimeOffset: -512 }], sampleData: [bytes(1, 2, 3, 4), bytes(5, 6)] }],
  });
  const sidx = writeSidx({ referenceId: 1, timescale: 1000, earliestPresentationTime: 0, firstOffset: 0, references: [{ referenceType: 0, referencedSize: 10, subsegmentDuration: 1000, startsWithSap: true, sapType: 1, sapDeltaTime: 0 }] });
  return [init, segment, concatBytes([sidx, segment])];
}

/** Deterministic PRNG so a failing fuzz case is reproducible. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

describe('malformed input gives a typed error (or undefined), never another exception or a hang', () => {
  it('rejects a size smaller than the header as fatal', () => {
    const error = expectMp4Invalid(() => readBoxes(concatBytes([u32(4), bytes(0x6d, 0x6f, 0x6f, 0x76)])));
    expect(error.severity).toBe('fatal');
    expect(error.data).toMatchObject({ offset: 0 });
  });

  it('rejects a size past the end as recoverable (more bytes may come)', () => {
    const error = expectMp4Invalid(() => readBoxes(concatBytes([writeBox('free'), u32(100), bytes(0x6d, 0x6f, 0x6f, 0x76)])));
    expect(error.severity).toBe('recoverable');
    expect(error.data).toMatchObject({ offset: 8 });
  });

  it('rejects a truncated header and largesize', () => {
    expectMp4Invalid(() => readBoxes(bytes(0, 0, 0, 9, 0x6d)));
    expectMp4Invalid(() => readBoxes(concatBytes([u32(1), bytes(0x6d, 0x64, 0x61, 0x74), u32(0)])));
    expectMp4Invalid(() => readBoxes(concatBytes([u32(1), bytes(0x6d, 0x64, 0x61, 0x74), u32(0xffffffff, 0)])));
  });

  it('handles zero sizes: size 0 extends to the end, nested size 0 inside a container too', () => {
    expect(readBoxes(concatBytes([u32(0), bytes(0x66, 0x72, 0x65, 0x65)]))[0]!.size).toBe(8);
    const moov = concatBytes([u32(16), bytes(0x6d, 0x6f, 0x6f, 0x76), u32(0), bytes(0x74, 0x72, 0x61, 0x6b)]);
    expect(childBoxes(readBoxes(moov)[0]!).map((b) => b.size)).toEqual([8]);
    expectTypedOutcome(() => readBoxes(new Uint8Array(64)));
  });

  it('rejects huge counts before allocating', () => {
    expectMp4Invalid(() => parseTrun(readBoxes(writeFullBox('trun', 0, 0x300, [u32(0x7fffffff)]))[0]!));
    expectMp4Invalid(() => parseTrun(readBoxes(writeFullBox('trun', 0, 0, [u32(0xffffffff)]))[0]!));
    expectMp4Invalid(() => parseSaiz(readBoxes(writeFullBox('saiz', 0, 0, [bytes(0), u32(0xffffff)]))[0]!));
    expectMp4Invalid(() => parseSaio(readBoxes(writeFullBox('saio', 0, 0, [u32(0xfffffff)]))[0]!));
    expectMp4Invalid(() => parseSenc(readBoxes(writeFullBox('senc', 0, 0, [u32(0xfffffff)]))[0]!));
    expectMp4Invalid(() => parseSidx(writeFullBox('sidx', 0, 0, [u32(1, 1000, 0, 0), bytes(0, 0, 0xff, 0xff)])));
    expectMp4Invalid(() => parseInitSegment(concatBytes([writeBox('moov', [writeBox('trak', [writeBox('mdia', [writeBox('minf', [writeBox('stbl', [writeFullBox('stsd', 0, 0, [u32(0xffffffff), audioEntry('mp4a', 2, 48000, [writeFullBox('esds', 0, 0, [bytes(3, 0xff, 0xff, 0xff, 0x7f)])])])])])])])])])));
  });

  it('rejects sample data that lies outside the segment', () => {
    const segment = realisticInputs()[1]!;
    expectMp4Invalid(() => readFragments(segment.subarray(0, segment.length - 3)));
  });

  it('survives every truncation of real-looking inputs', () => {
    for (const input of realisticInputs()) {
      for (let cut = 0; cut <= input.length; cut++) {
        for (const [, parse] of PARSERS) expectTypedOutcome(() => parse(input.subarray(0, cut)));
      }
    }
  });

  it('survives random byte corruption (seeded fuzz)', () => {
    const next = random(42);
    const started = performance.now();
    for (const input of realisticInputs()) {
      for (let round = 0; round < 400; round++) {
        const mutated = input.slice();
        const edits = 1 + Math.floor(next() * 4);
        for (let e = 0; e < edits; e++) {
          const at = Math.floor(next() * mutated.length);
          mutated[at] = next() < 0.3 ? [0, 1, 0xff, 0x7f][Math.floor(next() * 4)]! : Math.floor(next() * 256);
        }
        for (const [, parse] of PARSERS) expectTypedOutcome(() => parse(mutated));
      }
    }
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
