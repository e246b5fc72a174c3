/**
 * ABR on real traces, side by side: shaka-player, hls.js, dash.js and Tessera play the same title
 * through `tessera serve`'s trace emulation; every player is scored from what it actually played
 * (server request log + page samples), the same way. See bench/README.md.
 *
 *   npx tsx bench/abr/run.ts [--quick] [--runs 3] [--seconds 36] [--traces a,b,...] [--list-traces]
 */
import type { Browser } from '@playwright/test';
import { startBenchServer, type RequestLog } from '../lib/bench-server';
import { parseFlags } from '../lib/cli-args';
import { finishSession, launchBrowser, openSession, peerVersions, selectRows, waitInPage, type PlayerRow, type Session } from '../lib/player-session';
import { machineLoad, writeResults } from '../lib/results-file';
import { prepareSampleTitle, snapshotTesseraBundle, type BundleSnapshot, type SampleTitle } from '../lib/sample-title';
import { mean } from '../lib/stats';
import { fmt, formatTable, ratio } from '../lib/text-table';
import { computePlayedSessionMetrics, type PlayedSessionMetrics } from './played-session-metrics';
import { DEFAULT_TRACES, listCorpusTraces, loadBenchTraces, traceWindowStats, type BenchTrace } from './trace-set';

const flags = parseFlags(
  process.argv.slice(2),
  {
    traces: { kind: 'string', description: 'comma-separated traces (corpus-relative like sabre-3g/x.json, or paths); default: 2×3G + 2×4G' },
    'list-traces': { kind: 'boolean', description: 'print every corpus trace with its statistics and exit' },
    runs: { kind: 'number', description: 'runs per trace and player (default 3; --quick 1)' },
    seconds: { kind: 'number', description: 'media seconds to play per session (default 36; --quick 32)' },
    quick: { kind: 'boolean', description: '1 run per trace, 32 s sessions' },
    players: { kind: 'string', description: 'rows (default tessera,shaka,hlsjs,dashjs; tessera-hls also available)' },
    'tessera-abr': { kind: 'string', description: "'hybrid' (createHybridAbr when exported; default) or 'default'" },
    title: { kind: 'string', description: 'catalog title (default movie)' },
  },
  'bench/abr: QoE_lin, rebuffer ratio, average bitrate, switches and startup from what each player played',
);

const quick = flags.quick === true;
const runs = (flags.runs as number | undefined) ?? (quick ? 1 : 3);
const playSeconds = (flags.seconds as number | undefined) ?? (quick ? 32 : 36);
const tesseraAbr = (flags['tessera-abr'] as string | undefined) ?? 'hybrid';
const rows = selectRows((flags.players as string | undefined) ?? '', ['tessera', 'shaka', 'hlsjs', 'dashjs']);
/** A session that stalls a lot still ends: at most this long on the wall clock. */
const sessionCapMs = (playSeconds * 2 + 30) * 1000;

interface SessionResult {
  trace: string;
  set: string;
  run: number;
  row: string;
  ok: boolean;
  failure?: string;
  /** The wall-clock cap ended the session before `playSeconds` were played. */
  timedOut: boolean;
  abrName?: string;
  version?: string;
  metrics?: PlayedSessionMetrics;
  errors: string[];
  requests: number;
  /** Offset between the trace clock start and the load() call, ms. */
  loadOffsetMs?: number;
}

interface BenchContext {
  server: Awaited<ReturnType<typeof startBenchServer>>['server'];
  requestLog: RequestLog;
  title: SampleTitle;
  bundle: BundleSnapshot;
}

async function playSession(browser: Browser, ctx: BenchContext, trace: BenchTrace, row: PlayerRow, run: number): Promise<SessionResult> {
  const { server, requestLog, title } = ctx;
  const result: SessionResult = { trace: trace.name, set: trace.set, run, row: row.key, ok: false, timedOut: false, errors: [], requests: 0 };
  let session: Session | undefined;
  try {
    session = await openSession(browser, server, requestLog, row, {
      manifestUrl: `${server.url}${row.protocol === 'dash' ? title.dashPath : title.hlsPath}`,
      // The trace clock restarts at 0 here, right before load().
      network: { kind: 'trace', trace: trace.periods, loop: true },
      tesseraAbr,
      tesseraBundle: ctx.bundle.urlPath,
    });
    result.abrName = session.abrName;
    result.version = session.version;
    result.loadOffsetMs = session.t0 - session.networkSetAt;
    const played = await waitInPage<{ currentTime: number }>(session, { method: 'playedTo', arg: playSeconds }, sessionCapMs, 250);
    if (played.fatal) result.failure = `fatal error: ${played.fatal}`;
    result.timedOut = played.timedOut;
  } catch (error) {
    result.failure = `harness error: ${(error as Error).message}`;
  }
  const { log, requests } = await finishSession(session, requestLog, result.errors);
  result.requests = requests.length;
  if (log) {
    result.errors.push(...log.errors.map((e) => `${e.fatal ? 'FATAL ' : ''}${e.message}`));
    const fatal = log.errors.find((e) => e.fatal);
    if (fatal && !result.failure) result.failure = `fatal error: ${fatal.message}`;
    result.metrics = computePlayedSessionMetrics(title, log, requests);
    if (!result.failure && result.metrics.playedSeconds < 1) result.failure = 'the playhead never advanced';
  } else if (!result.failure) {
    result.failure = 'no page log';
  }
  result.ok = !result.failure;
  return result;
}

interface Aggregate {
  row: string;
  label: string;
  sessions: number;
  ok: number;
  timedOut: number;
  qoeLin?: number;
  rebufferRatio?: number;
  rebufferSeconds?: number;
  averageBitrateKbps?: number;
  switches?: number;
  startupDelaySeconds?: number;
  /** Chunks attributed to a request that began after they started playing (should be ~0). */
  lateChunks: number;
  heightMismatches: number;
}

/** Means over the successful sessions of `results` (one row). */
function aggregate(row: PlayerRow, results: readonly SessionResult[]): Aggregate {
  const mine = results.filter((r) => r.row === row.key);
  const ok = mine.filter((r) => r.ok && r.metrics);
  const m = (pick: (x: PlayedSessionMetrics) => number | undefined): number | undefined =>
    mean(ok.map((r) => pick(r.metrics!)).filter((v): v is number => v !== undefined));
  return {
    row: row.key,
    label: row.label,
    sessions: mine.length,
    ok: ok.length,
    timedOut: mine.filter((r) => r.timedOut).length,
    qoeLin: m((x) => x.qoeLin),
    rebufferRatio: m((x) => x.rebufferRatio),
    rebufferSeconds: m((x) => x.rebufferSeconds),
    averageBitrateKbps: m((x) => x.averageBitrateKbps),
    switches: m((x) => x.switches),
    startupDelaySeconds: m((x) => x.startupDelaySeconds),
    lateChunks: ok.reduce((s, r) => s + r.metrics!.chunks.filter((c) => c.attribution !== 'before-play').length, 0),
    heightMismatches: ok.reduce((s, r) => s + r.metrics!.heightMismatches, 0),
  };
}

/** A trace set's figure per player: the mean over its traces of the per-trace means (each trace weighs the same). */
function aggregateSet(row: PlayerRow, perTrace: readonly Aggregate[]): Aggregate {
  const m = (pick: (a: Aggregate) => number | undefined): number | undefined => mean(perTrace.map(pick).filter((v): v is number => v !== undefined));
  return {
    row: row.key,
    label: row.label,
    sessions: perTrace.reduce((s, a) => s + a.sessions, 0),
    ok: perTrace.reduce((s, a) => s + a.ok, 0),
    timedOut: perTrace.reduce((s, a) => s + a.timedOut, 0),
    qoeLin: m((a) => a.qoeLin),
    rebufferRatio: m((a) => a.rebufferRatio),
    rebufferSeconds: m((a) => a.rebufferSeconds),
    averageBitrateKbps: m((a) => a.averageBitrateKbps),
    switches: m((a) => a.switches),
    startupDelaySeconds: m((a) => a.startupDelaySeconds),
    lateChunks: perTrace.reduce((s, a) => s + a.lateChunks, 0),
    heightMismatches: perTrace.reduce((s, a) => s + a.heightMismatches, 0),
  };
}

function table(aggregates: readonly Aggregate[]): string {
  const t = aggregates.find((a) => a.row === 'tessera');
  const qoeRatio = (a: Aggregate): string => (t?.qoeLin !== undefined && a.qoeLin !== undefined && t.qoeLin > 0 && a.qoeLin > 0 ? ratio(a.qoeLin, t.qoeLin) : '–');
  const delta = (a: Aggregate): string => (t?.qoeLin !== undefined && a.qoeLin !== undefined ? `${a.qoeLin - t.qoeLin >= 0 ? '+' : ''}${(a.qoeLin - t.qoeLin).toFixed(2)}` : '–');
  return formatTable(
    ['player', 'ok', 'QoE_lin', '÷T', 'Δ vs T', 'rebuffer %', 'rebuf s', 'avg kbps', '÷T', 'switches', '÷T', 'startup s'],
    aggregates.map((a) => [
      a.label,
      `${a.ok}/${a.sessions}${a.timedOut ? ` (${a.timedOut} capped)` : ''}`,
      fmt(a.qoeLin, 3),
      qoeRatio(a),
      delta(a),
      a.rebufferRatio === undefined ? '–' : (a.rebufferRatio * 100).toFixed(2),
      fmt(a.rebufferSeconds, 2),
      fmt(a.averageBitrateKbps),
      ratio(a.averageBitrateKbps, t?.averageBitrateKbps),
      fmt(a.switches, 1),
      ratio(a.switches, t?.switches),
      fmt(a.startupDelaySeconds, 2),
    ]),
  );
}

async function main(): Promise<void> {
  const title = prepareSampleTitle((flags.title as string | undefined) ?? 'movie');
  const topKbps = title.rungs[title.rungs.length - 1]!.bandwidthBps / 1000;
  if (flags['list-traces'] === true) {
    console.log(await listCorpusTraces((playSeconds + 24) * 1000, topKbps));
    return;
  }
  const traceSpecs = flags.traces ? String(flags.traces).split(',').map((s) => s.trim()).filter(Boolean) : DEFAULT_TRACES;
  const traces = await loadBenchTraces(traceSpecs);
  const sessionsTotal = traces.length * runs * rows.length;
  const bundle = snapshotTesseraBundle();
  console.log(`media: snapshot of ${title.snapshot.source} taken ${title.snapshot.copiedAt}${title.snapshot.stale ? ' (media/ is being regenerated: using this older snapshot)' : ''}; Tessera bundle built ${bundle.builtAt}`);
  console.log(
    `abr: ${rows.map((r) => r.label).join(', ')}; ${traces.length} traces × ${runs} runs × ${rows.length} players = ${sessionsTotal} sessions of ${playSeconds} s ` +
      `(expect ~${Math.round((sessionsTotal * (playSeconds + 3)) / 60)} min)`,
  );
  for (const trace of traces) {
    const s = traceWindowStats(trace.periods, (playSeconds + 24) * 1000);
    console.log(
      `  ${trace.set} ${trace.name}: first ${playSeconds + 24} s mean ${(s.meanKbps / 1000).toFixed(2)} Mbps, min ${(s.minKbps / 1000).toFixed(2)}, ` +
        `${(s.shareBelow(topKbps) * 100).toFixed(0)}% under the top rung, ${(s.shareBelow(1000) * 100).toFixed(0)}% under 1 Mbps, RTT ${s.latencyMs} ms`,
    );
  }

  const loadBefore = await machineLoad();
  const { server, requestLog } = await startBenchServer();
  let browser: Browser | undefined;
  const results: SessionResult[] = [];
  const startedAt = Date.now();
  try {
    browser = await launchBrowser();
    let rotation = 0;
    for (const trace of traces) {
      for (let run = 0; run < runs; run++) {
        // Players one after another (never concurrently), rotated so none always goes first.
        const order = rows.map((_, i) => rows[(i + rotation) % rows.length]!);
        rotation++;
        for (const row of order) {
          const r = await playSession(browser, { server, requestLog, title, bundle }, trace, row, run);
          results.push(r);
          const m = r.metrics;
          console.log(
            `  ${trace.set} ${trace.name} run ${run + 1}/${runs} ${row.label.padEnd(20)} ` +
              (r.ok && m
                ? `QoE ${m.qoeLin.toFixed(3)}, rebuffer ${(m.rebufferRatio * 100).toFixed(2)}% (${m.rebufferCount}×, ${m.rebufferSeconds.toFixed(1)} s), ` +
                  `avg ${m.averageBitrateKbps.toFixed(0)} kbps, ${m.switches} switches, startup ${fmt(m.startupDelaySeconds, 2)} s, ` +
                  `played ${m.playedSeconds.toFixed(1)} s${r.timedOut ? ' (wall-clock cap hit)' : ''}; rungs ${m.chunks.map((c) => c.rungId?.replace(/^.*-/, '') ?? '?').join(' ')}`
                : `FAILED: ${r.failure}`),
          );
        }
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close();
  }

  const lines: string[] = [
    '',
    `ABR side by side — title "${title.id}" (${title.rungs.length} rungs ${title.rungs.map((r) => Math.round(r.bandwidthBps / 1000)).join('/')} kbps, ${title.segmentSeconds} s segments), ${playSeconds} s of playback per session, ${runs} run(s) per trace`,
    'QoE_lin = mean per played chunk of bitrate Mbps − 4.3 × stall s (startup wait charged to chunk 1) − |Δbitrate| Mbps; rebuffer % excludes startup;',
    'set rows = mean over the set\'s traces of each trace\'s mean over runs; ÷T = player / Tessera (QoE ratio only when both > 0); Δ vs T = player − Tessera',
  ];
  const sets = [...new Set(traces.map((t) => t.set))];
  const setAggregates: Record<string, Aggregate[]> = {};
  const traceAggregates: Record<string, Aggregate[]> = {};
  for (const trace of traces) traceAggregates[trace.name] = rows.map((row) => aggregate(row, results.filter((r) => r.trace === trace.name)));
  for (const set of sets) {
    const setTraces = traces.filter((t) => t.set === set);
    setAggregates[set] = rows.map((row) => aggregateSet(row, setTraces.map((t) => traceAggregates[t.name]!.find((a) => a.row === row.key)!)));
    lines.push('', `== ${set} traces (${setTraces.length}): ${setTraces.map((t) => t.name.replace(/^.*\//, '')).join(', ')}`, table(setAggregates[set]!));
  }
  lines.push('', 'Per trace:');
  for (const trace of traces) lines.push('', `-- ${trace.set} ${trace.name}`, table(traceAggregates[trace.name]!));
  lines.push('');
  for (const row of rows) {
    const any = results.find((r) => r.row === row.key && r.abrName);
    lines.push(`${row.label}: ${any?.version ? `version ${any.version.replace(/^v/, '')}, ` : ''}ABR ${any?.abrName ?? '?'}`);
  }
  const all = rows.map((row) => aggregate(row, results));
  const sanity = all.filter((a) => a.lateChunks || a.heightMismatches).map((a) => `${a.label}: ${a.lateChunks} chunks attributed late/missing, ${a.heightMismatches} chunks whose rendered height ≠ attributed rung`);
  if (sanity.length) lines.push('', 'Attribution checks:', ...sanity.map((s) => `  ${s}`));
  const failed = results.filter((r) => !r.ok);
  if (failed.length) lines.push('', 'FAILED SESSIONS (reported, excluded from the means):', ...failed.map((r) => `  ${r.row} ${r.trace} run ${r.run + 1}: ${r.failure}`));
  console.log(lines.join('\n'));

  const loadAfter = await machineLoad();
  console.log(`\nmachine: ${loadBefore.cores} cores, 1-min load average ${loadBefore.loadAverage1m} at start, ${loadAfter.loadAverage1m} at end`);
  const path = writeResults('abr', {
    benchmark: 'abr',
    date: new Date().toISOString(),
    mediaSnapshot: title.snapshot,
    tesseraBundle: bundle,
    machine: { before: loadBefore, after: loadAfter },
    durationSeconds: (Date.now() - startedAt) / 1000,
    title: title.id,
    playSeconds,
    runs,
    tesseraAbr,
    peers: await peerVersions(),
    traces: traces.map((t) => ({ name: t.name, set: t.set, path: t.path })),
    sets: setAggregates,
    perTrace: traceAggregates,
    sessions: results,
  });
  console.log(`\nJSON: ${path} (took ${((Date.now() - startedAt) / 60000).toFixed(1)} min)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
