import type { EncryptionPlan } from './encryption-plan';
import { keyFor } from './encryption-plan';
import { psshBoxes } from './protection-systems';
import { createTrackEncryptor, type TrackEncryptor } from './track-encryptor';

/** The encryptor of one packaged representation: its key by type and height, pssh for every configured system. */
export function createRepresentationEncryptor(
  plan: EncryptionPlan,
  init: Uint8Array,
  rep: { id: string; type: 'video' | 'audio'; height?: number },
): TrackEncryptor {
  const key = keyFor(plan, rep);
  return createTrackEncryptor(init, {
    scheme: plan.scheme,
    keyId: key.keyId,
    key: key.key,
    ivSize: plan.ivSize,
    constantIv: plan.constantIv,
    pssh: psshBoxes(plan.systems, [key.keyId], plan.scheme),
  });
}
