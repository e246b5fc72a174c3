import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '@tessera/core';
import { childBoxes, findBox, parseInitSegment, parseSenc, readBoxes } from '@tessera/core/mp4';
import { main } from '../../src/cli';
import type { CliIo } from '../../src/cli-support/cli-io';
import { ExitCode } from '../../src/cli-support/exit-codes';
import { createTrackEncryptor, psshBoxes } from '../../src/encrypt/index';
import type { PackagingSummary } from '../../src/package/packaging-summary';

/*
 * Independent checks of our Common Encryption: ffmpeg's mov demuxer (its own cenc/cbcs
 * decryptors) must turn our encrypted CMAF back into the clear bitstream, and the frames
 * it decodes must match the clear encode.
 */

const KEY_ID = '0123456789abcdef0123456789abcdef';
const KEY = '00112233445566778899aabbccddeeff';
let dir = '';

function io(): CliIo & { out: string; err: string } {
  const capture = { out: '', err: '', isTty: false, env: process.env, stdout: (t: string) => { capture.out += t; }, stderr: (t: string) => { capture.err += t; } };
  return capture;
}

function ffmpeg(args: string[], input?: Buffer): Buffer {
  return execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

/** init + every segment of a representation directory, in order. */
function joined(repDir: string): Buffer {
  const segments = readdirSync(repDir).filter((f) => /^seg-\d+\.m4s$/.test(f)).sort((a, b) => parseInt(a.slice(4)) - parseInt(b.slice(4)));
  return Buffer.concat([readFileSync(join(repDir, 'init.mp4')), ...segments.map((f) => readFileSync(join(repDir, f)))]);
}

/**
 * The elementary stream ffmpeg demuxes, decrypting with `key`. Input comes through a pipe:
 * ffmpeg 5.1 mis-assigns senc data to samples when it pre-reads the moofs of a seekable
 * fragmented file (its own encrypted output fails the same way).
 */
function elementaryStream(file: Buffer, format: 'h264' | 'adts', key?: string): Buffer {
  return ffmpeg([...(key ? ['-decryption_key', key] : []), '-i', 'pipe:0', '-c', 'copy', '-f', format, 'pipe:1'], file);
}

/** Average PSNR (dB) of `a` against `b` (Infinity when identical), decoding `a` with `key`. */
function psnr(a: Buffer, key: string, bPath: string): number {
  const aPath = join(dir, `psnr-${Math.random().toString(36).slice(2)}.h264`);
  writeFileSync(aPath, elementaryStream(a, 'h264', key));
  const out = execFileSync('sh', ['-c', `ffmpeg -hide_banner -i '${aPath}' -i '${bPath}' -lavfi psnr -f null - 2>&1`], { encoding: 'utf8' });
  const m = /average:(inf|[\d.]+)/.exec(out);
  if (!m) throw new Error('no PSNR in ffmpeg output');
  return m[1] === 'inf' ? Infinity : Number(m[1]);
}

/** Encrypts a clear representation directory in memory with our encryptor. */
function encryptRep(repDir: string, scheme: 'cenc' | 'cbcs'): Buffer {
  const init = new Uint8Array(readFileSync(join(repDir, 'init.mp4')));
  const encryptor = createTrackEncryptor(init, { scheme, keyId: KEY_ID, key: KEY, pssh: psshBoxes({}, [KEY_ID], scheme) });
  const segments = readdirSync(repDir).filter((f) => /^seg-\d+\.m4s$/.test(f)).sort((a, b) => parseInt(a.slice(4)) - parseInt(b.slice(4)));
  return Buffer.concat([encryptor.encryptInit(init), ...segments.map((f) => encryptor.encryptSegment(new Uint8Array(readFileSync(join(repDir, f)))))]);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-encrypt-'));
  ffmpeg([
    '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=24:duration=6', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=6',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', join(dir, 'clip.mp4'),
  ]);
  const common = ['--ladder', '180:300,360:800', '--segment-duration', '2', '--preset', 'veryfast', '--no-sidecar-subtitles', '--json'];
  for (const [name, extra] of [['clear', []], ['cenc', ['--encrypt', 'cenc', '--key-id', KEY_ID, '--key', KEY, '--license-url', '/license/clearkey', '--widevine']]] as const) {
    const capture = io();
    const code = await main(['package', join(dir, 'clip.mp4'), '-o', join(dir, name), ...common, ...extra], capture);
    if (code !== ExitCode.OK) throw new Error(`package ${name} failed: ${capture.err}`);
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('CENC encryption checked by ffmpeg', () => {
  for (const scheme of ['cenc', 'cbcs'] as const) {
    it(`${scheme}: ffmpeg decrypts our video and audio back to the clear bitstream, bit for bit`, () => {
      for (const [rep, format] of [['video/360p-800k', 'h264'], ['audio/und', 'adts']] as const) {
        const clear = elementaryStream(joined(join(dir, 'clear', rep)), format);
        const encrypted = encryptRep(join(dir, 'clear', rep), scheme);
        expect(clear.length).toBeGreaterThan(1000);
        expect(elementaryStream(encrypted, format, KEY).equals(clear)).toBe(true);
        // …and the samples really are encrypted: without the key the bitstream differs.
        expect(elementaryStream(encrypted, format).equals(clear)).toBe(false);
      }
    });
  }

  it('tessera package --encrypt cenc: the decrypted frames match the clear encode (PSNR)', () => {
    const clearPath = join(dir, 'clear-360.h264');
    writeFileSync(clearPath, elementaryStream(joined(join(dir, 'clear/video/360p-800k')), 'h264'));
    expect(psnr(joined(join(dir, 'cenc/video/360p-800k')), KEY, clearPath)).toBeGreaterThanOrEqual(40);
  });

  it('keeps every NAL header and slice header in the clear (ffmpeg parses them identically with the payload scrambled)', () => {
    const repDir = join(dir, 'cenc/video/360p-800k');
    const file = joined(repDir);
    // Overwrite every protected byte with garbage: if any header byte were protected, its trace would change.
    const scrambled = Buffer.from(file);
    for (const moof of readBoxes(new Uint8Array(scrambled))) {
      if (moof.type !== 'moof') continue;
      const traf = childBoxes(moof).find((b) => b.type === 'traf')!;
      const senc = parseSenc(childBoxes(traf).find((b) => b.type === 'senc')!, 8);
      const mdatStart = moof.end;
      let at = mdatStart + 8;
      for (const sample of senc) {
        for (const sub of sample.subsamples!) {
          at += sub.clearBytes;
          for (let i = 0; i < sub.protectedBytes; i++) scrambled[at + i] = (i * 131 + 7) & 0xff;
          at += sub.protectedBytes;
        }
      }
    }
    const headers = (data: Buffer) => execFileSync('sh', ['-c', `ffmpeg -hide_banner -v trace -i pipe:0 -c copy -bsf:v trace_headers -f null - 2>&1 | grep trace_headers | grep -E '^\\[trace_headers[^]]*\\] [0-9]+ ' | grep -v -E 'cabac_alignment|user_data|uuid_iso' | sed 's/@ 0x[0-9a-f]*//'`], { input: data, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const original = headers(file);
    expect(original).toContain('slice_qp_delta');
    expect(headers(scrambled)).toBe(original);
  });

  it('writes encv/enca with sinf (frma, schm, tenc), pssh in the moov, senc/saiz/saio per fragment', () => {
    const video = new Uint8Array(readFileSync(join(dir, 'cenc/video/180p-300k/init.mp4')));
    const [track] = parseInitSegment(video).tracks;
    expect(track!.codec).toMatch(/^avc1\./);
    expect(track!.encrypted).toMatchObject({ scheme: 'cenc', defaultKeyId: KEY_ID, perSampleIvSize: 8 });
    const moov = findBox(video, 'moov')!;
    const pssh = childBoxes(moov).filter((b) => b.type === 'pssh');
    expect(pssh.length).toBe(2); // W3C common + Widevine
    expect(() => createTrackEncryptor(video, { scheme: 'cbcs', keyId: KEY_ID, key: KEY })).toThrow(/already encrypted/);
    const segment = new Uint8Array(readFileSync(join(dir, 'cenc/video/180p-300k/seg-1.m4s')));
    const traf = childBoxes(readBoxes(segment).find((b) => b.type === 'moof')!).find((b) => b.type === 'traf')!;
    expect(childBoxes(traf).map((b) => b.type)).toEqual(['tfhd', 'tfdt', 'trun', 'senc', 'saiz', 'saio']);
  });

  it('packaging.json lists key IDs and systems, never keys; keys.json (mode 0600) has them', () => {
    const summaryText = readFileSync(join(dir, 'cenc/packaging.json'), 'utf8');
    const summary = JSON.parse(summaryText) as PackagingSummary;
    expect(summary.encryption).toMatchObject({ scheme: 'cenc', keys: [{ label: 'all', keyId: KEY_ID }], keysFile: 'keys.json' });
    expect(summary.video.every((r) => r.keyId === KEY_ID)).toBe(true);
    expect(summaryText).not.toContain(KEY);
    const keysFile = join(dir, 'cenc/keys.json');
    expect(JSON.parse(readFileSync(keysFile, 'utf8')).keys[0]).toMatchObject({ keyId: KEY_ID, key: KEY });
    expect(statSync(keysFile).mode & 0o077).toBe(0);
    for (const manifest of ['manifest.mpd', 'master.m3u8', 'video/180p-300k/playlist.m3u8']) expect(readFileSync(join(dir, 'cenc', manifest), 'utf8')).not.toContain(KEY);
  });

  it("core's parsers read what we signal: DASH ContentProtection and HLS SESSION-KEY/KEY", () => {
    const base = 'https://cdn.example/title/';
    const dash = parseManifest(readFileSync(join(dir, 'cenc/manifest.mpd'), 'utf8'), base + 'manifest.mpd');
    const video = dash.switchingSets.find((s) => s.type === 'video')!;
    const systems = video.drm.map((d) => d.keySystem);
    expect(systems).toEqual(expect.arrayContaining(['org.w3.clearkey', 'com.widevine.alpha']));
    for (const info of video.drm) expect(info).toMatchObject({ encryptionScheme: 'cenc', defaultKeyIds: [KEY_ID] });
    expect(video.drm.find((d) => d.licenseServerUrl)!.licenseServerUrl).toBe('https://cdn.example/license/clearkey');
    expect(video.drm.some((d) => d.initData.some((i) => i.type === 'cenc'))).toBe(true);

    const hls = parseManifest(readFileSync(join(dir, 'cenc/master.m3u8'), 'utf8'), base + 'master.m3u8');
    expect(hls.drm.length).toBeGreaterThanOrEqual(2);
    for (const info of hls.drm) expect(info).toMatchObject({ encryptionScheme: 'cenc', defaultKeyIds: [KEY_ID] });
    expect(hls.drm.map((d) => d.keySystem)).toEqual(expect.arrayContaining(['org.w3.clearkey', 'com.widevine.alpha']));
    const media = readFileSync(join(dir, 'cenc/video/180p-300k/playlist.m3u8'), 'utf8');
    expect(media.indexOf('#EXT-X-KEY:METHOD=SAMPLE-AES-CTR')).toBeLessThan(media.indexOf('#EXT-X-MAP'));
  });
});
