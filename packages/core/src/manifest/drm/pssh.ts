/**
 * Wraps system-specific data (e.g. a PlayReady Object from `mspr:pro`) in a version-0
 * `pssh` box, so every DASH init data reaches EME as type 'cenc' (ISO/IEC 23001-7 §8.1).
 */
export function buildPsshBox(systemIdHex: string, data: Uint8Array): Uint8Array {
  const size = 32 + data.length;
  const box = new Uint8Array(size);
  box[0] = (size >>> 24) & 0xff;
  box[1] = (size >>> 16) & 0xff;
  box[2] = (size >>> 8) & 0xff;
  box[3] = size & 0xff;
  box[4] = 0x70; // 'p'
  box[5] = 0x73; // 's'
  box[6] = 0x73; // 's'
  box[7] = 0x68; // 'h'
  // bytes 8-11: version 0, flags 0
  for (let k = 0; k < 16; k++) box[12 + k] = parseInt(systemIdHex.substr(k * 2, 2), 16);
  box[28] = (data.length >>> 24) & 0xff;
  box[29] = (data.length >>> 16) & 0xff;
  box[30] = (data.length >>> 8) & 0xff;
  box[31] = data.length & 0xff;
  box.set(data, 32);
  return box;
}
