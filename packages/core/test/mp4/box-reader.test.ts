import { describe, expect, it } from 'vitest';
import {
  boxPayload, childBoxes, findBox, findBoxes, openFullBox, readBoxes, readBoxHeader, scanBoxes, ByteReader, decodeUtf8, encodeUtf8,
} from '@tessera/core/mp4';
import { bytes, concatBytes, expectMp4Invalid, u32, writeBox, writeFullBox } from './helpers';

describe('box reader', () => {
  it('reads sibling boxes with their offsets and payloads', () => {
    const data = concatBytes([writeBox('free', [bytes(1, 2, 3)]), writeBox('skip')]);
    const boxes = readBoxes(data);
    expect(boxes.map((b) => [b.type, b.start, b.size, b.headerSize])).toEqual([['free', 0, 11, 8], ['skip', 11, 8, 8]]);
    expect(Array.from(boxPayload(boxes[0]!))).toEqual([1, 2, 3]);
  });

  it('reads a 64-bit largesize header', () => {
    const data = concatBytes([u32(1), bytes(0x6d, 0x64, 0x61, 0x74), u32(0, 20), bytes(9, 8, 7, 6)]);
    const box = readBoxHeader(data, 0);
    expect(box).toMatchObject({ type: 'mdat', size: 20, headerSize: 16, payloadStart: 16, end: 20 });
  });

  it('treats size 0 as extending to the end of the container', () => {
    const data = concatBytes([writeBox('ftyp', [u32(0)]), u32(0), bytes(0x6d, 0x64, 0x61, 0x74, 1, 2, 3, 4, 5)]);
    const boxes = readBoxes(data);
    expect(boxes[1]).toMatchObject({ type: 'mdat', start: 12, size: 13, end: 25 });
  });

  it('reads the usertype of uuid boxes', () => {
    const usertype = bytes(...Array.from({ length: 16 }, (_, i) => i));
    const box = readBoxHeader(writeBox('uuid', [usertype, bytes(0xaa)]), 0);
    expect(box.usertype).toBe('000102030405060708090a0b0c0d0e0f');
    expect(box.headerSize).toBe(24);
  });

  it('finds boxes by path, descending through stsd into sample entries', () => {
    const avcC = writeBox('avcC', [bytes(1, 0x64, 0, 0x1f, 0xff, 0xe0, 0)]);
    const avc1 = writeBox('avc1', [new Uint8Array(78), avcC]);
    const stsd = writeFullBox('stsd', 0, 0, [u32(1), avc1]);
    const moov = writeBox('moov', [writeBox('trak', [writeBox('mdia', [writeBox('minf', [writeBox('stbl', [stsd])])])]), writeBox('trak')]);
    const data = concatBytes([writeBox('ftyp', [u32(0x69736f6d, 0)]), moov]);
    expect(findBoxes(data, 'moov/trak')).toHaveLength(2);
    const found = findBox(data, 'moov/trak/mdia/minf/stbl/stsd/avc1/avcC');
    expect(found?.type).toBe('avcC');
    expect(findBox(data, 'moov/trak/mdia/minf/stbl/stsd/*')?.type).toBe('avc1');
    expect(findBox(data, 'moov/nope')).toBeUndefined();
    const entry = findBox(data, 'moov/trak/mdia/minf/stbl/stsd/avc1')!;
    expect(childBoxes(entry, 'stsd').map((b) => b.type)).toEqual(['avcC']);
    expect(childBoxes(entry)).toEqual([]); // outside stsd a sample entry type is a leaf
  });

  it('opens full boxes: version and 24-bit flags', () => {
    const box = readBoxHeader(writeFullBox('tfhd', 1, 0x020001, [u32(7)]), 0);
    const { version, flags, reader } = openFullBox(box);
    expect([version, flags, reader.u32()]).toEqual([1, 0x020001, 7]);
  });

  it('stops a scan early when the visitor says so', () => {
    const data = concatBytes([writeBox('free'), writeBox('sidx'), bytes(0, 0, 0, 99, 0x6d)]);
    const seen: string[] = [];
    scanBoxes(data, (box) => {
      seen.push(box.type);
      return box.type === 'sidx';
    });
    expect(seen).toEqual(['free', 'sidx']);
  });

  it('reads 64-bit numbers up to 2^53 and rejects larger ones', () => {
    expect(new ByteReader(u32(0x1fffff, 0xffffffff)).u64()).toBe(Number.MAX_SAFE_INTEGER);
    expectMp4Invalid(() => new ByteReader(u32(0x200000, 0)).u64());
  });

  it('decodes and encodes UTF-8 without TextDecoder', () => {
    const text = 'urn:é:日本:🎬';
    expect(decodeUtf8(encodeUtf8(text))).toBe(text);
    expect(decodeUtf8(bytes(0xff, 0x41))).toBe('\ufffdA');
  });
});
