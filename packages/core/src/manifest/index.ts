/**
 * @tessera/core/manifest — DASH MPD and HLS playlists → the presentation model.
 * Pure, DOM-free, synchronous; every failure is a TesseraError (see docs/manifest-support.md).
 */
export { parseManifest } from './parse-manifest';
export type { ParseOptions } from './parse-options';
export { parseHlsMediaPlaylist } from './hls/parse-hls-media-playlist';
export type { HlsMediaPlaylist, HlsPlaylistContext } from './hls/hls-media-playlist';
export { segmentsFromSidx } from './dash/segments-from-sidx';
export { parseXml, textContent, localName, childElements, firstChild, attributeByLocalName } from './xml';
export type { XmlElement, XmlNode, XmlParseOptions } from './xml';
export { resolveUrl, urlResolver } from './url/resolve-url';
export { parseIsoDuration } from './time/parse-iso-duration';
export { parseDateTime } from './time/parse-date-time';
