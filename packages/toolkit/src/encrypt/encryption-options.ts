import { resolve } from 'node:path';
import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';
import type { EncryptionScheme } from './cenc-boxes';
import { generateKeys, type EncryptionPlan, type KeyScope } from './encryption-plan';
import { normalizeHex16, readKeysFile } from './keys-file';
import type { ProtectionSystems } from './protection-systems';

/** What `--encrypt` and its companion options ask for, before keys are read or generated. */
export interface EncryptionRequest {
  scheme: EncryptionScheme;
  /** --key-id + --key: one key for every track. */
  key?: { keyId: string; key: string };
  /** --keys-file: keys (and optionally scheme/IV) from a keys.json. */
  keysFile?: string;
  /** How generated keys are split (when neither of the above). */
  keyScope: KeyScope;
  systems: ProtectionSystems;
  ivSize: 8 | 16;
}

/** parseArgs option specs, merged into `tessera package`'s. */
export const ENCRYPTION_ARG_OPTIONS = {
  encrypt: { type: 'string' },
  'key-id': { type: 'string' },
  key: { type: 'string' },
  'keys-file': { type: 'string' },
  'key-scope': { type: 'string' },
  'license-url': { type: 'string' },
  'iv-size': { type: 'string' },
  widevine: { type: 'boolean', default: false },
  'widevine-pssh-data': { type: 'string' },
  'playready-pro': { type: 'string' },
  'playready-license-url': { type: 'string' },
  fairplay: { type: 'boolean', default: false },
} as const;

export const ENCRYPTION_USAGE = `
Encryption (ISO/IEC 23001-7 Common Encryption; keys.json is written next to the manifests):
  --encrypt cenc|cbcs         encrypt every track (cenc: AES-CTR; cbcs: AES-CBC, 1:9 pattern for video)
  --key-id <hex> --key <hex>  one 16-byte key for every track (default: generated)
  --keys-file <file>          keys from a keys.json (label, keyId, key, optional type/minHeight/maxHeight)
  --key-scope title|type|quality
                              generated keys: one, one per content type, or audio + SD (<=480p) + HD (default title)
  --license-url <url>         ClearKey licence server URL for the DASH manifest (dashif:laurl)
  --iv-size 8|16              cenc per-sample IV size (default 8)
  --widevine                  add a Widevine pssh built from the key IDs
  --widevine-pssh-data <b64>  ... or with this WidevinePsshData
  --playready-pro <b64>       add PlayReady signalling from this PlayReady Object
  --playready-license-url <url>
  --fairplay                  add FairPlay (skd://<keyId>) keys to the HLS playlists (cbcs only)
`;

type ArgValues = { [K in keyof typeof ENCRYPTION_ARG_OPTIONS]?: string | boolean };

function isBase64(text: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0;
}

/** Pure: validates the encryption options (undefined without --encrypt). Throws UserError(USAGE). */
export function parseEncryptionArgs(values: ArgValues, cwd: string): EncryptionRequest | undefined {
  const usage = (message: string) => new UserError(ExitCode.USAGE, message);
  const scheme = values.encrypt;
  if (scheme === undefined) {
    const stray = Object.keys(ENCRYPTION_ARG_OPTIONS).find((name) => name !== 'encrypt' && values[name as keyof ArgValues] !== undefined && values[name as keyof ArgValues] !== false);
    if (stray) throw usage(`--${stray} needs --encrypt cenc|cbcs`);
    return undefined;
  }
  if (scheme !== 'cenc' && scheme !== 'cbcs') throw usage(`--encrypt must be cenc or cbcs, got '${String(scheme)}'`);
  const request: EncryptionRequest = { scheme, keyScope: 'title', systems: {}, ivSize: 8 };
  const keyId = values['key-id'];
  const key = values.key;
  if ((keyId === undefined) !== (key === undefined)) throw usage('--key-id and --key go together');
  if (typeof keyId === 'string' && typeof key === 'string') {
    const id = normalizeHex16(keyId);
    const k = normalizeHex16(key);
    if (!id) throw usage('--key-id must be 32 hex digits');
    if (!k) throw usage('--key must be 32 hex digits');
    request.key = { keyId: id, key: k };
  }
  if (typeof values['keys-file'] === 'string') {
    if (request.key) throw usage('use either --key-id/--key or --keys-file');
    request.keysFile = resolve(cwd, values['keys-file']);
  }
  const scope = values['key-scope'];
  if (scope !== undefined) {
    if (scope !== 'title' && scope !== 'type' && scope !== 'quality') throw usage('--key-scope must be title, type or quality');
    if (request.key || request.keysFile) throw usage('--key-scope applies to generated keys only');
    request.keyScope = scope;
  }
  const ivSize = values['iv-size'];
  if (ivSize !== undefined) {
    if (ivSize !== '8' && ivSize !== '16') throw usage('--iv-size must be 8 or 16');
    if (scheme !== 'cenc') throw usage('--iv-size applies to cenc (cbcs uses a constant IV)');
    request.ivSize = ivSize === '8' ? 8 : 16;
  }
  const httpOrRootRelative = (name: string, url: string): string => {
    if (!/^(https?:\/\/|\/)/i.test(url)) throw usage(`${name} must be an http(s) URL or start with /`);
    return url;
  };
  if (typeof values['license-url'] === 'string') request.systems.clearKeyLicenseUrl = httpOrRootRelative('--license-url', values['license-url']);
  const widevineData = values['widevine-pssh-data'];
  if (typeof widevineData === 'string') {
    if (!isBase64(widevineData)) throw usage('--widevine-pssh-data must be base64');
    request.systems.widevine = { psshData: widevineData };
  } else if (values.widevine === true) request.systems.widevine = {};
  const pro = values['playready-pro'];
  if (typeof pro === 'string') {
    if (!isBase64(pro)) throw usage('--playready-pro must be base64');
    request.systems.playReady = { pro };
    if (typeof values['playready-license-url'] === 'string') {
      request.systems.playReady.licenseUrl = httpOrRootRelative('--playready-license-url', values['playready-license-url']);
    }
  } else if (values['playready-license-url'] !== undefined) throw usage('--playready-license-url needs --playready-pro');
  if (values.fairplay === true) {
    if (scheme !== 'cbcs') throw usage('--fairplay needs --encrypt cbcs');
    request.systems.fairPlay = true;
  }
  return request;
}

/** Reads or generates the keys: the plan packageTitle encrypts with. */
export async function resolveEncryptionPlan(request: EncryptionRequest): Promise<EncryptionPlan> {
  const plan: EncryptionPlan = { scheme: request.scheme, keys: [], systems: request.systems, ivSize: request.ivSize };
  if (request.key) plan.keys = [{ label: 'all', ...request.key }];
  else if (request.keysFile) {
    const file = await readKeysFile(request.keysFile);
    plan.keys = file.keys;
    if (file.constantIv && request.scheme === 'cbcs') plan.constantIv = file.constantIv;
  } else plan.keys = generateKeys(request.keyScope);
  return plan;
}
