import type { AbortControllerConstructor } from '../util/platform';
import { errorMessage } from './http-headers';
import type { Transport, TransportCallbacks, TransportExchange, TransportRequest, TransportHeaders } from './transport';

type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Transport over `fetch` with a streamed body: headers are reported when the response
 * promise resolves (Fetch §5.1: it resolves on headers, before the body), then each
 * chunk from `response.body.getReader()` is reported for progress and stall detection.
 * Engines with fetch but without readable body streams fall back to `arrayBuffer()`
 * (no progress). Only used together with `AbortController` — fetch that cannot be
 * cancelled would keep downloading after a seek.
 */
export function createFetchTransport(fetchFunction: FetchFunction, AbortCtor: AbortControllerConstructor): Transport {
  return {
    name: 'fetch',
    send(request: TransportRequest, callbacks: TransportCallbacks): TransportExchange {
      const controller = new AbortCtor();
      let aborted = false;
      let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;

      const fail = (error: unknown): void => {
        if (aborted) return;
        aborted = true;
        callbacks.onError({ kind: 'network', message: errorMessage(error) });
      };

      const init: RequestInit = {
        method: request.method,
        headers: request.headers,
        signal: controller.signal,
        credentials: request.withCredentials ? 'include' : 'same-origin',
        redirect: 'follow',
      };
      if (request.body !== undefined) init.body = request.body as BodyInit;

      let promise: Promise<Response>;
      try {
        promise = fetchFunction(request.url, init);
      } catch (error) {
        // Some polyfills throw synchronously on bad input instead of rejecting.
        promise = Promise.reject(error);
      }

      promise
        .then((response) => {
          if (aborted) return undefined;
          const head: TransportHeaders = { status: response.status, url: response.url || '', headers: headersOf(response) };
          callbacks.onHeaders(head);
          if (aborted) {
            // The engine refused the status: drop the body without reading it.
            cancelBody(response);
            return undefined;
          }
          const body = response.body;
          if (body && typeof body.getReader === 'function') {
            reader = body.getReader();
            return readAll(reader, callbacks, () => aborted);
          }
          return response.arrayBuffer().then((buffer) => {
            if (aborted) return undefined;
            callbacks.onData(buffer.byteLength, undefined);
            return new Uint8Array(buffer);
          });
        })
        .then((bytes) => {
          if (aborted || !bytes) return;
          aborted = true;
          callbacks.onComplete(bytes);
        })
        .then(undefined, fail);

      return {
        abort(): void {
          if (aborted) return;
          aborted = true;
          try {
            controller.abort();
          } catch {
            // Abort never throws per DOM §3.1, but polyfills have.
          }
          if (reader) reader.cancel().then(undefined, noop);
        },
      };
    },
  };
}

function readAll(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  callbacks: TransportCallbacks,
  isAborted: () => boolean,
): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const pump = (): Promise<Uint8Array | undefined> =>
    reader.read().then((result) => {
      if (isAborted()) return undefined;
      if (result.done) return concat(chunks, loaded);
      const chunk = result.value;
      if (chunk && chunk.byteLength > 0) {
        chunks.push(chunk);
        loaded += chunk.byteLength;
        callbacks.onData(loaded, undefined, chunk);
      }
      return pump();
    });
  return pump();
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (let i = 0; i < chunks.length; i++) {
    out.set(chunks[i], offset);
    offset += chunks[i].byteLength;
  }
  return out;
}

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  // Headers iteration yields lower-case names already (Fetch §5.2 "sort and combine").
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return headers;
}

function cancelBody(response: Response): void {
  try {
    if (response.body && typeof response.body.cancel === 'function') response.body.cancel().then(undefined, noop);
  } catch {
    // Locked or already closed: nothing to release.
  }
}

function noop(): void {}
