import type { PackagedRepresentation, PackagingSummary, PackagedSubtitles } from './packaging-summary';
import { hlsImageStreamInf } from '../thumbnails/thumbnail-manifests';
import { iFrameStreamInf } from '../thumbnails/iframe-playlists';
import { hlsKeyTags, type PackagedEncryption } from '../encrypt/manifest-signalling';
import { quoted, relativeTo, seconds } from './hls-text';

const AUDIO_GROUP = 'audio';
const SUBTITLE_GROUP = 'subs';

/**
 * A media playlist (RFC 8216 §4.3.3, version 7 for EXT-X-MAP with fMP4,
 * §4.3.2.5) for one representation: VOD, EXT-X-MAP to init.mp4, EXTINF with
 * each segment's real duration, TARGETDURATION the largest rounded EXTINF.
 */
export function writeHlsMediaPlaylist(rep: PackagedRepresentation, encryption?: PackagedEncryption): string {
  const target = Math.max(1, ...rep.segments.map((s) => Math.round(s.durationSeconds)));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${target}`,
    `#EXT-X-MEDIA-SEQUENCE:${rep.segments[0]?.number ?? 1}`,
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    // --encrypt: the keys apply to the EXT-X-MAP and every segment after them (RFC 8216 §4.3.2.4).
    ...(encryption && rep.keyId ? hlsKeyTags(encryption, rep.keyId, 'EXT-X-KEY') : []),
    `#EXT-X-MAP:URI=${quoted(relativeTo(rep.playlistUrl, rep.initUrl))}`,
  ];
  for (const segment of rep.segments) {
    lines.push(`#EXTINF:${seconds(segment.durationSeconds)},`, relativeTo(rep.playlistUrl, segment.url));
  }
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}

/** A subtitle media playlist with the whole sidecar WebVTT as one segment. */
export function writeHlsSubtitlePlaylist(subtitles: PackagedSubtitles, durationSeconds: number): string {
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${Math.max(1, Math.ceil(durationSeconds))}`,
    '#EXT-X-MEDIA-SEQUENCE:1',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    `#EXTINF:${seconds(durationSeconds)},`,
    relativeTo(subtitles.playlistUrl, subtitles.url),
    '#EXT-X-ENDLIST',
    '',
  ].join('\n');
}

/** '24.000', '29.970' (RFC 8216 §4.3.4.2 FRAME-RATE, three decimals). */
function frameRateAttribute(frameRate: string | undefined): string | undefined {
  if (!frameRate) return undefined;
  const [num, den] = frameRate.split('/').map(Number);
  const value = (num ?? 0) / (den || 1);
  return value > 0 ? value.toFixed(3) : undefined;
}

/**
 * The multivariant playlist (RFC 8216 §4.3.4): one EXT-X-MEDIA per audio
 * language (group 'audio') and subtitle language (group 'subs'), one
 * EXT-X-STREAM-INF per video rung whose BANDWIDTH / AVERAGE-BANDWIDTH add the
 * largest audio rendition's (§4.3.4.2: the variant's peak includes the
 * renditions it may play with).
 */
export function writeHlsMultivariantPlaylist(summary: PackagingSummary): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS', ...sessionKeys(summary), ''];
  const names = new Set<string>();
  const uniqueName = (name: string) => {
    let candidate = name;
    for (let n = 2; names.has(candidate); n++) candidate = `${name} ${n}`;
    names.add(candidate);
    return candidate;
  };
  summary.audio.forEach((rep, i) => {
    const attributes = [
      'TYPE=AUDIO', `GROUP-ID=${quoted(AUDIO_GROUP)}`, `LANGUAGE=${quoted(rep.language ?? 'und')}`,
      `NAME=${quoted(uniqueName(rep.label ?? rep.language ?? 'und'))}`, `DEFAULT=${i === 0 ? 'YES' : 'NO'}`, 'AUTOSELECT=YES',
    ];
    if (rep.channels) attributes.push(`CHANNELS=${quoted(String(rep.channels))}`);
    attributes.push(`URI=${quoted(rep.playlistUrl)}`);
    lines.push(`#EXT-X-MEDIA:${attributes.join(',')}`);
  });
  names.clear();
  for (const text of summary.subtitles) {
    lines.push(`#EXT-X-MEDIA:${[
      'TYPE=SUBTITLES', `GROUP-ID=${quoted(SUBTITLE_GROUP)}`, `LANGUAGE=${quoted(text.language)}`, `NAME=${quoted(uniqueName(text.name))}`,
      'DEFAULT=NO', 'AUTOSELECT=YES', 'FORCED=NO', `URI=${quoted(text.playlistUrl)}`,
    ].join(',')}`);
  }
  if (summary.audio.length > 0 || summary.subtitles.length > 0) lines.push('');
  const audioPeak = Math.max(0, ...summary.audio.map((a) => a.peakBitrate));
  const audioAverage = Math.max(0, ...summary.audio.map((a) => a.averageBitrate));
  const audioCodecs = Array.from(new Set(summary.audio.map((a) => a.codecs)));
  for (const rep of summary.video) {
    const attributes = [
      `BANDWIDTH=${rep.peakBitrate + audioPeak}`,
      `AVERAGE-BANDWIDTH=${rep.averageBitrate + audioAverage}`,
      `CODECS=${quoted([rep.codecs, ...audioCodecs].join(','))}`,
    ];
    if (rep.width && rep.height) attributes.push(`RESOLUTION=${rep.width}x${rep.height}`);
    const frameRate = frameRateAttribute(rep.frameRate);
    if (frameRate) attributes.push(`FRAME-RATE=${frameRate}`);
    if (summary.audio.length > 0) attributes.push(`AUDIO=${quoted(AUDIO_GROUP)}`);
    if (summary.subtitles.length > 0) attributes.push(`SUBTITLES=${quoted(SUBTITLE_GROUP)}`);
    attributes.push('CLOSED-CAPTIONS=NONE');
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(',')}`, rep.playlistUrl);
  }
  // Trick play (--thumbnails): I-frame playlists (§4.3.4.3) and the image playlist (Image Media Playlist spec).
  if (summary.iFramePlaylists?.length) lines.push('', ...summary.iFramePlaylists.map(iFrameStreamInf));
  if (summary.thumbnails) lines.push('', hlsImageStreamInf(summary.thumbnails));
  lines.push('');
  return lines.join('\n');
}

/** EXT-X-SESSION-KEY per key in use (§4.3.4.5), so players set up DRM before any media playlist. */
function sessionKeys(summary: PackagingSummary): string[] {
  const encryption = summary.encryption;
  if (!encryption) return [];
  const keyIds = Array.from(new Set([...summary.video, ...summary.audio].map((rep) => rep.keyId).filter((id): id is string => id !== undefined)));
  return keyIds.flatMap((keyId) => hlsKeyTags(encryption, keyId, 'EXT-X-SESSION-KEY'));
}
