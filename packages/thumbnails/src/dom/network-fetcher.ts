import type { NetworkEngine } from '@tessera/core';
import type { ThumbnailFetcher } from '../types';

/** Full size from `Content-Range: bytes a-b/size` or, for a whole body, Content-Length. */
function totalBytesOf(status: number, headers: Record<string, string>): number | undefined {
  const range = /\/(\d+)\s*$/.exec(headers['content-range'] || '');
  const total = range ? +range[1]! : status === 200 ? +(headers['content-length'] || NaN) : NaN;
  return total >= 0 ? total : undefined;
}

/** A {@link ThumbnailFetcher} on a core NetworkEngine (retries, failover, abort; requests tagged 'image'). */
export function networkFetcher(network: NetworkEngine): ThumbnailFetcher {
  return {
    text(url) {
      const handle = network.request({ urls: [url], responseType: 'text', contentType: 'image' });
      return { promise: handle.promise.then((r) => ({ text: r.data, url: r.url })), abort: handle.abort };
    },
    bytes(url, byteRange) {
      const handle = network.request({ urls: [url], responseType: 'arraybuffer', contentType: 'image', byteRange });
      return { promise: handle.promise.then((r) => ({ data: new Uint8Array(r.data), totalBytes: totalBytesOf(r.status, r.headers) })), abort: handle.abort };
    },
  };
}
