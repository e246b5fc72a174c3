import type { ThroughputSample } from '../abr-api';
import type { ByteRange } from '../model/presentation';
import { NetworkEngine, createTelemetryRequestFilter } from '../net';
import type { TelemetryHooks } from '../plugins/telemetry-hooks';
import type { SegmentFetch, SegmentFetcher, SegmentRequest } from '../streaming/segment-fetcher';
import type { Clock } from '../util/clock';

export interface PlayerNetworkOptions {
  clock: Clock;
  timeoutMs: number;
  maxAttempts: number;
  telemetry?: TelemetryHooks;
  onSample(sample: ThroughputSample): void;
}

/**
 * The player's view of the network loader: text (manifests, playlists, subtitles),
 * bytes (init, sidx) and progressive segment fetches for the streaming engine.
 */
export class PlayerNetwork implements SegmentFetcher {
  private readonly engine: NetworkEngine;

  constructor(options: PlayerNetworkOptions) {
    const telemetry = options.telemetry;
    this.engine = new NetworkEngine({
      clock: options.clock,
      defaultTimeoutMs: options.timeoutMs,
      defaultRetry: { maxAttempts: options.maxAttempts },
      onSample: (sample) => options.onSample(sample),
      requestFilters: telemetry ? [createTelemetryRequestFilter(telemetry)] : [],
    });
  }

  async fetchText(urls: string[], contentType: ThroughputSample['contentType']): Promise<{ text: string; url: string }> {
    const response = await this.engine.request({ urls, responseType: 'text', contentType }).promise;
    return { text: response.data, url: response.url };
  }

  async fetchBytes(urls: string[], byteRange: ByteRange | undefined, contentType: ThroughputSample['contentType']): Promise<Uint8Array> {
    const response = await this.engine.request({ urls, byteRange, responseType: 'arraybuffer', contentType }).promise;
    return new Uint8Array(response.data);
  }

  fetch(request: SegmentRequest): SegmentFetch {
    const handle = this.engine.request({
      urls: request.urls,
      byteRange: request.byteRange,
      responseType: 'arraybuffer',
      contentType: request.contentType,
      // Progressive consumers cannot take a replay of bytes: they retry themselves.
      retry: request.retry ? undefined : { maxAttempts: 1 },
      onData: request.onData ? (chunk: Uint8Array) => request.onData!(chunk) : undefined,
      onProgress: request.onProgress
        ? (p) => request.onProgress!({ bytesLoaded: p.bytesLoaded, bytesTotal: p.bytesTotal, elapsedMs: p.elapsedMs })
        : undefined,
    });
    return {
      promise: handle.promise.then((response) => new Uint8Array(response.data)),
      abort: () => handle.abort(),
    };
  }

  destroy(): void {
    this.engine.destroy();
  }
}
