/**
 * Startup and seek, side by side: Tessera, shaka-player, hls.js and dash.js on the same title
 * over the same emulated link, interleaved, several runs each. See bench/README.md.
 *
 *   npx tsx bench/startup-seek/run.ts [--runs 5] [--quick] [--players tessera,shaka,...]
 */
import type { Browser } from '@playwright/test';
import { epochNow, startBenchServer, type RequestRecord } from '../lib/bench-server';
import { parseFlags } from '../lib/cli-args';
import {
  finishSession,
  launchBrowser,
  openSession,
  peerVersions,
  seekInPage,
  selectRows,
  waitInPage,
  type FrameRecord,
  type PageLog,
  type PlayerRow,
  type Session,
} from '../lib/player-session';
import { machineLoad, writeResults } from '../lib/results-file';
import { prepareSampleTitle, snapshotTesseraBundle, parseVideoSegmentPath, type BundleSnapshot, type SampleTitle } from '../lib/sample-title';
import { summarize, type Summary } from '../lib/stats';
import { fmt, formatTable, ratio } from '../lib/text-table';
import { networkFloor, sustainableRung, type ConstantLink, type NetworkFloor } from './network-floor';

const flags = parseFlags(
  process.argv.slice(2),
  {
    runs: { kind: 'number', description: 'repetitions per player (default 5; --quick: 2)' },
    quick: { kind: 'boolean', description: 'fewer runs and a shorter steady phase' },
    players: { kind: 'string', description: 'rows to run (default tessera,shaka,hlsjs,dashjs,tessera-hls)' },
    'rate-kbps': { kind: 'number', description: 'link rate (default 10000)' },
    'rtt-ms': { kind: 'number', description: 'round-trip time per request (default 40)' },
    'seek-to': { kind: 'number', description: 'seek target in seconds (default 70; must not be buffered)' },
    'steady-seconds': { kind: 'number', description: 'max wait for the sustainable rung before seeking (default 20; --quick 10)' },
    'tessera-abr': { kind: 'string', description: "'default' (Player default, the default) or 'hybrid'" },
    title: { kind: 'string', description: 'catalog title (default movie)' },
    'no-warmup': { kind: 'boolean', description: 'skip the discarded warm-up session' },
  },
  'bench/startup-seek: time to first frame, first-frame height, time to the sustainable rung, seek to frame',
);

const quick = flags.quick === true;
const runs = (flags.runs as number | undefined) ?? (quick ? 2 : 5);
const link: ConstantLink = { rateKbps: (flags['rate-kbps'] as number | undefined) ?? 10_000, rttMs: (flags['rtt-ms'] as number | undefined) ?? 40 };
const seekTarget = (flags['seek-to'] as number | undefined) ?? 70;
const steadyMs = ((flags['steady-seconds'] as number | undefined) ?? (quick ? 10 : 20)) * 1000;
const tesseraAbr = (flags['tessera-abr'] as string | undefined) ?? 'default';
const rows = selectRows((flags.players as string | undefined) ?? '', ['tessera', 'shaka', 'hlsjs', 'dashjs', 'tessera-hls']);
const FIRST_FRAME_TIMEOUT_MS = 20_000;
const SEEK_TIMEOUT_MS = 20_000;
/** A seek "lands" on the first frame whose mediaTime is at most this far before the target (frames are 1/24 s). */
const SEEK_TOLERANCE_S = 0.25;
/** Playback kept after the sustainable rung appears, before seeking (steady playback). */
const SETTLE_MS = 1000;

interface RunResult {
  row: string;
  repetition: number;
  ok: boolean;
  failure?: string;
  abrName?: string;
  version?: string;
  firstFrameMs?: number;
  firstFrameHeight?: number;
  /** Rung whose segment 1 was the last completed before the first frame (server log). */
  startRungId?: string;
  sustainableMs?: number;
  /** Censored: the sustainable rung was not rendered within the steady phase. */
  sustainableNotReachedWithinMs?: number;
  seekMs?: number;
  seekFrameHeight?: number;
  seekFrameMediaTime?: number;
  seekTargetWasBuffered?: boolean;
  /** Rung of the first video request for the target's segment after the seek (server log). */
  seekRungId?: string;
  /** Playhead advanced ≥ 1 s before the seek. */
  played: boolean;
  maxCurrentTimeBeforeSeek?: number;
  floor?: NetworkFloor;
  errors: string[];
  requests: number;
}

/**
 * The rung the first frame came from: the last video segment-1 request that started before the
 * first frame and completed (a player that appends progressively shows a frame before its
 * first segment has fully arrived, so "completed before the frame" would miss it).
 */
function startRungOf(title: SampleTitle, requests: RequestRecord[], firstFrameAt: number): string | undefined {
  let best: RequestRecord | undefined;
  for (const r of requests) {
    const seg = parseVideoSegmentPath(title, r.path);
    if (!seg || seg.segment !== 1 || !r.complete || r.startedAt > firstFrameAt) continue;
    if (!best || r.startedAt > best.startedAt) best = r;
  }
  return best ? parseVideoSegmentPath(title, best.path)!.rungId : undefined;
}

async function measureOnce(browser: Browser, ctx: BenchContext, row: PlayerRow, repetition: number): Promise<RunResult> {
  const { server, requestLog, title, targetHeight } = ctx;
  const manifestUrl = `${server.url}${row.protocol === 'dash' ? title.dashPath : title.hlsPath}`;
  const result: RunResult = { row: row.key, repetition, ok: false, played: false, errors: [], requests: 0 };
  let session: Session | undefined;
  try {
    session = await openSession(browser, server, requestLog, row, {
      manifestUrl,
      network: { kind: 'constant', rateKbps: link.rateKbps, rttMs: link.rttMs },
      tesseraAbr,
      tesseraBundle: ctx.bundle.urlPath,
    });
    result.abrName = session.abrName;
    result.version = session.version;
    const first = await waitInPage<FrameRecord>(session, { method: 'findFrame', arg: {} }, FIRST_FRAME_TIMEOUT_MS);
    if (!first.value) {
      result.failure = first.fatal ? `fatal error: ${first.fatal}` : `no frame within ${FIRST_FRAME_TIMEOUT_MS / 1000} s`;
    } else {
      const remaining = Math.max(0, session.t0 + steadyMs - epochNow());
      const top = await waitInPage<FrameRecord>(session, { method: 'findFrame', arg: { minHeight: targetHeight } }, remaining, 200);
      if (top.fatal) {
        result.failure = `fatal error: ${top.fatal}`;
      } else {
        if (top.value) await session.page.waitForTimeout(SETTLE_MS);
        const seek = await seekInPage(session, seekTarget);
        const landed = await waitInPage<FrameRecord>(
          session,
          { method: 'findFrame', arg: { afterEpoch: seek.at, minMediaTime: seekTarget - SEEK_TOLERANCE_S } },
          SEEK_TIMEOUT_MS,
          50,
        );
        if (!landed.value) result.failure = landed.fatal ? `fatal error after seek: ${landed.fatal}` : `no frame at the seek target within ${SEEK_TIMEOUT_MS / 1000} s`;
      }
    }
  } catch (error) {
    result.failure = `harness error: ${(error as Error).message}`;
  }
  const { log, requests } = await finishSession(session, requestLog, result.errors);
  result.requests = requests.length;
  if (log) analyse(ctx, log, requests, result);
  return result;
}

function analyse(ctx: BenchContext, log: PageLog, requests: RequestRecord[], result: RunResult): void {
  const { title, targetHeight } = ctx;
  result.errors.push(...log.errors.map((e) => `${e.fatal ? 'FATAL ' : ''}${e.message}`));
  const firstFrame = log.frames[0];
  if (firstFrame) {
    result.firstFrameMs = firstFrame[0] - log.t0;
    result.firstFrameHeight = firstFrame[2];
    result.startRungId = startRungOf(title, requests, firstFrame[0]);
  }
  const seekAt = log.seek?.at ?? Infinity;
  const top = log.frames.find((f) => f[2] >= targetHeight && f[0] < seekAt);
  if (top) result.sustainableMs = top[0] - log.t0;
  else if (firstFrame) result.sustainableNotReachedWithinMs = (Number.isFinite(seekAt) ? seekAt : epochNow()) - log.t0;
  const before = log.samples.filter((s) => s[0] < seekAt).map((s) => s[1]);
  result.maxCurrentTimeBeforeSeek = before.length ? Math.max(...before) : undefined;
  result.played = before.length > 0 && Math.max(...before) - Math.min(...before) >= 1;
  if (log.seek) {
    result.seekTargetWasBuffered = log.seek.targetWasBuffered;
    const landed = log.frames.find((f) => f[0] >= log.seek!.at && f[1] >= log.seek!.target - SEEK_TOLERANCE_S);
    const targetSegment = Math.floor(log.seek.target / title.segmentSeconds) + 1;
    const afterSeek = requests
      .filter((r) => r.startedAt >= log.seek!.at - 50 && parseVideoSegmentPath(title, r.path)?.segment === targetSegment)
      .sort((a, b) => a.startedAt - b.startedAt)[0];
    result.seekRungId = afterSeek ? parseVideoSegmentPath(title, afterSeek.path)!.rungId : undefined;
    if (landed) {
      result.seekMs = landed[0] - log.seek.at;
      result.seekFrameHeight = landed[2];
      result.seekFrameMediaTime = landed[1];
    }
  }
  const rung = title.rungs.find((r) => r.id === result.startRungId);
  if (rung) result.floor = networkFloor(title, rung, ctx.protocolOf(result.row), link);
  const fatal = log.errors.find((e) => e.fatal);
  if (fatal && !result.failure) result.failure = `fatal error: ${fatal.message}`;
  if (!result.failure && !result.played) result.failure = 'the playhead did not advance before the seek';
  result.ok = !result.failure;
}

interface BenchContext {
  server: Awaited<ReturnType<typeof startBenchServer>>['server'];
  requestLog: Awaited<ReturnType<typeof startBenchServer>>['requestLog'];
  title: SampleTitle;
  targetHeight: number;
  bundle: BundleSnapshot;
  protocolOf(rowKey: string): 'dash' | 'hls';
}

interface RowSummary {
  row: string;
  label: string;
  okRuns: number;
  runs: number;
  abrName?: string;
  version?: string;
  firstFrameMs?: Summary;
  firstFrameHeights: number[];
  startRungs: string[];
  sustainableMs?: Summary;
  sustainableReached: number;
  seekMs?: Summary;
  seekFrameHeights: number[];
  seekRungs: string[];
  floorRatio?: Summary;
  floorMs?: Summary;
  failures: string[];
}

function summarizeRow(row: PlayerRow, results: RunResult[]): RowSummary {
  const mine = results.filter((r) => r.row === row.key);
  const ok = mine.filter((r) => r.ok);
  const defined = (values: Array<number | undefined>): number[] => values.filter((v): v is number => v !== undefined);
  return {
    row: row.key,
    label: row.label,
    okRuns: ok.length,
    runs: mine.length,
    abrName: mine.find((r) => r.abrName)?.abrName,
    version: mine.find((r) => r.version)?.version,
    firstFrameMs: summarize(defined(ok.map((r) => r.firstFrameMs))),
    firstFrameHeights: defined(ok.map((r) => r.firstFrameHeight)),
    startRungs: ok.map((r) => r.startRungId ?? '?'),
    // Runs that never showed the rung count as "not reached"; the median is over those that did.
    sustainableMs: summarize(defined(ok.map((r) => r.sustainableMs))),
    sustainableReached: ok.filter((r) => r.sustainableMs !== undefined).length,
    seekMs: summarize(defined(ok.map((r) => r.seekMs))),
    seekFrameHeights: defined(ok.map((r) => r.seekFrameHeight)),
    seekRungs: ok.map((r) => r.seekRungId ?? '?'),
    floorMs: summarize(defined(ok.map((r) => r.floor?.totalMs))),
    floorRatio: summarize(defined(ok.map((r) => (r.floor && r.firstFrameMs !== undefined ? r.firstFrameMs / r.floor.totalMs : undefined)))),
    failures: mine.filter((r) => !r.ok).map((r) => `run ${r.repetition + 1}: ${r.failure}`),
  };
}

function mode(values: readonly (number | string)[]): string {
  if (values.length === 0) return '–';
  const counts = new Map<string, number>();
  for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return sorted.length === 1 ? sorted[0]![0] : sorted.map(([v, n]) => `${v}×${n}`).join(' ');
}

const cell = (s: Summary | undefined): string => (s ? `${fmt(s.median)} [${fmt(s.min)}–${fmt(s.max)}]` : '–');

function report(title: SampleTitle, summaries: RowSummary[], targetRungId: string, targetHeight: number, totalRuns: number): string {
  const tesseraFor = (row: RowSummary): RowSummary | undefined => {
    const protocol = rows.find((r) => r.key === row.row)!.protocol;
    return summaries.find((s) => s.row === (protocol === 'hls' ? 'tessera-hls' : 'tessera')) ?? summaries.find((s) => s.row === 'tessera');
  };
  const table = formatTable(
    ['player', 'ok', 'first frame ms', '÷T', 'first h', 'start rung', `${targetHeight}p shown ms`, '÷T', 'seek→frame ms', '÷T', 'seek rung'],
    summaries.map((s) => {
      const t = tesseraFor(s);
      return [
        s.label,
        `${s.okRuns}/${s.runs}`,
        cell(s.firstFrameMs),
        ratio(s.firstFrameMs?.median, t?.firstFrameMs?.median),
        mode(s.firstFrameHeights),
        mode(s.startRungs),
        `${cell(s.sustainableMs)}${s.sustainableReached < s.okRuns ? ` (${s.sustainableReached}/${s.okRuns} reached)` : ''}`,
        ratio(s.sustainableMs?.median, t?.sustainableMs?.median),
        cell(s.seekMs),
        ratio(s.seekMs?.median, t?.seekMs?.median),
        mode(s.seekRungs),
      ];
    }),
  );
  const lines = [
    '',
    `Startup and seek — title "${title.id}" (${title.durationSeconds} s, ${title.rungs.length} rungs ${title.rungs[0]!.height}p–${title.rungs[title.rungs.length - 1]!.height}p, ${title.segmentSeconds} s segments)`,
    `link ${link.rateKbps / 1000} Mbps / ${link.rttMs} ms RTT (tessera serve emulation), ${totalRuns} runs per player, interleaved; medians [min–max] over successful runs`,
    `sustainable rung = highest with declared video+audio bandwidth ≤ 80% of the link: ${targetRungId} → "${targetHeight}p shown" = first rendered frame with height ≥ ${targetHeight}`,
    `seek: from the seek call (after steady playback) to the first rendered frame with mediaTime ≥ ${seekTarget} − ${SEEK_TOLERANCE_S} s`,
    `÷T = player median / Tessera median on the same manifest type (DASH rows vs Tessera (DASH), HLS rows vs Tessera (HLS)); > 1 means Tessera is faster`,
    '',
    table,
    '',
  ];
  for (const s of summaries.filter((x) => x.row.startsWith('tessera'))) {
    if (!s.floorMs || !s.floorRatio || !s.firstFrameMs) continue;
    const example = s.startRungs[0];
    const floor = networkFloor(title, title.rungs.find((r) => r.id === example) ?? title.rungs[0]!, s.row === 'tessera-hls' ? 'hls' : 'dash', link);
    lines.push(
      `Network floor for ${s.label} at its start rung (${mode(s.startRungs)}): ${fmt(s.floorMs.median)} ms = ` +
        floor.steps.map((st) => `${st.what} ${(st.bytes / 1024).toFixed(1)} KiB ${st.ms.toFixed(0)} ms`).join(' → '),
    );
    lines.push(`  first frame / floor: median ${fmt(s.floorRatio.median, 2)}× [${fmt(s.floorRatio.min, 2)}–${fmt(s.floorRatio.max, 2)}] (goal ≤ 1.30×)`);
  }
  lines.push('');
  for (const s of summaries) lines.push(`${s.label}: ${s.version ? `version ${s.version.replace(/^v/, '')}, ` : ''}ABR ${s.abrName ?? '?'}`);
  const failures = summaries.flatMap((s) => s.failures.map((f) => `${s.label} ${f}`));
  if (failures.length) lines.push('', 'FAILED RUNS (reported, excluded from medians):', ...failures.map((f) => `  ${f}`));
  return lines.join('\n');
}

async function main(): Promise<void> {
  const title = prepareSampleTitle((flags.title as string | undefined) ?? 'movie');
  const target = sustainableRung(title, link.rateKbps);
  const bundle = snapshotTesseraBundle();
  const loadBefore = await machineLoad();
  const { server, requestLog } = await startBenchServer();
  let browser: Browser | undefined;
  const results: RunResult[] = [];
  const startedAt = Date.now();
  try {
    browser = await launchBrowser();
    const ctx: BenchContext = {
      server,
      requestLog,
      title,
      targetHeight: target.height,
      bundle,
      protocolOf: (key) => rows.find((r) => r.key === key)!.protocol,
    };
    console.log(`media: snapshot of ${title.snapshot.source} taken ${title.snapshot.copiedAt}${title.snapshot.stale ? ' (media/ is being regenerated: using this older snapshot)' : ''}; Tessera bundle built ${bundle.builtAt}`);
    console.log(`startup-seek: ${rows.map((r) => r.label).join(', ')}; ${runs} runs each; link ${link.rateKbps} kbps / ${link.rttMs} ms`);
    if (flags['no-warmup'] !== true) {
      // The first media session of a fresh browser pays for process and decoder start-up: discard one.
      const warm = await measureOnce(browser, ctx, rows[0]!, -1);
      console.log(`  warm-up (discarded): ${rows[0]!.label} first frame ${fmt(warm.firstFrameMs)} ms`);
    }
    for (let repetition = 0; repetition < runs; repetition++) {
      // Round robin, rotated each repetition so no player always runs first or after the same one.
      const order = rows.map((_, i) => rows[(i + repetition) % rows.length]!);
      for (const row of order) {
        const r = await measureOnce(browser, ctx, row, repetition);
        results.push(r);
        console.log(
          `  run ${repetition + 1}/${runs} ${row.label.padEnd(20)} ` +
            (r.ok
              ? `first frame ${fmt(r.firstFrameMs)} ms @${r.firstFrameHeight}p (${r.startRungId ?? '?'}), ` +
                `${target.height}p ${r.sustainableMs !== undefined ? `${fmt(r.sustainableMs)} ms` : `not within ${fmt(r.sustainableNotReachedWithinMs)} ms`}, ` +
                `seek ${fmt(r.seekMs)} ms (${r.seekRungId ?? '?'})${r.seekTargetWasBuffered ? ' (TARGET WAS BUFFERED)' : ''}`
              : `FAILED: ${r.failure}`),
        );
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close();
  }
  const summaries = rows.map((row) => summarizeRow(row, results));
  console.log(report(title, summaries, target.id, target.height, runs));
  const loadAfter = await machineLoad();
  console.log(`\nmachine: ${loadBefore.cores} cores, 1-min load average ${loadBefore.loadAverage1m} at start, ${loadAfter.loadAverage1m} at end`);
  const path = writeResults('startup-seek', {
    benchmark: 'startup-seek',
    date: new Date().toISOString(),
    mediaSnapshot: title.snapshot,
    tesseraBundle: bundle,
    machine: { before: loadBefore, after: loadAfter },
    durationSeconds: (Date.now() - startedAt) / 1000,
    link,
    title: title.id,
    sustainableRung: target.id,
    seekTarget,
    seekToleranceSeconds: SEEK_TOLERANCE_S,
    steadyPhaseMs: steadyMs,
    tesseraAbr,
    peers: await peerVersions(),
    summaries,
    runs: results,
  });
  console.log(`\nJSON: ${path} (took ${((Date.now() - startedAt) / 1000).toFixed(0)} s)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
