import type { DrmInfo } from '../../model';

/** Union of two DrmInfo lists, dropping entries equal in scheme, key IDs and licence URL. */
export function mergeDrmInfos(into: DrmInfo[], more: DrmInfo[]): DrmInfo[] {
  for (let k = 0; k < more.length; k++) {
    const m = more[k];
    let dup = false;
    for (let j = 0; j < into.length && !dup; j++) {
      const o = into[j];
      dup =
        o.schemeIdUri === m.schemeIdUri &&
        o.defaultKeyIds.join() === m.defaultKeyIds.join() &&
        o.licenseServerUrl === m.licenseServerUrl &&
        o.encryptionScheme === m.encryptionScheme &&
        o.initData.length === m.initData.length;
    }
    if (!dup) into.push(m);
  }
  return into;
}
