import { ErrorCode, TesseraError } from '@tessera/core';
import type { ByteRange } from '@tessera/core';
import type { ThumbnailFetcher } from '@tessera/thumbnails';

export interface FakeRequest {
  url: string;
  byteRange?: ByteRange;
  aborted: boolean;
  resolve(): void;
  fail(error?: unknown): void;
}

/**
 * A fetcher over an in-memory file map. `manual`: byte requests wait until the test
 * resolves them (to observe queueing, preload and cancellation); text is immediate.
 * Ranges are served like an HTTP server with Range support.
 */
export function fakeFetcher(files: Record<string, string | Uint8Array>, options: { manual?: boolean } = {}): ThumbnailFetcher & { requests: FakeRequest[] } {
  const requests: FakeRequest[] = [];
  const missing = (url: string) => new TesseraError(ErrorCode.BAD_HTTP_STATUS, 'recoverable', { url, status: 404 });
  return {
    requests,
    text(url) {
      const body = files[url];
      const promise = body === undefined ? Promise.reject(missing(url)) : Promise.resolve({ text: typeof body === 'string' ? body : new TextDecoder().decode(body), url });
      return { promise, abort: () => undefined };
    },
    bytes(url, byteRange) {
      let settle!: { resolve: (v: { data: Uint8Array; totalBytes?: number }) => void; reject: (e: unknown) => void };
      const promise = new Promise<{ data: Uint8Array; totalBytes?: number }>((resolve, reject) => (settle = { resolve, reject }));
      const request: FakeRequest = {
        url,
        byteRange,
        aborted: false,
        resolve() {
          const body = files[url];
          if (body === undefined) return settle.reject(missing(url));
          const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
          const data = byteRange ? bytes.subarray(byteRange.start, Math.min(bytes.length, byteRange.end + 1)) : bytes;
          settle.resolve({ data, totalBytes: bytes.length });
        },
        fail(error) {
          settle.reject(error ?? missing(url));
        },
      };
      requests.push(request);
      if (!options.manual) request.resolve();
      return {
        promise,
        abort() {
          request.aborted = true;
          settle.reject(new TesseraError(ErrorCode.ABORTED, 'recoverable', { url }));
        },
      };
    },
  };
}

/** URLs made by the fake createUrl, and which were revoked. */
export function fakeUrls(): { createUrl(data: Uint8Array): string; revokeUrl(url: string): void; live: Set<string>; created: number } {
  let n = 0;
  const live = new Set<string>();
  return {
    live,
    get created() {
      return n;
    },
    createUrl(data) {
      const url = `blob:fake/${++n}/${data.length}`;
      live.add(url);
      return url;
    },
    revokeUrl(url) {
      live.delete(url);
    },
  };
}

/** A BIF in Roku's layout, with room to lie: entries are written as given. */
export function buildBif(images: Array<{ time: number; bytes: number[] }>, options: { multiplier?: number; version?: number; count?: number; offsets?: number[]; endMarker?: boolean } = {}): Uint8Array {
  const count = options.count ?? images.length;
  const indexBytes = (images.length + 1) * 8;
  const size = 64 + indexBytes + images.reduce((sum, image) => sum + image.bytes.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set([0x89, 0x42, 0x49, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
  view.setUint32(8, options.version ?? 0, true);
  view.setUint32(12, count, true);
  view.setUint32(16, options.multiplier ?? 1000, true);
  let offset = 64 + indexBytes;
  images.forEach((image, i) => {
    view.setUint32(64 + i * 8, image.time, true);
    view.setUint32(64 + i * 8 + 4, options.offsets?.[i] ?? offset, true);
    out.set(image.bytes, offset);
    offset += image.bytes.length;
  });
  view.setUint32(64 + images.length * 8, options.endMarker === false ? images.length : 0xffffffff, true);
  view.setUint32(64 + images.length * 8 + 4, options.offsets?.[images.length] ?? offset, true);
  return out;
}
