/** `tessera package --encrypt`: ISO/IEC 23001-7 Common Encryption of our CMAF output, and its manifest signalling. */
export { createTrackEncryptor, type TrackEncryptor, type TrackEncryptionOptions } from './track-encryptor';
export { createRepresentationEncryptor } from './representation-encryptor';
export { generateKeys, keyFor, SD_MAX_HEIGHT, type ContentKey, type EncryptionPlan, type KeyScope, type KeyTarget } from './encryption-plan';
export { parseEncryptionArgs, resolveEncryptionPlan, ENCRYPTION_ARG_OPTIONS, ENCRYPTION_USAGE, type EncryptionRequest } from './encryption-options';
export { readKeysFile, writeKeysFile, parseKeysFile, keysFileOf, normalizeHex16, KEYS_FILE_NAME, type KeysFile } from './keys-file';
export { describeEncryption, dashContentProtection, dashProtection, hlsKeyTags, DASH_CENC_NAMESPACES, type PackagedEncryption } from './manifest-signalling';
export { SYSTEM_IDS, commonPssh, psshBoxes, widevinePsshData, uuidOf, type ProtectionSystems } from './protection-systems';
export { writeTenc, writeSinf, writeSenc, writeSaiz, writeSaio, type EncryptionScheme, type TrackEncryptionBox, type SampleEncryptionEntry } from './cenc-boxes';
export { avcSubsamples, type Subsample } from './subsamples';
export { encryptCtr, encryptCbcPattern, type Pattern } from './sample-cipher';
export { ParameterSets, parseSps, parsePps, sliceHeaderSize } from './h264-slice-header';
