import { ErrorCode, TesseraError, type NetworkEngine } from '@tessera/core';
import { toBytes, type Bytes } from './bytes';

export interface LicenseFetchOptions {
  keySystem: string;
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
  withCredentials?: boolean;
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  timeoutMs: number;
  /** 'GET' for server certificates. */
  method?: 'GET' | 'POST';
}

function isRejection(status: number | undefined): status is number {
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * One licence (or certificate) exchange through the player's loader: network errors, timeouts
 * and 5xx are retried with jittered backoff; a 4xx is the server saying no, a typed fatal
 * LICENSE_REJECTED. Errors carry the key system and status only — never the URL (it may hold
 * a token), headers or bodies.
 */
export async function fetchLicense(network: Pick<NetworkEngine, 'request'>, options: LicenseFetchOptions): Promise<Bytes> {
  const handle = network.request({
    urls: [options.url],
    method: options.method ?? 'POST',
    body: options.method === 'GET' ? undefined : options.body,
    headers: options.headers,
    responseType: 'arraybuffer',
    contentType: 'license',
    withCredentials: options.withCredentials,
    retry: { ...options.retry, jitter: 'full' },
    timeoutMs: options.timeoutMs,
  });
  try {
    return toBytes((await handle.promise).data);
  } catch (error) {
    const e = error as TesseraError;
    if (e && e.code === ErrorCode.ABORTED) throw e;
    const data = (e && e.data) as { status?: number; lastStatus?: number } | undefined;
    const status = data ? (data.status ?? data.lastStatus) : undefined;
    if (isRejection(status)) throw new TesseraError(ErrorCode.LICENSE_REJECTED, 'fatal', { keySystem: options.keySystem, status });
    const failed: { keySystem: string; status?: number } = { keySystem: options.keySystem };
    if (status !== undefined) failed.status = status;
    throw new TesseraError(ErrorCode.LICENSE_REQUEST_FAILED, 'fatal', failed);
  }
}
