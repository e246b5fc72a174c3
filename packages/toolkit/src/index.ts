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
