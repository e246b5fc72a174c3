/**
 * DRM figures for issue 5: time to first frame of the same title clear vs encrypted (cenc,
 * cbcs; DASH and HLS) with Tessera + @tessera/drm + our ClearKey licence server, the licence
 * acquisition time, and whether shaka-player / dash.js play the encrypted DASH (and their own
 * clear → encrypted startup cost, for comparison).
 *
 *   TESSERA_BUILD=packages,bundles npx rollup -c rollup.config.mjs
 *   npx tsx bench/drm/run.ts [--runs 5] [--rate-kbps 10000] [--rtt-ms 40] [--fresh]
 *
 * The title (24 s, 720p, 3 rungs, 4 s segments) is packaged three times from one synthesized
 * source into bench/results/drm-media/ (clear, --encrypt cenc, --encrypt cbcs), so the only
 * difference between runs is the encryption. Every run uses a new browser context (empty
 * cache, fresh connections) behind one emulated link; variants alternate within each round.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import { main as tessera } from '../../packages/toolkit/src/cli';
import { createLicenseServer, loadLicenseKeys, startServer, type TesseraServer } from '../../packages/toolkit/src/serve/index';
import { CHROMIUM_ARGS, resolveChromium } from '../../test-support/chromium';
import { REPO_ROOT } from '../../test-support/global-setup';
import { RESULTS_DIR, machineLoad, writeResults } from '../lib/results-file';
import { summarize } from '../lib/stats';

const TOKEN = 'bench-token';
const MEDIA = join(RESULTS_DIR, 'drm-media');

interface Variant {
  key: string;
  player: 'tessera' | 'shaka' | 'dashjs';
  packaging: 'clear' | 'cenc' | 'cbcs';
  protocol: 'dash' | 'hls';
}

const VARIANTS: Variant[] = [
  { key: 'tessera dash clear', player: 'tessera', packaging: 'clear', protocol: 'dash' },
  { key: 'tessera dash cenc', player: 'tessera', packaging: 'cenc', protocol: 'dash' },
  { key: 'tessera dash cbcs', player: 'tessera', packaging: 'cbcs', protocol: 'dash' },
  { key: 'tessera hls clear', player: 'tessera', packaging: 'clear', protocol: 'hls' },
  { key: 'tessera hls cenc', player: 'tessera', packaging: 'cenc', protocol: 'hls' },
  { key: 'shaka dash clear', player: 'shaka', packaging: 'clear', protocol: 'dash' },
  { key: 'shaka dash cenc', player: 'shaka', packaging: 'cenc', protocol: 'dash' },
  { key: 'dashjs dash clear', player: 'dashjs', packaging: 'clear', protocol: 'dash' },
  { key: 'dashjs dash cenc', player: 'dashjs', packaging: 'cenc', protocol: 'dash' },
];

interface RunResult {
  firstFrameMs?: number;
  licenseMs?: number;
  error?: string;
}

async function prepareMedia(fresh: boolean): Promise<void> {
  mkdirSync(MEDIA, { recursive: true });
  const source = join(MEDIA, 'source.mp4');
  if (fresh || !existsSync(source)) {
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=24:duration=24',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=24', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-c:a', 'aac', source]);
  }
  const io = { isTty: false, env: process.env, stdout: () => undefined, stderr: (t: string) => process.stderr.write(t) };
  for (const packaging of ['clear', 'cenc', 'cbcs'] as const) {
    const out = join(MEDIA, packaging);
    if (!fresh && existsSync(join(out, 'packaging.json'))) continue;
    const encrypt = packaging === 'clear' ? [] : ['--encrypt', packaging, '--key-scope', 'type', '--license-url', '/license/clearkey'];
    const code = await tessera(['package', source, '-o', out, '--ladder', '360:600,540:1200,720:2000', '--preset', 'veryfast', '--no-sidecar-subtitles', ...encrypt], io);
    if (code !== 0) throw new Error(`packaging ${packaging} failed (${code})`);
  }
}

/** One load in a fresh context: ms from the load call to the first painted frame, and the licence time. */
async function runOnce(browser: Browser, server: TesseraServer, variant: Variant): Promise<RunResult> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const manifest = `${server.url}/bench/results/drm-media/${variant.packaging}/${variant.protocol === 'dash' ? 'manifest.mpd' : 'master.m3u8'}`;
    const licenseUrl = `${server.url}/license/clearkey`;
    const encrypted = variant.packaging !== 'clear';
    await page.goto(`${server.url}/test-support/pages/${variant.player === 'tessera' ? 'harness' : 'peer'}.html`);
    await page.waitForFunction(() => (window as unknown as { harnessReady?: boolean }).harnessReady === true);
    return await page.evaluate(
      async ({ player, manifest, licenseUrl, encrypted, token }) => {
        const w = window as any; // eslint-disable-line @typescript-eslint/no-explicit-any
        const video = document.getElementById('video') as HTMLVideoElement;
        const headers = { Authorization: `Bearer ${token}` };
        const result: { firstFrameMs?: number; licenseMs?: number; error?: string } = {};
        const firstFrame = new Promise<number>((resolve) => {
          const v = video as HTMLVideoElement & { requestVideoFrameCallback?(cb: () => void): void };
          if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(() => resolve(performance.now()));
          else video.addEventListener('playing', () => resolve(performance.now()), { once: true });
        });
        const t0 = performance.now();
        try {
          if (player === 'tessera') {
            const drm = encrypted
              ? w.Tessera.createDrmManager({ servers: { 'org.w3.clearkey': licenseUrl }, keySystems: { 'org.w3.clearkey': { headers } } })
              : undefined;
            const p = new w.Tessera.Player(video, { drm });
            w.player = p;
            p.on('error', (e: { error: { code: number; severity: string } }) => {
              if (e.error.severity === 'fatal') result.error = `Tessera ${e.error.code}`;
            });
            await p.load(manifest);
          } else {
            const options = player === 'shaka'
              ? (encrypted ? { drm: { servers: { 'org.w3.clearkey': licenseUrl }, advanced: { 'org.w3.clearkey': { headers } } } } : {})
              : (encrypted ? { protectionData: { 'org.w3.clearkey': { serverURL: licenseUrl, httpRequestHeaders: headers } } } : {});
            video.autoplay = true;
            w.peer = await w.peerAdapters[player](video, manifest, options);
            void video.play().catch(() => undefined);
          }
          const at = await Promise.race([firstFrame, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 30000))]);
          if (at < 0) result.error = result.error ?? 'no frame in 30 s';
          else result.firstFrameMs = at - t0;
          if (player === 'tessera') result.licenseMs = w.player.getStats().licenseTimeMs;
        } catch (error) {
          result.error = String((error as Error)?.message ?? error);
        }
        return result;
      },
      { player: variant.player, manifest, licenseUrl, encrypted, token: TOKEN },
    );
  } finally {
    await context.close();
  }
}

function fmt(value: number | undefined, digits = 0): string {
  return value === undefined ? '—' : value.toFixed(digits);
}

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'rate-kbps': { type: 'string', default: '10000' },
      'rtt-ms': { type: 'string', default: '40' },
      fresh: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('npx tsx bench/drm/run.ts [--runs 5] [--rate-kbps 10000] [--rtt-ms 40] [--fresh]\n');
    return;
  }
  const runs = Number(values.runs);
  const network = { kind: 'constant' as const, rateKbps: Number(values['rate-kbps']), rttMs: Number(values['rtt-ms']) };
  await prepareMedia(values.fresh === true);
  const license = createLicenseServer({ keys: await loadLicenseKeys([MEDIA]), token: TOKEN });
  const server = await startServer({ root: REPO_ROOT, network, routes: license.routes });
  const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
  const loadBefore = await machineLoad();
  const results: Record<string, RunResult[]> = {};
  try {
    for (let round = 0; round < runs; round++) {
      for (const variant of VARIANTS) {
        (results[variant.key] ??= []).push(await runOnce(browser, server, variant));
        process.stderr.write('.');
      }
    }
  } finally {
    process.stderr.write('\n');
    await browser.close();
    await server.close();
  }
  const rows = VARIANTS.map((variant) => {
    const list = results[variant.key]!;
    const ttff = summarize(list.map((r) => r.firstFrameMs ?? NaN));
    const clear = summarize((results[`${variant.player} ${variant.protocol} clear`] ?? []).map((r) => r.firstFrameMs ?? NaN));
    const licence = summarize(list.map((r) => r.licenseMs ?? NaN));
    const failures = list.filter((r) => r.error).map((r) => r.error!);
    return {
      variant: variant.key, runs: list.length, played: list.length - failures.length, ttffMedianMs: ttff?.median, ttffMinMs: ttff?.min, ttffMaxMs: ttff?.max,
      ratioVsClear: ttff && clear && variant.packaging !== 'clear' ? ttff.median / clear.median : undefined, licenceMedianMs: licence?.median, failures,
    };
  });
  const header = ['variant', 'played', 'TTFF median ms', 'min–max', 'vs clear', 'licence ms'];
  const table = rows.map((r) => [r.variant, `${r.played}/${r.runs}`, fmt(r.ttffMedianMs), `${fmt(r.ttffMinMs)}–${fmt(r.ttffMaxMs)}`, r.ratioVsClear ? `${r.ratioVsClear.toFixed(2)}×` : '', fmt(r.licenceMedianMs)]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  process.stdout.write(`DRM startup, ${runs} runs per row, link ${network.rateKbps} kbit/s, RTT ${network.rttMs} ms (licence server behind the same link)\n`);
  process.stdout.write(line(header) + '\n' + table.map(line).join('\n') + '\n');
  for (const r of rows) if (r.failures.length) process.stdout.write(`  ${r.variant}: ${r.failures.join('; ')}\n`);
  const path = writeResults('drm', { network, runs, machine: { before: loadBefore, after: await machineLoad() }, rows, results });
  process.stdout.write(`results: ${path}\n`);
}

await run();
