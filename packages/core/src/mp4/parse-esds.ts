import type { Box } from './box';
import type { ByteReader } from './byte-reader';
import { openFullBox } from './full-box';
import { mp4Invalid } from './mp4-invalid';

export interface EsdsInfo {
  /** MPEG-4 objectTypeIndication (0x40 = MPEG-4 Audio). */
  objectTypeIndication: number;
  /** From the AudioSpecificConfig (2 = AAC-LC, 5 = SBR, 29 = PS). */
  audioObjectType?: number;
  samplingFrequency?: number;
  channelConfiguration?: number;
  maxBitrate: number;
  avgBitrate: number;
  decoderSpecificInfo?: Uint8Array;
}

const SAMPLING_FREQUENCIES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

/** Expandable descriptor size (ISO/IEC 14496-1 §8.3.3): up to four 7-bit groups. */
function descriptorHeader(reader: ByteReader): { tag: number; size: number } {
  const tag = reader.u8();
  let size = 0;
  for (let i = 0; i < 4; i++) {
    const byte = reader.u8();
    size = size * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) break;
  }
  return { tag, size };
}

/** 'esds' (ISO/IEC 14496-14 §5.6): ES_Descriptor -> DecoderConfigDescriptor -> AudioSpecificConfig. */
export function parseEsds(box: Box): EsdsInfo {
  const { reader } = openFullBox(box);
  let header = descriptorHeader(reader);
  if (header.tag !== 3) throw mp4Invalid(`esds: expected ES_Descriptor, tag ${header.tag}`, reader.position);
  reader.u16(); // ES_ID
  const esFlags = reader.u8();
  if (esFlags & 0x80) reader.skip(2); // dependsOn_ES_ID
  if (esFlags & 0x40) reader.skip(reader.u8()); // URL
  if (esFlags & 0x20) reader.skip(2); // OCR_ES_Id
  header = descriptorHeader(reader);
  if (header.tag !== 4) throw mp4Invalid(`esds: expected DecoderConfigDescriptor, tag ${header.tag}`, reader.position);
  const configEnd = reader.position + header.size;
  const objectTypeIndication = reader.u8();
  reader.skip(1 + 3); // streamType/upStream, bufferSizeDB
  const maxBitrate = reader.u32();
  const avgBitrate = reader.u32();
  const info: EsdsInfo = { objectTypeIndication, maxBitrate, avgBitrate };
  if (reader.position + 2 <= Math.min(configEnd, reader.end)) {
    header = descriptorHeader(reader);
    if (header.tag === 5) {
      info.decoderSpecificInfo = reader.bytes(Math.min(header.size, reader.remaining));
      if (objectTypeIndication === 0x40 && info.decoderSpecificInfo.length >= 2) {
        Object.assign(info, parseAudioSpecificConfig(info.decoderSpecificInfo));
      }
    }
  }
  return info;
}

/** The leading fields of an AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1). */
export function parseAudioSpecificConfig(bytes: Uint8Array): { audioObjectType: number; samplingFrequency?: number; channelConfiguration?: number } {
  let bitPosition = 0;
  const bits = (count: number): number => {
    let value = 0;
    for (let i = 0; i < count; i++) {
      const byte = bytes[bitPosition >> 3];
      if (byte === undefined) throw mp4Invalid('AudioSpecificConfig truncated', 0, 'fatal');
      value = value * 2 + ((byte >> (7 - (bitPosition & 7))) & 1);
      bitPosition++;
    }
    return value;
  };
  let audioObjectType = bits(5);
  if (audioObjectType === 31) audioObjectType = 32 + bits(6);
  const frequencyIndex = bits(4);
  const samplingFrequency = frequencyIndex === 15 ? bits(24) : SAMPLING_FREQUENCIES[frequencyIndex];
  const channelConfiguration = bits(4);
  const out: { audioObjectType: number; samplingFrequency?: number; channelConfiguration?: number } = { audioObjectType, channelConfiguration };
  if (samplingFrequency !== undefined) out.samplingFrequency = samplingFrequency;
  return out;
}

/** RFC 6381 §3.3: 'mp4a.40.2' (OTI in hex, then the audio object type in decimal); 'mp4a.6b' for others. */
export function mp4aCodecString(info: EsdsInfo): string {
  const oti = (info.objectTypeIndication < 16 ? '0' : '') + info.objectTypeIndication.toString(16);
  return info.objectTypeIndication === 0x40 && info.audioObjectType !== undefined ? `mp4a.40.${info.audioObjectType}` : `mp4a.${oti}`;
}
