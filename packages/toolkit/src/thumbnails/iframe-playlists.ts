import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseTrackExtends, readFragments } from '@tessera/core/mp4';
import { hlsKeyTags, type PackagedEncryption } from '../encrypt/manifest-signalling';
import { relativeTo, seconds } from '../package/hls-text';
import type { PackagedRepresentation } from '../package/packaging-summary';
import type { PackagedIFramePlaylist } from './packaged-thumbnails';

/** One I-frame: where its bytes are and the time until the next one. */
export interface IFrameEntry {
  /** Segment URL, relative to the title root. */
  url: string;
  /** First byte: the segment start (styp) for its first fragment, else the enclosing moof. */
  offset: number;
  /** Bytes from `offset` through the end of the I-frame's sample data. */
  length: number;
  startSeconds: number;
  durationSeconds: number;
}

/**
 * The sync samples of a CMAF segment (box library `readFragments`), each as the
 * byte range an I-frame playlist lists (RFC 8216 §4.3.3.6): from the start of
 * its movie fragment (the segment start for the first one, so styp comes along)
 * through the end of the sample, so a player gets moof + mdat header + the
 * picture and nothing after. Times are seconds from the segment start.
 */
export function syncSamplesOf(segment: Uint8Array, init: Uint8Array): Array<{ offset: number; length: number; offsetSeconds: number }> {
  const trex = parseTrackExtends(init);
  const fragments = readFragments(segment, trex);
  const out: Array<{ offset: number; length: number; offsetSeconds: number }> = [];
  let firstTime: number | undefined;
  fragments.forEach((fragment, f) => {
    for (const sample of fragment.samples) {
      const time = sample.decodeTime + sample.compositionTimeOffset;
      if (firstTime === undefined) firstTime = time;
      if (!sample.isSync) continue;
      const start = f === 0 ? 0 : fragment.moofStart;
      out.push({ offset: start, length: sample.offset + sample.size - start, offsetSeconds: time - firstTime });
    }
  });
  return out;
}

/** Every I-frame of a representation, read back from its written segments. */
export async function listIFrames(outDir: string, rep: PackagedRepresentation): Promise<IFrameEntry[]> {
  const init = new Uint8Array(await readFile(join(outDir, rep.initUrl)));
  const entries: IFrameEntry[] = [];
  for (const segment of rep.segments) {
    const bytes = new Uint8Array(await readFile(join(outDir, segment.url)));
    for (const sync of syncSamplesOf(bytes, init)) {
      entries.push({ url: segment.url, offset: sync.offset, length: sync.length, startSeconds: segment.startSeconds + sync.offsetSeconds / rep.timescale, durationSeconds: 0 });
    }
  }
  const last = rep.segments[rep.segments.length - 1];
  const end = last ? last.startSeconds + last.durationSeconds : 0;
  entries.forEach((entry, i) => {
    entry.durationSeconds = Math.max(0, (entries[i + 1]?.startSeconds ?? end) - entry.startSeconds);
  });
  return entries;
}

/**
 * An I-frame media playlist (RFC 8216 §4.3.3.6 EXT-X-I-FRAMES-ONLY): the
 * representation's init segment as EXT-X-MAP, then per I-frame its EXTINF (time until
 * the next I-frame) and EXT-X-BYTERANGE into the regular segment. `extraTags` go
 * after the header (e.g. the EXT-X-KEY lines of an encrypted representation).
 */
export function writeIFramePlaylist(url: string, rep: PackagedRepresentation, entries: ReadonlyArray<IFrameEntry>, extraTags: ReadonlyArray<string> = []): string {
  const target = Math.max(1, ...entries.map((e) => Math.round(e.durationSeconds)));
  const lines = [
    '#EXTM3U', '#EXT-X-VERSION:7', `#EXT-X-TARGETDURATION:${target}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-INDEPENDENT-SEGMENTS', '#EXT-X-I-FRAMES-ONLY', ...extraTags, `#EXT-X-MAP:URI="${relativeTo(url, rep.initUrl)}"`,
  ];
  for (const entry of entries) {
    lines.push(`#EXTINF:${seconds(entry.durationSeconds)},`, `#EXT-X-BYTERANGE:${entry.length}@${entry.offset}`, relativeTo(url, entry.url));
  }
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}

/** The playlist's URL next to the representation's media playlist. */
export function iFramePlaylistUrl(rep: PackagedRepresentation): string {
  return rep.playlistUrl.slice(0, rep.playlistUrl.lastIndexOf('/') + 1) + 'iframes.m3u8';
}

/**
 * Writes one I-frame playlist per video representation and returns what the multivariant
 * playlist lists. Encrypted representations get the same EXT-X-KEY tags as their media playlist.
 */
export async function writeIFramePlaylists(outDir: string, video: ReadonlyArray<PackagedRepresentation>, encryption?: PackagedEncryption): Promise<PackagedIFramePlaylist[]> {
  const out: PackagedIFramePlaylist[] = [];
  for (const rep of video) {
    const entries = await listIFrames(outDir, rep);
    if (entries.length === 0) continue;
    const url = iFramePlaylistUrl(rep);
    const keys = encryption && rep.keyId ? hlsKeyTags(encryption, rep.keyId, 'EXT-X-KEY') : [];
    await writeFile(join(outDir, url), writeIFramePlaylist(url, rep, entries, keys));
    let bits = 0;
    let seconds = 0;
    let peak = 0;
    for (const entry of entries) {
      bits += entry.length * 8;
      seconds += entry.durationSeconds;
      if (entry.durationSeconds > 0) peak = Math.max(peak, (entry.length * 8) / entry.durationSeconds);
    }
    const playlist: PackagedIFramePlaylist = {
      representationId: rep.id, url, codecs: rep.codecs, bandwidth: Math.ceil(peak), averageBandwidth: Math.ceil(seconds > 0 ? bits / seconds : 0), iFrames: entries.length,
    };
    if (rep.width) playlist.width = rep.width;
    if (rep.height) playlist.height = rep.height;
    out.push(playlist);
  }
  return out;
}

/** The multivariant playlist line (RFC 8216 §4.3.4.3). */
export function iFrameStreamInf(playlist: PackagedIFramePlaylist): string {
  const attributes = [`BANDWIDTH=${playlist.bandwidth}`, `AVERAGE-BANDWIDTH=${playlist.averageBandwidth}`, `CODECS="${playlist.codecs}"`];
  if (playlist.width && playlist.height) attributes.push(`RESOLUTION=${playlist.width}x${playlist.height}`);
  attributes.push(`URI="${playlist.url}"`);
  return `#EXT-X-I-FRAME-STREAM-INF:${attributes.join(',')}`;
}
