export { main } from './cli';
export * from './serve/index';
export {
  packageTitle, parsePackageArgs, DEFAULT_LADDER, parseLadderOption, selectLadder, splitFragmentedMp4, writeDashManifest,
  writeHlsMediaPlaylist, writeHlsMultivariantPlaylist, writeHlsSubtitlePlaylist, srtToVtt, PACKAGER_VERSION,
  type PackageTitleOptions, type LadderRung, type Rendition, type PackagingSummary, type PackagedRepresentation, type PackagedSegment, type PackagedSubtitles,
} from './package/index';
export { buildSampleCatalog, buildCatalog, sampleTitles, type SampleOptions, type Catalog, type CatalogTitle, type CatalogSeries, type TitleMarkers } from './sample/index';
export { findFfmpegTools, probeMedia, runFfmpeg, type FfmpegTools, type MediaProbe } from './ffmpeg/index';
export { createProgressReporter, type ProgressReporter, type ProgressEvent } from './progress/index';
export {
  generateThumbnails, writeBif, spriteMetadata, writeThumbnailVtt, writeHlsImagePlaylist, dashImageAdaptationSet, writeIFramePlaylists, writeIFramePlaylist,
  DEFAULT_THUMBNAIL_OPTIONS, type ThumbnailOptions, type PackagedThumbnails, type PackagedIFramePlaylist,
} from './thumbnails/index';
export {
  createTrackEncryptor, createRepresentationEncryptor, generateKeys, keyFor, readKeysFile, writeKeysFile, parseKeysFile, psshBoxes, commonPssh,
  dashContentProtection, hlsKeyTags, describeEncryption, parseEncryptionArgs, resolveEncryptionPlan, KEYS_FILE_NAME, SYSTEM_IDS,
  type TrackEncryptor, type TrackEncryptionOptions, type EncryptionPlan, type ContentKey, type KeyScope, type KeysFile, type PackagedEncryption,
  type ProtectionSystems, type EncryptionScheme,
} from './encrypt/index';
