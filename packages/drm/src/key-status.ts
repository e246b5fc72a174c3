import { toBytes, toHex } from './bytes';

/** Statuses that make a key unusable for playback (EME §6.2 MediaKeyStatus). 'output-downscaled' still plays. */
const UNUSABLE = ['output-restricted', 'internal-error', 'expired', 'released'];

export function isUnusable(status: string): boolean {
  return UNUSABLE.indexOf(status) >= 0;
}

/**
 * A session's key statuses as hex key ID → status. Old Chromium/Edge passed forEach's
 * arguments swapped; a BufferSource in the value position is detected and swapped back.
 */
export function readKeyStatuses(session: MediaKeySession): Map<string, string> {
  const out = new Map<string, string>();
  session.keyStatuses.forEach((a: unknown, b: unknown) => {
    const [status, keyId] = typeof a === 'string' ? [a, b] : [b as string, a];
    out.set(toHex(toBytes(keyId as BufferSource)), status);
  });
  return out;
}

/** A GUID's byte-swapped form: PlayReady CDMs have reported key IDs little-endian. */
export function swapGuid(hex: string): string {
  const b = hex.match(/../g) || [];
  return [b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6]].join('') + b.slice(8).join('');
}
