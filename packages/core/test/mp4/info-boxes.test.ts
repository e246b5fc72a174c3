import { describe, expect, it } from 'vitest';
import {
  findEmsgBoxes, findPsshBoxes, parseSidx, parseTfdt, writeEmsg, writePssh, writeSidx, writeMediaSegment, writeTfdt, readBoxHeader, parseTfdtBox,
} from '@tessera/core/mp4';
import { bytes, concatBytes, expectMp4Invalid, u32, writeBox, writeFullBox } from './helpers';

const WIDEVINE = 'edef8ba979d64acea3c827dcd51d21ed';
const KID_A = '0123456789abcdef0123456789abcdef';
const KID_B = 'fedcba9876543210fedcba9876543210';

describe('sidx', () => {
  const sidx = writeSidx({
    referenceId: 1, timescale: 90000, earliestPresentationTime: 1800, firstOffset: 0,
    references: [
      { referenceType: 0, referencedSize: 1000, subsegmentDuration: 360000, startsWithSap: true, sapType: 1, sapDeltaTime: 0 },
      { referenceType: 1, referencedSize: 2000, subsegmentDuration: 180000, startsWithSap: false, sapType: 0, sapDeltaTime: 5 },
    ],
  });

  it('parses the first top-level sidx and where it ends', () => {
    const data = concatBytes([writeBox('ftyp', [u32(0, 0)]), writeBox('moov'), sidx, writeBox('moof')]);
    const info = parseSidx(data)!;
    expect(info).toMatchObject({ version: 0, referenceId: 1, timescale: 90000, earliestPresentationTime: 1800, firstOffset: 0 });
    expect(info.references).toEqual([
      { referenceType: 0, referencedSize: 1000, subsegmentDuration: 360000, startsWithSap: true, sapType: 1, sapDeltaTime: 0 },
      { referenceType: 1, referencedSize: 2000, subsegmentDuration: 180000, startsWithSap: false, sapType: 0, sapDeltaTime: 5 },
    ]);
    expect(info.endOffset).toBe(16 + 8 + sidx.length);
  });

  it('writes version 1 for 64-bit times and reads it back', () => {
    const big = writeSidx({ referenceId: 2, timescale: 1000, earliestPresentationTime: 2 ** 40, firstOffset: 10, references: [] });
    expect(parseSidx(big)).toMatchObject({ version: 1, earliestPresentationTime: 2 ** 40, firstOffset: 10, references: [] });
  });

  it('returns undefined when there is no sidx, even if the range stops inside a later box', () => {
    expect(parseSidx(concatBytes([writeBox('ftyp', [u32(0, 0)]), writeBox('moov')]))).toBeUndefined();
    const partial = concatBytes([writeBox('ftyp', [u32(0, 0)]), u32(5000), bytes(0x6d, 0x6f, 0x6f, 0x76, 0)]);
    expect(parseSidx(partial)).toBeUndefined();
    expect(parseSidx(new Uint8Array(0))).toBeUndefined();
  });

  it('ignores a truncated tail after the sidx', () => {
    const data = concatBytes([sidx, u32(99999), bytes(0x6d, 0x6f)]);
    expect(parseSidx(data)?.references).toHaveLength(2);
  });

  it('throws MP4_INVALID for a truncated sidx', () => {
    expectMp4Invalid(() => parseSidx(sidx.subarray(0, sidx.length - 4)));
  });
});

describe('emsg', () => {
  it('reads version 0 and version 1 boxes in order', () => {
    const v0 = writeEmsg({ version: 0, schemeIdUri: 'urn:scte:scte35:2013:bin', value: '1', timescale: 90000, presentationTimeDelta: 900, eventDuration: 2700, id: 7, messageData: bytes(1, 2) });
    const v1 = writeEmsg({ version: 1, schemeIdUri: 'https://aomedia.org/emsg/ID3', value: '', timescale: 1000, presentationTime: 2 ** 35, eventDuration: 0xffffffff, id: 8, messageData: bytes() });
    const events = findEmsgBoxes(concatBytes([writeBox('styp', [u32(0, 0)]), v0, v1, writeBox('moof'), writeBox('mdat')]));
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ version: 0, schemeIdUri: 'urn:scte:scte35:2013:bin', value: '1', timescale: 90000, presentationTimeDelta: 900, eventDuration: 2700, id: 7 });
    expect(Array.from(events[0]!.messageData)).toEqual([1, 2]);
    expect(events[0]!.presentationTime).toBeUndefined();
    expect(events[1]).toMatchObject({ version: 1, schemeIdUri: 'https://aomedia.org/emsg/ID3', presentationTime: 2 ** 35, eventDuration: 0xffffffff, id: 8 });
  });

  it('rejects an unknown emsg version with a typed error', () => {
    expectMp4Invalid(() => findEmsgBoxes(writeFullBox('emsg', 3, 0, [u32(0)])));
  });
});

describe('pssh', () => {
  it('finds v0 and v1 boxes at the top level and inside moov and moof', () => {
    const v0 = writePssh(WIDEVINE, bytes(0x08, 0x01));
    const v1 = writePssh('1077efec-c0b2-4d02-ace3-3c1e52e2fb4b', bytes(), [KID_A, KID_B]);
    const data = concatBytes([writeBox('moov', [writeBox('mvhd'), v0]), v1, writeBox('moof', [writeBox('mfhd'), v0])]);
    const found = findPsshBoxes(data);
    expect(found.map((p) => [p.systemId, p.keyIds])).toEqual([
      [WIDEVINE, []],
      ['1077efecc0b24d02ace33c1e52e2fb4b', [KID_A, KID_B]],
      [WIDEVINE, []],
    ]);
    expect(Array.from(found[0]!.data)).toEqual([8, 1]);
    expect(found[0]!.box).toEqual(v0);
  });

  it('rejects a KID count larger than the box', () => {
    const box = writeFullBox('pssh', 1, 0, [new Uint8Array(16), u32(0x10000000)]);
    expectMp4Invalid(() => findPsshBoxes(box));
  });
});

describe('tfdt', () => {
  it('reads baseMediaDecodeTime per traf of each moof', () => {
    const segment = writeMediaSegment({
      sequenceNumber: 3,
      tracks: [
        { trackId: 1, baseMediaDecodeTime: 2 ** 33, samples: [{ duration: 10, size: 2, flags: 0, compositionTimeOffset: 0 }], sampleData: [bytes(1, 2)] },
        { trackId: 2, baseMediaDecodeTime: 480, samples: [{ duration: 10, size: 1, flags: 0, compositionTimeOffset: 0 }], sampleData: [bytes(3)] },
      ],
    });
    expect(parseTfdt(segment)).toEqual([{ trackId: 1, baseMediaDecodeTime: 2 ** 33 }, { trackId: 2, baseMediaDecodeTime: 480 }]);
  });

  it('reads version 0 (32-bit) tfdt', () => {
    expect(parseTfdtBox(readBoxHeader(writeFullBox('tfdt', 0, 0, [u32(123456)]), 0))).toBe(123456);
    expect(parseTfdtBox(readBoxHeader(writeTfdt(5), 0))).toBe(5);
  });
});
