/** BIF magic: 0x89 'B' 'I' 'F' CR LF SUB LF (PNG-style, so text tools and transfers in text mode break it visibly). */
export const BIF_MAGIC = [0x89, 0x42, 0x49, 0x46, 0x0d, 0x0a, 0x1a, 0x0a] as const;
export const BIF_HEADER_BYTES = 64;

export interface BifImage {
  /** Presentation time of the image, ms. */
  timeMs: number;
  jpeg: Uint8Array;
}

/**
 * A BIF file in Roku's published layout (Roku "Trick Mode Support", BIF file
 * format), all integers unsigned 32-bit little-endian:
 *   0  magic 89 42 49 46 0D 0A 1A 0A
 *   8  version (0)
 *  12  number of images N
 *  16  timestamp multiplier, ms per timestamp unit (0 means 1000)
 *  20  reserved (zero) up to byte 64
 *  64  index: N+1 pairs (timestamp in multiplier units, absolute byte offset of the image);
 *      the last pair is (0xFFFFFFFF, end of the last image)
 *      then the JPEG images back to back, in time order.
 * The multiplier is 1000 when every time is a whole second (what Roku's biftool writes), else 1.
 */
export function writeBif(images: ReadonlyArray<BifImage>): Uint8Array {
  const wholeSeconds = images.every((image) => image.timeMs % 1000 === 0);
  const multiplier = wholeSeconds ? 1000 : 1;
  const indexBytes = (images.length + 1) * 8;
  let size = BIF_HEADER_BYTES + indexBytes;
  for (const image of images) size += image.jpeg.length;
  if (size > 0xffffffff) throw new RangeError('BIF over 4 GiB: offsets do not fit 32 bits');
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(BIF_MAGIC, 0);
  view.setUint32(8, 0, true);
  view.setUint32(12, images.length, true);
  view.setUint32(16, multiplier, true);
  let offset = BIF_HEADER_BYTES + indexBytes;
  let previous = -1;
  images.forEach((image, i) => {
    const timestamp = Math.round(image.timeMs / multiplier);
    if (!(timestamp > previous) || timestamp >= 0xffffffff) throw new RangeError(`BIF image ${i}: times must increase and fit 32 bits`);
    previous = timestamp;
    view.setUint32(BIF_HEADER_BYTES + i * 8, timestamp, true);
    view.setUint32(BIF_HEADER_BYTES + i * 8 + 4, offset, true);
    out.set(image.jpeg, offset);
    offset += image.jpeg.length;
  });
  view.setUint32(BIF_HEADER_BYTES + images.length * 8, 0xffffffff, true);
  view.setUint32(BIF_HEADER_BYTES + images.length * 8 + 4, offset, true);
  return out;
}
