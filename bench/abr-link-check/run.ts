/**
 * Does the ABR simulator model what the player sees? Replays one network trace twice with the
 * same algorithm (the hybrid) and the same title (media/movie: real segment sizes):
 *   1. in Chromium: Tessera playing through `tessera serve`'s trace emulation (shared bottleneck,
 *      per-request RTT), recording each video segment's rung and append time and the buffer level;
 *   2. in @tessera/abr/sim with the player's settings (30 s buffer goal, 1 s startup threshold).
 * Prints both side by side per segment, the rung agreement and the buffer-curve difference, and
 * writes an SVG overlay to bench/results/. A benchmark, not a test: it reports, it does not assert.
 *
 *   npx tsx bench/abr-link-check/run.ts [--trace <file>] [--seconds 60]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { createHybridAbr } from '@tessera/abr';
import { createScriptedAbr, createTraceLink, parseTrace, simulateSession } from '@tessera/abr/sim';
import { loadSimVideo } from '../../packages/toolkit/src/abr-sim/load-video';
import { startServer } from '../../packages/toolkit/src/serve/index';
import { CHROMIUM_ARGS, resolveChromium } from '../../test-support/chromium';
import { parseFlags } from '../lib/cli-args';
import { RESULTS_DIR } from '../lib/results-file';
import { REPO_ROOT } from '../lib/sample-title';

const flags = parseFlags(process.argv.slice(2), {
  trace: { kind: 'string', description: 'trace JSON (default: a 3G trace around 2.6 Mbps)' },
  seconds: { kind: 'number', description: 'seconds of playback to record (default 60)' },
}, 'bench/abr-link-check: simulator vs browser on one trace');
const tracePath = String(flags.trace ?? '/work/shared/corpus/traces/sabre-3g/report.2010-09-29_1827CEST.json').replace('/work/shared', `${REPO_ROOT}../shared`);
const seconds = Number(flags.seconds ?? 60);
const trace = parseTrace(readFileSync(tracePath, 'utf8'));
const { video: videoOnly } = await loadSimVideo(`${REPO_ROOT}media/movie`);
// The player fetches the audio segment alongside each video segment over the same link; the
// simulator models one transfer per segment, so each segment carries the audio bytes too (the
// bitrate QoE is scored with stays the video rung's).
const packaging = JSON.parse(readFileSync(`${REPO_ROOT}media/movie/packaging.json`, 'utf8')) as { audio: Array<{ segments: Array<{ bytes: number }> }> };
const audioBytes = packaging.audio[0]!.segments.map((s) => s.bytes);
const video = { ...videoOnly, segmentSizesBytes: videoOnly.segmentSizesBytes.map((row, i) => row.map((bytes) => bytes + (audioBytes[i] ?? 0))) };
const rungKbps = video.representations.map((r) => Math.round(r.bandwidthBps / 1000));

// 1. The browser.
const server = await startServer({ root: REPO_ROOT, port: 0 });
const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
let browserRun: { segments: Array<{ start: number; rep: string; at: number }>; buffer: Array<[number, number]>; firstFrameAt: number };
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/test-support/pages/harness.html`);
  await page.waitForFunction(() => (window as unknown as { harnessReady?: boolean }).harnessReady === true);
  server.setNetwork({ kind: 'trace', trace: trace.periods.map((p) => ({ duration_ms: p.durationMs, bandwidth_kbps: p.bandwidthKbps, latency_ms: p.latencyMs })) });
  // Plain JavaScript on purpose: the TypeScript loader would decorate a compiled function with helpers the page lacks.
  const inPage = `(async ({ url, seconds }) => {
    const video = document.getElementById('video');
    const player = new window.Tessera.Player(video, { startupBufferSeconds: 1 });
    const t0 = performance.now();
    const now = () => (performance.now() - t0) / 1000;
    const segments = [];
    const buffer = [];
    let firstFrameAt = NaN;
    player.on('segmentappended', (e) => { if (e.type === 'video') segments.push({ start: e.startTime, rep: e.representationId, at: now() }); });
    player.on('firstframe', () => { firstFrameAt = now(); });
    const timer = setInterval(() => buffer.push([now(), player.getStats().bufferAheadSeconds]), 250);
    await player.load(url);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    clearInterval(timer);
    await player.destroy();
    return { segments, buffer, firstFrameAt };
  })(${JSON.stringify({ url: `${server.url}/media/movie/manifest.mpd`, seconds })})`;
  browserRun = await page.evaluate(inPage);
} finally {
  await browser.close();
  await server.close();
}

// 2. The simulator, same trace, same title, the player's settings (30 s goal, 1 s startup, the
// player's 2 Mbps initial estimate).
const settings = { maxBufferSeconds: 30, startupThresholdSeconds: 1 };
const sim = simulateSession(createHybridAbr({ initialBandwidthBps: 2_000_000 }), video, createTraceLink(trace), settings);
const repIndex = (id: string) => video.representations.findIndex((r) => r.id === id);
// The link model alone: replay the rungs the browser actually fetched (first fetch of each segment)
// through the simulator, and compare when each segment arrives.
const firstBySegment = new Map<number, string>();
for (const s of browserRun.segments) if (!firstBySegment.has(Math.round(s.start / 4))) firstBySegment.set(Math.round(s.start / 4), s.rep);
const plan = [...firstBySegment].sort((a, b) => a[0] - b[0]).map(([, rep]) => repIndex(rep));
const replay = simulateSession(createScriptedAbr(plan), video, createTraceLink(trace), settings);

// 3. Side by side.
const rows: string[] = ['seg  browser rung @ s     sim (hybrid) rung @ s   sim (same rungs) @ s'];
let agree = 0;
let compared = 0;
let arrivalDiff = 0;
let replayDiff = 0;
let replayCompared = 0;
// The last append of each segment start is what played (abandoned fetches are re-appended).
const lastBySegment = new Map<number, { rep: string; at: number }>();
for (const s of browserRun.segments) lastBySegment.set(Math.round(s.start / 4), s);
for (const [segment, b] of [...lastBySegment].sort((x, y) => x[0] - y[0])) {
  const c = sim.chunks[segment];
  if (!c) continue;
  const bi = repIndex(b.rep);
  compared++;
  if (bi === c.index) agree++;
  arrivalDiff += Math.abs(b.at - c.arrivalTime);
  const r = replay.chunks[segment];
  // Only segments the browser fetched once are comparable with the replay (no abandonment).
  const once = browserRun.segments.filter((s) => Math.round(s.start / 4) === segment).length === 1;
  if (r && once && r.index === bi) {
    replayDiff += Math.abs(b.at - r.arrivalTime);
    replayCompared++;
  }
  rows.push(`${String(segment).padStart(3)}  ${String(rungKbps[bi]).padStart(5)} kbps @ ${b.at.toFixed(1).padStart(5)}   ${String(rungKbps[c.index]).padStart(5)} kbps @ ${c.arrivalTime.toFixed(1).padStart(5)}      ${r ? r.arrivalTime.toFixed(1).padStart(5) : '    -'}`);
}
const simBufferAt = (t: number) => {
  let last = 0;
  for (const p of sim.buffer) {
    if (p.time > t) break;
    last = p.bufferSeconds;
  }
  return last;
};
let squared = 0;
for (const [t, b] of browserRun.buffer) squared += (b - simBufferAt(t)) ** 2;
const bufferRmse = Math.sqrt(squared / Math.max(1, browserRun.buffer.length));
console.log(rows.join('\n'));
console.log(`\ntrace ${tracePath.split('/').pop()}, ${seconds} s of playback`);
console.log(`  link model (same rungs replayed): mean |arrival difference| ${(replayDiff / Math.max(1, replayCompared)).toFixed(2)} s over ${replayCompared} segments`);
console.log(`  hybrid in both: same rung on ${agree}/${compared} segments; mean |arrival difference| ${(arrivalDiff / Math.max(1, compared)).toFixed(2)} s; buffer RMSE ${bufferRmse.toFixed(2)} s`);
console.log(`  first frame: browser ${browserRun.firstFrameAt.toFixed(2)} s, simulator startup ${sim.metrics.startupDelaySeconds.toFixed(2)} s`);

// 4. An SVG overlay: buffer level (top) and chosen bitrate (bottom), browser solid, simulator dashed.
const W = 900, H = 420, T = seconds;
const x = (t: number) => 50 + (t / T) * (W - 70);
const yBuf = (b: number) => 200 - (b / 32) * 180;
const yKbps = (k: number) => 400 - (k / 9000) * 180;
const path = (pts: Array<[number, number]>) => pts.map(([a, b], i) => `${i ? 'L' : 'M'}${a.toFixed(1)},${b.toFixed(1)}`).join(' ');
const simBuffer = sim.buffer.filter((p) => p.time <= T).map((p) => [x(p.time), yBuf(p.bufferSeconds)] as [number, number]);
const brBuffer = browserRun.buffer.map(([t, b]) => [x(t), yBuf(b)] as [number, number]);
const steps = (pts: Array<[number, number]>) => pts.flatMap(([t, k], i) => (i ? [[x(t), yKbps(pts[i - 1]![1])], [x(t), yKbps(k)]] : [[x(t), yKbps(k)]])) as Array<[number, number]>;
const brRate = steps([...lastBySegment.values()].sort((a, b) => a.at - b.at).map((s) => [s.at, rungKbps[repIndex(s.rep)]!]));
const simRate = steps(sim.chunks.filter((c) => c.arrivalTime <= T).map((c) => [c.arrivalTime, rungKbps[c.index]!]));
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">
<text x="50" y="14">buffer (s) — browser solid, simulator dashed</text><text x="50" y="234">video bitrate (kbps)</text>
<path d="${path(brBuffer)}" fill="none" stroke="#1f77b4" stroke-width="2"/><path d="${path(simBuffer)}" fill="none" stroke="#1f77b4" stroke-dasharray="5,4"/>
<path d="${path(brRate)}" fill="none" stroke="#d62728" stroke-width="2"/><path d="${path(simRate)}" fill="none" stroke="#d62728" stroke-dasharray="5,4"/>
<line x1="50" y1="200" x2="${W - 20}" y2="200" stroke="#999"/><line x1="50" y1="400" x2="${W - 20}" y2="400" stroke="#999"/>
</svg>`;
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(`${RESULTS_DIR}abr-link-check.svg`, svg);
console.log(`overlay: ${RESULTS_DIR}abr-link-check.svg`);
