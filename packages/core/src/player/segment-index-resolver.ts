import { ErrorCode } from '../errors/error-codes';
import { TesseraError } from '../errors/tessera-error';
import { parseHlsMediaPlaylist, segmentsFromSidx } from '../manifest';
import type { SegmentIndexPart } from '../model/presentation';
import { findBox, findBoxes, parseMdhd, parseSidx, parseTfdt, parseTkhd } from '../mp4';
import type { ResolvedPart } from '../streaming/streaming-engine';
import type { PlayerNetwork } from './player-network';

/** Bytes fetched to look for a sidx when the MPD gives no indexRange. */
const SIDX_PROBE_BYTES = 16 * 1024;

/** Turns a pending index part into segments: fetches the HLS media playlist or the sidx. */
export async function resolveSegmentIndexPart(part: SegmentIndexPart, network: PlayerNetwork): Promise<ResolvedPart> {
  if (part.kind === 'segments') return { segments: part.segments, final: true };
  if (part.kind === 'hls-playlist') {
    const response = await network.fetchText([part.url], 'manifest');
    const playlist = parseHlsMediaPlaylist(response.text, response.url);
    return { segments: playlist.segments, final: playlist.endList };
  }
  const range = part.indexRange ?? { start: 0, end: SIDX_PROBE_BYTES - 1 };
  const data = await network.fetchBytes(part.urls, range, 'init');
  const sidx = parseSidx(data);
  if (!sidx) throw new TesseraError(ErrorCode.SIDX_INVALID, 'fatal', { url: part.urls[0] ?? '', reason: 'no sidx box in the index range' });
  // parseSidx reports offsets within the bytes it was given; the file offset is range.start.
  return { segments: segmentsFromSidx(sidx, part, range.start), final: true };
}

/** Media time (s) of the first sample in a media segment: tfdt / the track's timescale. */
export function mediaStartTime(init: Uint8Array, mediaHead: Uint8Array): number | undefined {
  try {
    const first = parseTfdt(mediaHead)[0];
    if (!first) return undefined;
    // Only tkhd/mdhd are read: the full init parse (codecs, encryption) is not needed here.
    let timescale: number | undefined;
    for (const trak of findBoxes(init, 'moov/trak')) {
      const tkhd = findBox(init, 'tkhd', trak);
      const mdhd = findBox(init, 'mdia/mdhd', trak);
      if (!tkhd || !mdhd) continue;
      const scale = parseMdhd(mdhd).timescale;
      if (timescale === undefined || parseTkhd(tkhd).trackId === first.trackId) timescale = scale;
    }
    return timescale ? first.baseMediaDecodeTime / timescale : undefined;
  } catch {
    return undefined;
  }
}
