import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ErrorCode, TesseraError } from '@tessera/core';
import { parseManifest } from '@tessera/core/manifest';

// The shared corpus lives beside the checkout (../shared/corpus from the repo root); never copied in.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const CORPUS = resolve(repoRoot, '../shared/corpus');
const NOW = Date.UTC(2024, 0, 1);

const TS = ErrorCode.MPEG_TS_UNSUPPORTED;
// Expected outcome of every corpus file that does not parse to a model (all others must parse).
// Most HLS fixtures are MPEG-TS media playlists: out of scope, so a typed MPEG_TS_UNSUPPORTED.
const EXPECTED_ERRORS: Record<string, number> = {
  'dash/mpd-parser--webmsegments.mpd': ErrorCode.NO_PLAYABLE_STREAMS,
  'hls/m3u8-parser--empty.m3u8': ErrorCode.MANIFEST_UNKNOWN_FORMAT,
  'hls/m3u8-parser--headerOnly.m3u8': ErrorCode.HLS_INVALID,
  'hls/m3u8-parser--manifestNoExtM3u.m3u8': ErrorCode.HLS_INVALID,
  'hls/http-streaming--manifestNoExtM3u.m3u8': ErrorCode.HLS_INVALID,
  'hls/m3u8-parser--start.m3u8': ErrorCode.HLS_INVALID,
};
const TS_PLAYLISTS = [
  'absoluteUris', 'allowCache', 'allowCacheInvalid', 'byteRange', 'disallowCache', 'disc-sequence', 'discontinuity', 'domainUris',
  'emptyAllowCache', 'emptyMediaSequence', 'emptyPlaylistType', 'encrypted', 'event', 'extXPlaylistTypeInvalidPlaylist', 'extinf',
  'invalidAllowCache', 'invalidMediaSequence', 'invalidPlaylistType', 'invalidTargetDuration', 'liveMissingSegmentDuration',
  'liveStart30sBefore', 'manifestExtTTargetdurationNegative', 'manifestExtXEndlistEarly', 'media', 'mediaSequence', 'missingEndlist',
  'missingExtinf', 'missingMediaSequence', 'missingSegmentDuration', 'multipleTargetDurations', 'negativeMediaSequence', 'playlist',
  'playlistMediaSequenceHigher', 'twoMediaSequences', 'versionInvalid', 'whiteSpace', 'zeroDuration',
];
for (const name of TS_PLAYLISTS) {
  EXPECTED_ERRORS[`hls/m3u8-parser--${name}.m3u8`] = TS;
  EXPECTED_ERRORS[`hls/http-streaming--${name}.m3u8`] = TS;
}
for (const name of ['media1', 'media2', 'media3', 'playlist_allow_cache_template', 'playlist_byte_range_template', 'playlist_extinf_template',
  'playlist_media_sequence_template', 'playlist_target_duration_template', 'playlist_type_template', 'program-date-time', 'startLive',
  'startLiveNegative', 'startNegative', 'startVod', 'zeroLength']) {
  EXPECTED_ERRORS[`hls/http-streaming--${name}.m3u8`] = TS;
}
for (const name of ['dateTime', 'iFramesOnly', 'llhls-byte-range', 'llhls-delta-byte-range']) EXPECTED_ERRORS[`hls/m3u8-parser--${name}.m3u8`] = TS;

function corpusFiles(): string[] {
  const out: string[] = [];
  for (const dir of ['dash', 'hls']) {
    const path = join(CORPUS, dir);
    if (!existsSync(path)) continue;
    for (const name of readdirSync(path).sort()) if (/\.(mpd|m3u8)$/.test(name)) out.push(`${dir}/${name}`);
  }
  return out;
}

const files = corpusFiles();

describe('shared corpus', () => {
  it('is present beside the checkout', () => {
    expect(files.length).toBeGreaterThanOrEqual(150);
  });

  it.each(files)('%s parses to a model or a typed TesseraError, in under 100 ms', (file) => {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    const url = `https://corpus.example.com/${file}`;
    const t0 = performance.now();
    let outcome: number | 'model';
    try {
      const p = parseManifest(text, url, { nowMs: NOW });
      expect(p.protocol).toBe(file.startsWith('dash/') ? 'dash' : 'hls');
      expect(p.switchingSets.length).toBeGreaterThan(0);
      outcome = 'model';
    } catch (error) {
      expect(error).toBeInstanceOf(TesseraError);
      const e = error as TesseraError;
      expect(e.category).toBe(e.code < 2000 ? 'network' : 'manifest');
      expect(e.message).not.toContain('internal parser error');
      outcome = e.code;
    }
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeLessThan(100);
    expect(outcome).toBe(EXPECTED_ERRORS[file] ?? 'model');
  });

  it('accounts for every expected error file', () => {
    for (const file of Object.keys(EXPECTED_ERRORS)) expect(files, file).toContain(file);
  });
});
