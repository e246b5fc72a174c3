import { errorMessage, parseRawHeaders } from './http-headers';
import type { Transport, TransportCallbacks, TransportExchange, TransportFailure, TransportRequest } from './transport';

/**
 * Transport over `XMLHttpRequest`, for engines without abortable fetch (2017 TVs).
 * `responseType = 'arraybuffer'` (XHR §3.6.9) so bytes are counted exactly and text is
 * decoded by the engine, one way on every platform. Headers are reported at
 * `readyState === HEADERS_RECEIVED` (XHR §3.3), progress from `progress` events.
 */
export function createXhrTransport(createXhr: () => XMLHttpRequest): Transport {
  return {
    name: 'xhr',
    send(request: TransportRequest, callbacks: TransportCallbacks): TransportExchange {
      const xhr = createXhr();
      let finished = false;
      let headersSent = false;

      const reportHeaders = (): void => {
        if (headersSent || finished) return;
        headersSent = true;
        callbacks.onHeaders({
          status: xhr.status,
          url: xhr.responseURL || '',
          headers: parseRawHeaders(xhr.getAllResponseHeaders()),
        });
      };
      const finish = (): boolean => {
        if (finished) return false;
        finished = true;
        detach(xhr);
        return true;
      };
      const failWith = (kind: TransportFailure['kind'], message: string): void => {
        if (finish()) callbacks.onError({ kind, message });
      };

      xhr.onreadystatechange = () => {
        // Status 0 at HEADERS_RECEIVED means a network/CORS failure is coming: let onerror say so.
        if (xhr.readyState >= 2 && xhr.status !== 0) reportHeaders();
      };
      xhr.onprogress = (event: ProgressEvent) => {
        if (xhr.status !== 0) reportHeaders();
        if (!finished) callbacks.onData(event.loaded, event.lengthComputable && event.total > 0 ? event.total : undefined);
      };
      xhr.onload = () => {
        // Non-HTTP (e.g. blocked) responses complete with status 0 and no body.
        if (xhr.status === 0) return failWith('network', 'XHR completed with status 0');
        reportHeaders();
        const buffer = xhr.response as ArrayBuffer | null;
        if (finish()) callbacks.onComplete(buffer ? new Uint8Array(buffer) : new Uint8Array(0));
      };
      xhr.onerror = () => failWith('network', 'XHR network error');
      xhr.ontimeout = () => failWith('timeout', 'XHR timeout');
      // Our own abort() detaches first; any other abort (page unload, platform) is a failure.
      xhr.onabort = () => failWith('network', 'XHR aborted by the platform');

      try {
        xhr.open(request.method, request.url, true);
        xhr.responseType = 'arraybuffer';
        xhr.withCredentials = request.withCredentials;
        for (const name in request.headers) {
          if (Object.prototype.hasOwnProperty.call(request.headers, name)) xhr.setRequestHeader(name, request.headers[name]);
        }
        xhr.send(request.body === undefined ? null : (request.body as XMLHttpRequestBodyInit));
      } catch (error) {
        // open/setRequestHeader/send throw synchronously on bad input (SyntaxError, InvalidStateError).
        // Reported synchronously, inside send(): the attempt layer handles that re-entrancy.
        failWith('network', errorMessage(error));
      }

      return {
        abort(): void {
          if (!finish()) return;
          try {
            xhr.abort();
          } catch {
            // Nothing to release.
          }
        },
      };
    },
  };
}

function detach(xhr: XMLHttpRequest): void {
  xhr.onreadystatechange = xhr.onprogress = xhr.onload = xhr.onerror = xhr.ontimeout = xhr.onabort = null;
}
