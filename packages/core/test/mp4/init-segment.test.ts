import { describe, expect, it } from 'vitest';
import { avcCodecString, hevcCodecString, parseInitSegment, parseTrackExtends, writeBox } from '@tessera/core/mp4';
import { audioEntry, avcC, esds, initSegment, sinf, trak, trex, visualEntry } from './init-builder';
import { expectMp4Invalid } from './helpers';

const SPS_HIGH_31 = [0x67, 0x64, 0x00, 0x1f, 0xac, 0xd9, 0x40];
const KID = '00112233445566778899aabbccddeeff';

describe('parseInitSegment', () => {
  it('reads video, audio and text tracks with exact codec strings', () => {
    const data = initSegment([
      trak(1, 12800, 'und', 'vide', visualEntry('avc1', 1280, 720, [avcC(SPS_HIGH_31)]), 1280, 720),
      trak(2, 48000, 'fra', 'soun', audioEntry('mp4a', 2, 48000, [esds(2)])),
      trak(3, 1000, 'eng', 'text', writeBox('wvtt', [new Uint8Array([0, 0, 0, 0, 0, 0, 0, 1]), writeBox('vttC', [new Uint8Array([87])])])),
    ], [trex(1, 512, 0, 0x01010000)]);
    const info = parseInitSegment(data);
    expect(info.tracks).toEqual([
      { trackId: 1, type: 'video', timescale: 12800, codec: 'avc1.64001f', width: 1280, height: 720, language: 'und' },
      { trackId: 2, type: 'audio', timescale: 48000, codec: 'mp4a.40.2', sampleRate: 48000, channels: 2, language: 'fra' },
      { trackId: 3, type: 'text', timescale: 1000, codec: 'wvtt', language: 'eng' },
    ]);
    expect(parseTrackExtends(data)).toEqual([{ trackId: 1, defaultSampleDescriptionIndex: 1, defaultSampleDuration: 512, defaultSampleSize: 0, defaultSampleFlags: 0x01010000 }]);
  });

  it('reads HE-AAC object types from the AudioSpecificConfig', () => {
    const data = initSegment([trak(1, 48000, 'eng', 'soun', audioEntry('mp4a', 2, 48000, [esds(5)]))]);
    expect(parseInitSegment(data).tracks[0]!.codec).toBe('mp4a.40.5');
  });

  it('reports cenc and cbcs protection from sinf/schm/tenc with the original codec', () => {
    const data = initSegment([
      trak(1, 90000, 'und', 'vide', visualEntry('encv', 640, 360, [avcC(SPS_HIGH_31), sinf('avc1', 'cbcs', KID, { ivSize: 0, constantIv: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], pattern: [1, 9] })]), 640, 360),
      trak(2, 48000, 'eng', 'soun', audioEntry('enca', 2, 48000, [esds(2), sinf('mp4a', 'cenc', KID, { ivSize: 8 })])),
    ]);
    const [video, audio] = parseInitSegment(data).tracks;
    expect(video!.codec).toBe('avc1.64001f');
    expect(video!.encrypted).toMatchObject({ scheme: 'cbcs', defaultKeyId: KID, perSampleIvSize: 0, cryptByteBlock: 1, skipByteBlock: 9 });
    expect(Array.from(video!.encrypted!.constantIv!)).toHaveLength(16);
    expect(audio!.codec).toBe('mp4a.40.2');
    expect(audio!.encrypted).toEqual({ scheme: 'cenc', defaultKeyId: KID, perSampleIvSize: 8 });
  });

  it('throws MP4_INVALID without a moov', () => {
    expectMp4Invalid(() => parseInitSegment(writeBox('ftyp', [new Uint8Array(8)])));
  });
});

describe('codec strings', () => {
  it('avc1.PPCCLL comes from the SPS bytes after the NAL header', () => {
    expect(avcCodecString('avc1', { profileIndication: 0x42, profileCompatibility: 0xc0, levelIndication: 0x1e, nalUnitLengthSize: 4, sps: [new Uint8Array([0x67, 0x4d, 0x40, 0x28])], pps: [] })).toBe('avc1.4d4028');
    expect(avcCodecString('avc3', { profileIndication: 0x42, profileCompatibility: 0xc0, levelIndication: 0x0d, nalUnitLengthSize: 4, sps: [], pps: [] })).toBe('avc3.42c00d');
  });

  it('hvc1 strings follow ISO/IEC 14496-15 Annex E', () => {
    // Main profile, level 3.1, compatibility flags 0x60000000 -> reversed 0x6, constraint byte 0xB0.
    expect(hevcCodecString('hvc1', { profileSpace: 0, tierFlag: 0, profileIdc: 1, profileCompatibilityFlags: 0x60000000, constraintIndicatorFlags: [0xb0, 0, 0, 0, 0, 0], levelIdc: 93 })).toBe('hvc1.1.6.L93.B0');
    expect(hevcCodecString('hev1', { profileSpace: 0, tierFlag: 1, profileIdc: 2, profileCompatibilityFlags: 0x20000000, constraintIndicatorFlags: [0, 0, 0, 0, 0, 0], levelIdc: 120 })).toBe('hev1.2.4.H120');
  });
});
