import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli-support/exit-codes';
import { UserError } from '../../src/cli-support/user-error';
import { loadSimVideo } from '../../src/abr-sim/load-video';

describe('loadSimVideo from a packaged title', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-abr-video-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads representations and per-segment sizes from packaging.json', async () => {
    const rep = (id: string, bandwidth: number, height: number, sizes: number[]) => ({
      id, type: 'video', codecs: 'avc1.64001f', bandwidth, width: Math.round((height * 16) / 9), height,
      segments: sizes.map((bytes, n) => ({ number: n + 1, url: `video/${id}/seg-${n + 1}.m4s`, bytes, startSeconds: n * 4, durationSeconds: n === 2 ? 2 : 4 })),
    });
    await writeFile(join(dir, 'packaging.json'), JSON.stringify({
      segmentDurationSeconds: 4,
      // Listed high first: the loader sorts the ladder by bandwidth.
      video: [rep('720p-3000k', 3_100_000, 720, [1_500_000, 1_400_000, 700_000]), rep('360p-800k', 820_000, 360, [400_000, 390_000, 190_000])],
      audio: [{ id: 'aac', type: 'audio', bandwidth: 128_000, segments: [] }],
    }));
    const loaded = await loadSimVideo(dir);
    expect(loaded.source).toBe('packaging.json');
    expect(loaded.video.representations.map((r) => [r.id, r.bandwidthBps, r.height])).toEqual([['360p-800k', 820_000, 360], ['720p-3000k', 3_100_000, 720]]);
    expect(loaded.video.segmentDurationsSeconds).toEqual([4, 4, 2]);
    expect(loaded.video.segmentSizesBytes).toEqual([[400_000, 1_500_000], [390_000, 1_400_000], [190_000, 700_000]]);
  });

  it('falls back to the segment files and the MPD segment duration without packaging.json', async () => {
    for (const [id, sizes] of [['360p-800k', [400, 390]], ['720p-3000k', [1500, 1400, 1300]]] as const) {
      await mkdir(join(dir, 'video', id), { recursive: true });
      for (const [n, size] of sizes.entries()) await writeFile(join(dir, 'video', id, `seg-${n + 1}.m4s`), Buffer.alloc(size));
    }
    await writeFile(join(dir, 'manifest.mpd'), '<MPD><Period><AdaptationSet><SegmentTemplate timescale="1000" duration="4000" media="$RepresentationID$/seg-$Number$.m4s"/></AdaptationSet></Period></MPD>');
    const loaded = await loadSimVideo(dir);
    expect(loaded.source).toBe('segment-files');
    expect(loaded.video.representations.map((r) => [r.id, r.bandwidthBps])).toEqual([['360p-800k', 800_000], ['720p-3000k', 3_000_000]]);
    // Truncated to the representation with the fewest segments.
    expect(loaded.video.segmentSizesBytes).toEqual([[400, 1500], [390, 1400]]);
    expect(loaded.video.segmentDurationsSeconds).toEqual([4, 4]);
  });

  it('says what is missing in a directory that is not a packaged title', async () => {
    await expect(loadSimVideo(dir)).rejects.toThrow(UserError);
    await expect(loadSimVideo(dir)).rejects.toMatchObject({ exitCode: ExitCode.INPUT_UNSUPPORTED, message: expect.stringMatching(/neither a packaged title/) });
    await expect(loadSimVideo(join(dir, 'nope'))).rejects.toMatchObject({ exitCode: ExitCode.INPUT_UNREADABLE });
  });
});
