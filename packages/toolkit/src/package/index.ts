export { DEFAULT_LADDER, parseLadderOption, selectLadder, type LadderRung, type Rendition } from './ladder';
export { packageTitle, type PackageTitleOptions } from './package-title';
export { parsePackageArgs, PACKAGE_USAGE, type PackageCommandOptions } from './package-options';
export { splitFragmentedMp4, groupSamples, type CutRule, type SplitResult, type SplitSegment } from './split-fragmented-mp4';
export { writeDashManifest, timelineRuns } from './dash-manifest';
export { writeHlsMediaPlaylist, writeHlsMultivariantPlaylist, writeHlsSubtitlePlaylist } from './hls-playlists';
export { averageBitrate, peakSegmentBitrate, dashBandwidth, type SizedSegment } from './bandwidth';
export { srtToVtt, isWebVtt } from './srt-to-vtt';
export { parseSubtitlesOption, discoverSidecarSubtitles, mergeSubtitleSources, type SubtitleSource } from './subtitle-sources';
export { toBcp47Language, languageName } from './languages';
export { buildEncodeArgs, gopFrames, type EncodeJob, type EncodeOutputs } from './encode-args';
export {
  PACKAGER_VERSION, type PackagingSummary, type PackagedRepresentation, type PackagedSegment, type PackagedSubtitles,
} from './packaging-summary';
