import type { Box } from './box';
import { openBox } from './full-box';
import { mp4Invalid } from './mp4-invalid';

export interface AvcConfig {
  profileIndication: number;
  profileCompatibility: number;
  levelIndication: number;
  nalUnitLengthSize: number;
  sps: Uint8Array[];
  pps: Uint8Array[];
}

/** AVCDecoderConfigurationRecord in 'avcC' (ISO/IEC 14496-15 §5.3.3.1). */
export function parseAvcc(box: Box): AvcConfig {
  const reader = openBox(box);
  const version = reader.u8();
  if (version !== 1) throw mp4Invalid(`avcC configurationVersion ${version}`, box.start);
  const profileIndication = reader.u8();
  const profileCompatibility = reader.u8();
  const levelIndication = reader.u8();
  const nalUnitLengthSize = (reader.u8() & 3) + 1;
  const sps: Uint8Array[] = [];
  const pps: Uint8Array[] = [];
  const spsCount = reader.u8() & 31;
  for (let i = 0; i < spsCount; i++) sps.push(reader.bytes(reader.u16()));
  const ppsCount = reader.u8();
  for (let i = 0; i < ppsCount; i++) pps.push(reader.bytes(reader.u16()));
  return { profileIndication, profileCompatibility, levelIndication, nalUnitLengthSize, sps, pps };
}

/**
 * RFC 6381 §3.3 'avc1.PPCCLL': profile_idc, constraint flags and level_idc,
 * read from the first SPS (the bytes after its NAL header) when present, as
 * the SPS is what decoders check; the avcC copy otherwise.
 */
export function avcCodecString(format: string, config: AvcConfig): string {
  const sps = config.sps[0];
  const triple = sps && sps.length >= 4 ? [sps[1]!, sps[2]!, sps[3]!] : [config.profileIndication, config.profileCompatibility, config.levelIndication];
  return format + '.' + triple.map((byte) => (byte < 16 ? '0' : '') + byte.toString(16)).join('');
}
