export { DEFAULT_THUMBNAIL_OPTIONS, jpegQscale, parseDimensions, validateThumbnailOptions, type ThumbnailOptions } from './thumbnail-options';
export { buildThumbnailArgs, buildRetileArgs } from './thumbnail-args';
export { generateThumbnails, type GenerateThumbnailsJob } from './generate-thumbnails';
export { THUMBNAIL_DIRECTORY, SHEET_TEMPLATE, sheetName } from './thumbnail-files';
export { writeBif, BIF_MAGIC, BIF_HEADER_BYTES, type BifImage } from './write-bif';
export { spriteMetadata, writeThumbnailVtt, writeHlsImagePlaylist, hlsImageStreamInf, dashImageAdaptationSet, vttTimestamp, THUMBNAIL_TILE_SCHEME } from './thumbnail-manifests';
export { writeIFramePlaylists, writeIFramePlaylist, listIFrames, syncSamplesOf, iFramePlaylistUrl, iFrameStreamInf, type IFrameEntry } from './iframe-playlists';
export type { PackagedThumbnails, PackagedThumbnailSheet, PackagedIFramePlaylist } from './packaged-thumbnails';
