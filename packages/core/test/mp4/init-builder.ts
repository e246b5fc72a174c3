import { ByteWriter, concatBytes, writeBox, writeFullBox } from '@tessera/core/mp4';

/** Hand-built init segments for tests (ISO/IEC 14496-12 layouts). */
export function tkhd(trackId: number, width = 0, height = 0): Uint8Array {
  const w = new ByteWriter().u32(0).u32(0).u32(trackId).u32(0).u32(1000).zeros(8).u16(0).u16(0).u16(0).u16(0).zeros(36);
  w.u32(width * 65536).u32(height * 65536);
  return writeFullBox('tkhd', 0, 7, [w.finish()]);
}

export function mdhd(timescale: number, language: string): Uint8Array {
  let packed = 0;
  for (let i = 0; i < 3; i++) packed = (packed << 5) | (language.charCodeAt(i) - 0x60);
  return writeFullBox('mdhd', 0, 0, [new ByteWriter().u32(0).u32(0).u32(timescale).u32(0).u16(packed).u16(0).finish()]);
}

export function hdlr(handler: string): Uint8Array {
  return writeFullBox('hdlr', 0, 0, [new ByteWriter().u32(0).fourcc(handler).zeros(12).cstring('handler').finish()]);
}

export function visualEntry(format: string, width: number, height: number, children: Uint8Array[]): Uint8Array {
  const w = new ByteWriter().zeros(6).u16(1).zeros(16).u16(width).u16(height).u32(0x00480000).u32(0x00480000).u32(0).u16(1).zeros(32).u16(24).u16(0xffff);
  return writeBox(format, [w.finish(), ...children]);
}

export function audioEntry(format: string, channels: number, sampleRate: number, children: Uint8Array[]): Uint8Array {
  const w = new ByteWriter().zeros(6).u16(1).zeros(8).u16(channels).u16(16).u16(0).u16(0).u32(sampleRate * 65536);
  return writeBox(format, [w.finish(), ...children]);
}

export function avcC(sps: number[]): Uint8Array {
  const w = new ByteWriter().u8(1).u8(sps[1]!).u8(sps[2]!).u8(sps[3]!).u8(0xff).u8(0xe1).u16(sps.length).bytes(new Uint8Array(sps));
  w.u8(1).u16(4).bytes(new Uint8Array([0x68, 0xee, 0x3c, 0x80]));
  return writeBox('avcC', [w.finish()]);
}

/** esds with an AudioSpecificConfig for AAC (object type `aot`, 48 kHz, stereo). */
export function esds(aot: number): Uint8Array {
  const asc = [(aot << 3) | (3 >> 1), ((3 & 1) << 7) | (2 << 3)];
  const decoderSpecific = [0x05, asc.length, ...asc];
  const decoderConfig = [0x04, 13 + decoderSpecific.length, 0x40, 0x15, 0, 0, 0, 0, 1, 0xf4, 0, 0, 1, 0xf4, 0, ...decoderSpecific];
  const es = [0x03, 0x80, 0x80, 0x80, 3 + decoderConfig.length + 3, 0, 1, 0, ...decoderConfig, 0x06, 1, 2];
  return writeFullBox('esds', 0, 0, [new Uint8Array(es)]);
}

export function sinf(original: string, scheme: string, keyId: string, options: { ivSize: number; constantIv?: number[]; pattern?: [number, number] }): Uint8Array {
  const kid = new Uint8Array(16);
  for (let i = 0; i < 16; i++) kid[i] = parseInt(keyId.substr(i * 2, 2), 16);
  const tencBody = new ByteWriter().u8(0).u8(options.pattern ? (options.pattern[0] << 4) | options.pattern[1] : 0).u8(1).u8(options.ivSize).bytes(kid);
  if (options.constantIv) tencBody.u8(options.constantIv.length).bytes(new Uint8Array(options.constantIv));
  return writeBox('sinf', [
    writeBox('frma', [new ByteWriter().fourcc(original).finish()]),
    writeFullBox('schm', 0, 0, [new ByteWriter().fourcc(scheme).u32(0x10000).finish()]),
    writeBox('schi', [writeFullBox('tenc', options.pattern ? 1 : 0, 0, [tencBody.finish()])]),
  ]);
}

export function trak(trackId: number, timescale: number, language: string, handler: string, entry: Uint8Array, width = 0, height = 0): Uint8Array {
  const stsd = writeFullBox('stsd', 0, 0, [new ByteWriter().u32(1).finish(), entry]);
  return writeBox('trak', [
    tkhd(trackId, width, height),
    writeBox('mdia', [mdhd(timescale, language), hdlr(handler), writeBox('minf', [writeBox('stbl', [stsd])])]),
  ]);
}

export function initSegment(traks: Uint8Array[], trex: Uint8Array[] = []): Uint8Array {
  const ftyp = writeBox('ftyp', [new ByteWriter().fourcc('iso6').u32(0).fourcc('iso6').fourcc('cmfc').finish()]);
  const mvhd = writeFullBox('mvhd', 0, 0, [new ByteWriter().u32(0).u32(0).u32(1000).u32(0).zeros(80).finish()]);
  return concatBytes([ftyp, writeBox('moov', [mvhd, ...traks, writeBox('mvex', trex)])]);
}

export function trex(trackId: number, duration: number, size: number, flags: number): Uint8Array {
  return writeFullBox('trex', 0, 0, [new ByteWriter().u32(trackId).u32(1).u32(duration).u32(size).u32(flags).finish()]);
}
