import { randomBytes } from 'node:crypto';
import type { EncryptionScheme } from './cenc-boxes';
import type { ProtectionSystems } from './protection-systems';

/** Which representations a key protects; the first key whose target matches wins. */
export interface KeyTarget {
  type?: 'video' | 'audio';
  /** Video rungs at or above this height. */
  minHeight?: number;
  /** Video rungs at or below this height. */
  maxHeight?: number;
}

export interface ContentKey extends KeyTarget {
  /** Human label ('video-sd', 'audio'); also shown in packaging.json. */
  label: string;
  /** Lower-case hex, 32 digits. */
  keyId: string;
  /** Lower-case hex, 32 digits. Secret: only keys.json and the licence server hold it. */
  key: string;
}

/** Everything `tessera package --encrypt` needs: scheme, keys, the systems to signal. */
export interface EncryptionPlan {
  scheme: EncryptionScheme;
  keys: ContentKey[];
  systems: ProtectionSystems;
  /** 'cenc' per-sample IV size (default 8). */
  ivSize?: 8 | 16;
  /** 'cbcs' constant IV, hex (default random per track). */
  constantIv?: string;
}

/**
 * How generated keys are split: one for the whole title, one per content type, or
 * per quality group (audio, SD video ≤ 480p, HD video above), so a licence policy
 * can grant SD without HD (and players must switch keys with the rung).
 */
export type KeyScope = 'title' | 'type' | 'quality';

/** The SD/HD boundary of the 'quality' scope (DASH-IF IOP and most studio policies use 480/576p). */
export const SD_MAX_HEIGHT = 480;

function randomHex(): string {
  return randomBytes(16).toString('hex');
}

export function generateKeys(scope: KeyScope): ContentKey[] {
  const make = (label: string, target: KeyTarget): ContentKey => ({ label, keyId: randomHex(), key: randomHex(), ...target });
  if (scope === 'title') return [make('all', {})];
  if (scope === 'type') return [make('video', { type: 'video' }), make('audio', { type: 'audio' })];
  return [
    make('audio', { type: 'audio' }),
    make('video-sd', { type: 'video', maxHeight: SD_MAX_HEIGHT }),
    make('video-hd', { type: 'video', minHeight: SD_MAX_HEIGHT + 1 }),
  ];
}

/** The key of a representation (first matching target), or an error naming it. */
export function keyFor(plan: EncryptionPlan, rep: { id: string; type: 'video' | 'audio'; height?: number }): ContentKey {
  const key = plan.keys.find((k) =>
    (k.type === undefined || k.type === rep.type) &&
    (k.minHeight === undefined || (rep.height ?? 0) >= k.minHeight) &&
    (k.maxHeight === undefined || (rep.height ?? Infinity) <= k.maxHeight));
  if (!key) throw new Error(`no content key applies to representation '${rep.id}' (check the keys file's type/minHeight/maxHeight)`);
  return key;
}
