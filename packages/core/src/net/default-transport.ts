import { getGlobalObject, hasAbortableFetch, hasXhr, type PlatformGlobal } from '../util/platform';
import { createFetchTransport } from './fetch-transport';
import type { Transport } from './transport';
import { createXhrTransport } from './xhr-transport';

/**
 * The platform's best transport: streaming `fetch` when it can be aborted, otherwise
 * `XMLHttpRequest` (2017 TVs: Chromium 38–56 lack AbortController, older ones fetch).
 * Without either, every request fails with HTTP_ERROR instead of throwing at startup.
 */
export function createDefaultTransport(platform: PlatformGlobal = getGlobalObject()): Transport {
  if (hasAbortableFetch(platform)) {
    const fetchFunction = platform.fetch as NonNullable<PlatformGlobal['fetch']>;
    // Call through the global: some engines throw "Illegal invocation" for a detached fetch.
    return createFetchTransport((input, init) => fetchFunction.call(platform, input, init), platform.AbortController!);
  }
  if (hasXhr(platform)) {
    const Xhr = platform.XMLHttpRequest!;
    return createXhrTransport(() => new Xhr());
  }
  return {
    name: 'none',
    send(_request, callbacks) {
      callbacks.onError({ kind: 'network', message: 'no fetch or XMLHttpRequest on this platform' });
      return { abort() {} };
    },
  };
}
