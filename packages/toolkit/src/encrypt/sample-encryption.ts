import { DEFAULT_LICENSE_PATH } from '../serve/license-server';
import type { EncryptionScheme } from './cenc-boxes';
import { generateKeys, type EncryptionPlan, type KeyScope } from './encryption-plan';
import type { PackagedEncryption } from './manifest-signalling';

/** The plan of an encrypted sample title: fresh keys, ClearKey signalled at `tessera serve`'s licence path. */
export function sampleEncryptionPlan(spec: { scheme: EncryptionScheme; keyScope: KeyScope } | undefined): EncryptionPlan | undefined {
  if (!spec) return undefined;
  return { scheme: spec.scheme, keys: generateKeys(spec.keyScope), systems: { clearKeyLicenseUrl: DEFAULT_LICENSE_PATH } };
}

/** catalog.json's `drm` entry of an encrypted title (paths relative to catalog.json). */
export function catalogDrmEntry(encryption: PackagedEncryption, directory: string) {
  return {
    scheme: encryption.scheme,
    keySystems: ['org.w3.clearkey'],
    licensePath: encryption.systems.clearKeyLicenseUrl ?? DEFAULT_LICENSE_PATH,
    keysFile: `${directory}/${encryption.keysFile}`,
    keys: encryption.keys,
  };
}
