/**
 * Image bytes → object URLs (the only DOM a track needs). JPEG is assumed when the
 * bytes do not say PNG or WebP; browsers sniff image types anyway.
 */
export function objectUrls(): { createUrl(data: Uint8Array): string; revokeUrl(url: string): void } {
  return {
    createUrl(data) {
      const type = data[0] === 0x89 ? 'image/png' : data[0] === 0x52 ? 'image/webp' : 'image/jpeg';
      return URL.createObjectURL(new Blob([data as Uint8Array<ArrayBuffer>], { type }));
    },
    revokeUrl(url) {
      URL.revokeObjectURL(url);
    },
  };
}
