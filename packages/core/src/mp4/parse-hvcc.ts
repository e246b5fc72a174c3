import type { Box } from './box';
import { openBox } from './full-box';

export interface HevcConfig {
  profileSpace: number;
  tierFlag: number;
  profileIdc: number;
  profileCompatibilityFlags: number;
  constraintIndicatorFlags: number[];
  levelIdc: number;
}

/** The general profile/tier/level fields of an HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 §8.3.3.1). */
export function parseHvcc(box: Box): HevcConfig {
  const reader = openBox(box);
  reader.u8(); // configurationVersion
  const byte = reader.u8();
  const profileCompatibilityFlags = reader.u32();
  const constraintIndicatorFlags: number[] = [];
  for (let i = 0; i < 6; i++) constraintIndicatorFlags.push(reader.u8());
  const levelIdc = reader.u8();
  return { profileSpace: byte >> 6, tierFlag: (byte >> 5) & 1, profileIdc: byte & 31, profileCompatibilityFlags, constraintIndicatorFlags, levelIdc };
}

/** 'hvc1.1.6.L93.B0' per ISO/IEC 14496-15 Annex E.3. */
export function hevcCodecString(format: string, config: HevcConfig): string {
  const space = ['', 'A', 'B', 'C'][config.profileSpace] ?? '';
  // The compatibility flags are written in reverse bit order, as hex without leading zeros.
  let reversed = 0;
  for (let bit = 0; bit < 32; bit++) if (config.profileCompatibilityFlags & (1 << bit)) reversed |= 1 << (31 - bit);
  const constraints = config.constraintIndicatorFlags.slice();
  while (constraints.length > 0 && constraints[constraints.length - 1] === 0) constraints.pop();
  let out = `${format}.${space}${config.profileIdc}.${(reversed >>> 0).toString(16).toUpperCase()}.${config.tierFlag ? 'H' : 'L'}${config.levelIdc}`;
  for (const value of constraints) out += '.' + value.toString(16).toUpperCase();
  return out;
}
