import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Private copy of the benchmark title, served instead of media/: `tessera sample` rewrites media/
 * in place whenever anyone regenerates the catalog, which would break (404) or skew a run that is
 * in progress. Under bench/results/, which is gitignored.
 */
export const SNAPSHOT_DIR = `${REPO_ROOT}bench/results/media-snapshot/`;
/** URL path prefix of the snapshot on the bench server (the server's root is the repo). */
export const SNAPSHOT_URL_PREFIX = '/bench/results/media-snapshot/';

/** One video rung of the benchmark title, with its real file sizes. */
export interface Rung {
  id: string;
  width: number;
  height: number;
  /** Declared bandwidth (DASH @bandwidth, video only): the bitrate QoE is scored with. */
  bandwidthBps: number;
  initBytes: number;
  segmentBytes: number[];
  /** HLS media playlist size. */
  playlistBytes: number;
}

export interface AudioTrack {
  id: string;
  language: string;
  bandwidthBps: number;
  initBytes: number;
  segmentBytes: number[];
  playlistBytes: number;
}

export interface SampleTitle {
  id: string;
  /** URL path of the title's directory on the bench server, with a trailing slash. */
  basePath: string;
  dashPath: string;
  hlsPath: string;
  dashManifestBytes: number;
  hlsMasterBytes: number;
  durationSeconds: number;
  segmentSeconds: number;
  /** Ascending bandwidth. */
  rungs: Rung[];
  audio: AudioTrack[];
  /** Where the snapshot came from and when. */
  snapshot: SnapshotInfo;
}

interface PackagingRep {
  id: string;
  width?: number;
  height?: number;
  bandwidth: number;
  initUrl: string;
  playlistUrl: string;
  language?: string;
  segments: Array<{ bytes: number; url: string }>;
}

interface Packaging {
  durationSeconds: number;
  segmentDurationSeconds: number;
  manifests: { dash: string; hls: string };
  video: PackagingRep[];
  audio: PackagingRep[];
}

interface SnapshotInfo {
  title: string;
  source: string;
  copiedAt: string;
  /** packaging.json of the source at copy time (identifies the encode). */
  packagingBytes: number;
  /** True when media/ was incomplete (being regenerated) and an older snapshot was used. */
  stale?: boolean;
}

const size = (path: string): number => statSync(path).size;

/** Every file packaging.json names exists with the size it records (segments) — the title is whole. */
function isComplete(dir: string): boolean {
  try {
    const packaging = JSON.parse(readFileSync(`${dir}packaging.json`, 'utf8')) as Packaging;
    for (const file of [packaging.manifests.dash, packaging.manifests.hls]) if (!existsSync(dir + file)) return false;
    for (const rep of [...packaging.video, ...packaging.audio]) {
      if (!existsSync(dir + rep.initUrl) || !existsSync(dir + rep.playlistUrl)) return false;
      for (const segment of rep.segments) if (!existsSync(dir + segment.url) || size(dir + segment.url) !== segment.bytes) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Snapshots a title of the sample catalog (media/, made by `tessera sample`) into SNAPSHOT_DIR
 * when media/ holds a complete encode different from the snapshot, and loads it from there.
 * When media/ is being rewritten, an existing snapshot is used (and marked stale).
 */
export function prepareSampleTitle(titleId = 'movie'): SampleTitle {
  const mediaDir = `${REPO_ROOT}media/`;
  const snapshotDir = `${SNAPSHOT_DIR}${titleId}/`;
  let sourceDir: string | undefined;
  try {
    const catalog = JSON.parse(readFileSync(`${mediaDir}catalog.json`, 'utf8')) as { titles: Array<{ id: string; packaging: string }> };
    const entry = catalog.titles.find((t) => t.id === titleId);
    if (entry) sourceDir = `${mediaDir}${entry.packaging.replace(/[^/]+$/, '')}`;
  } catch {
    // media/ missing or being rewritten: fall back to the snapshot below
  }
  const sourceWhole = sourceDir !== undefined && isComplete(sourceDir);
  const snapshotWhole = isComplete(snapshotDir);
  const same = sourceWhole && snapshotWhole && readFileSync(`${sourceDir}packaging.json`, 'utf8') === readFileSync(`${snapshotDir}packaging.json`, 'utf8');
  if (sourceWhole && !same) {
    const staging = `${SNAPSHOT_DIR}${titleId}.partial/`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(SNAPSHOT_DIR, { recursive: true });
    // Dot directories are the packager's work files.
    cpSync(sourceDir!, staging, { recursive: true, filter: (path) => !basename(path).startsWith('.') });
    if (!isComplete(staging)) {
      rmSync(staging, { recursive: true, force: true });
      if (!snapshotWhole) throw new Error(`media/ changed while ${titleId} was being copied, and there is no earlier snapshot: try again`);
    } else {
      const info: SnapshotInfo = { title: titleId, source: sourceDir!, copiedAt: new Date().toISOString(), packagingBytes: size(`${staging}packaging.json`) };
      writeFileSync(`${staging}.snapshot.json`, JSON.stringify(info, null, 2));
      rmSync(snapshotDir, { recursive: true, force: true });
      renameSync(staging, snapshotDir);
    }
  } else if (!sourceWhole && !snapshotWhole) {
    throw new Error(`no complete "${titleId}" in media/ and no snapshot: run \`npm run tessera -- sample -o media\` (or wait for a running one to finish)`);
  }
  const info = JSON.parse(readFileSync(`${snapshotDir}.snapshot.json`, 'utf8')) as SnapshotInfo;
  if (!sourceWhole) info.stale = true;
  return loadTitle(titleId, snapshotDir, `${SNAPSHOT_URL_PREFIX}${titleId}/`, info);
}

function loadTitle(titleId: string, dir: string, urlBase: string, snapshot: SnapshotInfo): SampleTitle {
  const packaging = JSON.parse(readFileSync(`${dir}packaging.json`, 'utf8')) as Packaging;
  const rungs = packaging.video
    .map((v) => ({
      id: v.id,
      width: v.width ?? 0,
      height: v.height ?? 0,
      bandwidthBps: v.bandwidth,
      initBytes: size(dir + v.initUrl),
      segmentBytes: v.segments.map((s) => s.bytes),
      playlistBytes: size(dir + v.playlistUrl),
    }))
    .sort((a, b) => a.bandwidthBps - b.bandwidthBps);
  const audio = packaging.audio.map((a) => ({
    id: a.id,
    language: a.language ?? a.id,
    bandwidthBps: a.bandwidth,
    initBytes: size(dir + a.initUrl),
    segmentBytes: a.segments.map((s) => s.bytes),
    playlistBytes: size(dir + a.playlistUrl),
  }));
  return {
    id: titleId,
    basePath: urlBase,
    dashPath: urlBase + packaging.manifests.dash,
    hlsPath: urlBase + packaging.manifests.hls,
    dashManifestBytes: size(dir + packaging.manifests.dash),
    hlsMasterBytes: size(dir + packaging.manifests.hls),
    durationSeconds: packaging.durationSeconds,
    segmentSeconds: packaging.segmentDurationSeconds,
    rungs,
    audio,
    snapshot,
  };
}

/** `{ rungId, segment }` (segment numbers from 1) for a video media segment URL path, else undefined. */
export function parseVideoSegmentPath(title: SampleTitle, path: string): { rungId: string; segment: number } | undefined {
  if (!path.startsWith(`${title.basePath}video/`)) return undefined;
  const match = /^([^/]+)\/seg-(\d+)\.m4s$/.exec(path.slice(title.basePath.length + 'video/'.length));
  if (!match) return undefined;
  return { rungId: match[1]!, segment: Number(match[2]) };
}

/** The Tessera bundle the page imports, copied once per benchmark so a rebuild mid-run cannot change it. */
export interface BundleSnapshot {
  urlPath: string;
  builtAt: string;
  bytes: number;
}

export function snapshotTesseraBundle(): BundleSnapshot {
  const source = `${REPO_ROOT}dist/tessera.full.js`;
  if (!existsSync(source)) throw new Error('dist/tessera.full.js is missing: run `TESSERA_BUILD=packages,bundles npx rollup -c rollup.config.mjs`');
  const dir = `${REPO_ROOT}bench/results/bundle-snapshot/`;
  mkdirSync(dir, { recursive: true });
  cpSync(source, `${dir}tessera.full.js`);
  const stats = statSync(source);
  return { urlPath: '/bench/results/bundle-snapshot/tessera.full.js', builtAt: stats.mtime.toISOString(), bytes: stats.size };
}
