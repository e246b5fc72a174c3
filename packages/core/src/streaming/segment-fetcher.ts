import type { ByteRange } from '../model/presentation';

/** What a stream needs from the network layer: bytes, progressively when possible. */
export interface FetchProgress {
  bytesLoaded: number;
  bytesTotal?: number;
  elapsedMs: number;
}

export interface SegmentRequest {
  urls: string[];
  byteRange?: ByteRange;
  contentType: 'video' | 'audio' | 'text' | 'image' | 'init';
  /** Body chunks as they arrive (progressive append). Called before the promise resolves. */
  onData?: (chunk: Uint8Array) => void;
  onProgress?: (progress: FetchProgress) => void;
  /**
   * Whether the loader may retry on its own. Progressive consumers say false: a retry
   * would replay bytes they already used; they retry at their level instead.
   */
  retry: boolean;
}

export interface SegmentFetch {
  promise: Promise<Uint8Array>;
  abort(): void;
}

export interface SegmentFetcher {
  fetch(request: SegmentRequest): SegmentFetch;
}
