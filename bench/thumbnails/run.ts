/**
 * Trick-play figures for the issue 6 note:
 *  - lookup from a warm cache (goal < 1 ms),
 *  - first tile from cold on localhost (goal < 100 ms), per format,
 *  - bytes of thumbnails per hour of content, per format.
 *
 *   TESSERA_BUILD=packages,bundles npx rollup -c rollup.config.mjs
 *   node packages/toolkit/bin/tessera.js sample -o media
 *   npx tsx bench/thumbnails/run.ts [--runs 5] [--lookups 20000]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBenchServer } from '../lib/bench-server';
import { parseFlags } from '../lib/cli-args';
import { launchBrowser } from '../lib/player-session';
import { machineLoad, writeResults } from '../lib/results-file';
import { REPO_ROOT } from '../lib/sample-title';
import { summarize } from '../lib/stats';
import { fmt, formatTable } from '../lib/text-table';
import { titleBytes, type TitleBytes } from './bytes-per-hour';
import { oneHourFigures, type HourFigures } from './one-hour';
import { cachedLookup, coldFirstTile, type ColdTile, type Format } from './page-measurements';

interface CatalogTitle {
  id: string;
  durationSeconds: number;
  manifests: { dash: string; hls: string };
  thumbnails?: { sprites: string; webvtt: string; bif: string };
}

const flags = parseFlags(process.argv.slice(2), {
  runs: { kind: 'number', description: 'cold first-tile runs per format (default 5)' },
  lookups: { kind: 'number', description: 'random cached lookups timed (default 20000)' },
  hour: { kind: 'boolean', description: 'also thumbnail a synthesized one-hour title (made once in /tmp, several minutes)' },
}, 'npx tsx bench/thumbnails/run.ts [flags]');
const runs = Number(flags.runs ?? 5);
const lookups = Number(flags.lookups ?? 20000);
const mediaDir = join(REPO_ROOT, 'media');
const catalog = JSON.parse(readFileSync(join(mediaDir, 'catalog.json'), 'utf8')) as { titles: CatalogTitle[] };
const movie = catalog.titles.find((t) => t.id === 'movie' && t.thumbnails);
if (!movie?.thumbnails) throw new Error('media/catalog.json has no movie with thumbnails: run `tessera sample -o media`');

// tsx (esbuild keepNames) wraps named functions in __name(); the page needs it too.
const KEEP_NAMES = 'window.__name = function (f) { return f; };';

const loadBefore = await machineLoad();
const { server } = await startBenchServer();
const browser = await launchBrowser();
const cold: Record<Format, ColdTile[]> = { sprites: [], webvtt: [], bif: [], dash: [], hls: [] };
let lookup;
try {
  const urls: Record<Format, string> = {
    sprites: movie.thumbnails.sprites, webvtt: movie.thumbnails.webvtt, bif: movie.thumbnails.bif, dash: movie.manifests.dash, hls: movie.manifests.hls,
  };
  for (let run = 0; run < runs; run++) {
    for (const format of Object.keys(cold) as Format[]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript({ content: KEEP_NAMES });
      await page.goto(`${server.url}/test-support/pages/harness.html`);
      await page.waitForFunction(() => (window as unknown as { harnessReady?: boolean }).harnessReady === true);
      cold[format].push(await coldFirstTile(page, format, `${server.url}/media/${urls[format]}`, 60));
      await context.close();
    }
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript({ content: KEEP_NAMES });
  await page.goto(`${server.url}/test-support/pages/harness.html`);
  await page.waitForFunction(() => (window as unknown as { harnessReady?: boolean }).harnessReady === true);
  lookup = {
    sprites: await cachedLookup(page, `${server.url}/media/${urls.sprites}`, movie.durationSeconds, lookups),
    bif: await cachedLookup(page, `${server.url}/media/${urls.bif}`, movie.durationSeconds, lookups),
  };
  await context.close();
} finally {
  await browser.close();
  await server.close();
}

const bytes: TitleBytes[] = [];
for (const title of catalog.titles) {
  const entry = title.thumbnails ? titleBytes(title.id, join(mediaDir, title.manifests.dash.split('/').slice(0, -1).join('/'))) : undefined;
  if (entry) bytes.push(entry);
}
const hour: HourFigures | undefined = flags.hour ? await oneHourFigures('/tmp/tessera-bench-thumbnails') : undefined;
const loadAfter = await machineLoad();

console.log(`\nTrick play on '${movie.id}' (${movie.durationSeconds} s), Chromium on localhost, ${runs} cold runs per format. Load ${loadBefore.loadAverage1m} → ${loadAfter.loadAverage1m} on ${loadAfter.cores} cores.\n`);
console.log('First tile from cold (fresh browser context), ms: median [min–max]. Goal < 100 ms.');
console.log(formatTable(['format', 'URL ready', 'decoded'], (Object.keys(cold) as Format[]).map((format) => {
  const ready = summarize(cold[format].map((c) => c.readyMs))!;
  const decoded = summarize(cold[format].map((c) => c.decodedMs))!;
  return [format, `${fmt(ready.median, 1)} [${fmt(ready.min, 1)}–${fmt(ready.max, 1)}]`, `${fmt(decoded.median, 1)} [${fmt(decoded.min, 1)}–${fmt(decoded.max, 1)}]`];
})));
console.log(`\nLookup with every image cached, mean of ${lookups} random times, µs. Goal < 1000 µs.`);
console.log(formatTable(['source', 'await getThumbnail', 'peek', 'preview.showAt'], Object.entries(lookup!).map(([name, l]) => [name, fmt(l.getThumbnailUs, 2), fmt(l.peekUs, 3), fmt(l.showAtUs, 1)])));
const formats = Array.from(new Set(bytes.flatMap((b) => Object.keys(b.perHour))));
console.log('\nBytes per hour of content (KiB/h), thumbnails every 10 s at 320x180 in 5x5 sheets, JPEG q85:');
console.log(formatTable(['format', ...bytes.map((b) => `${b.titleId} (${b.durationSeconds}s)`)], formats.map((f) => [f, ...bytes.map((b) => fmt(b.perHour[f] !== undefined ? b.perHour[f]! / 1024 : undefined, 0))])));
if (hour) {
  console.log(`\nOne synthesized hour (640x360 testsrc2 + noise + timecode): ${hour.thumbnails} thumbnails in ${hour.sheets} sheets, made in ${fmt(hour.generateSeconds, 1)} s.`);
  console.log(formatTable(['format', 'KiB per hour'], Object.entries(hour.bytes).map(([f, b]) => [f, fmt(b / 1024, 0)])));
}
const path = writeResults('thumbnails', { machine: { before: loadBefore, after: loadAfter }, title: movie.id, runs, cold, lookup, bytes, hour });
console.log(`\n${path}`);
