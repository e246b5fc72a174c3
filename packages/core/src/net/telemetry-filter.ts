import type { TelemetryHooks } from '../plugins/telemetry-hooks';
import type { RequestFilter } from './types';

/**
 * Adapt a telemetry plugin's `decorateRequest` (CMCD query or headers, CTA-5004 §2) into a
 * request filter: each candidate URL is decorated on its own (CMCD query parameters belong
 * to each CDN's URL); headers from the first candidate are added to the request.
 */
export function createTelemetryRequestFilter(hooks: TelemetryHooks): RequestFilter {
  return (request) => {
    const decorate = hooks.decorateRequest;
    if (!decorate) return;
    const info = request.mediaInfo || {};
    for (let i = 0; i < request.urls.length; i++) {
      const decoration = decorate({
        url: request.urls[i],
        contentType: request.contentType,
        bitrateKbps: info.bitrateKbps,
        durationMs: info.durationMs,
      });
      if (!decoration) continue;
      if (typeof decoration.url === 'string') request.urls[i] = decoration.url;
      if (i === 0 && decoration.headers) {
        for (const name in decoration.headers) {
          if (Object.prototype.hasOwnProperty.call(decoration.headers, name)) request.headers[name] = decoration.headers[name];
        }
      }
    }
  };
}
