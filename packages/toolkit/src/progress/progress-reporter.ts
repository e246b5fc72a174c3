import type { CliIo } from '../cli-support/cli-io';
import { estimateEtaSeconds, formatClock, renderProgressBar } from './progress-math';

/** A step of work: 'source' (synthesize), 'encode', 'package', 'reference' (ffmpeg's own muxers). */
export type ProgressStep = 'probe' | 'source' | 'encode' | 'package' | 'reference';

/**
 * Newline-delimited JSON events written to stdout with --json (documented in
 * packages/toolkit/README.md). The final line of a run is the command's result.
 */
export type ProgressEvent =
  | { type: 'step'; status: 'start' | 'done' | 'cached'; step: ProgressStep; title: string; elapsedSeconds: number }
  | { type: 'progress'; step: ProgressStep; title: string; fraction: number; elapsedSeconds: number; etaSeconds: number | null };

export interface ProgressReporter {
  start(step: ProgressStep, title: string): void;
  /** fraction in [0, 1]. */
  update(step: ProgressStep, title: string, fraction: number): void;
  done(step: ProgressStep, title: string): void;
  /** The step's outputs were up to date; nothing ran. */
  cached(step: ProgressStep, title: string): void;
}

export interface ReporterOptions {
  json: boolean;
  /** Monotonic seconds (injected for tests). */
  now?: () => number;
  /** Minimum seconds between two drawn updates. */
  intervalSeconds?: number;
}

/**
 * Draws a progress bar with ETA on stderr when it is a TTY; with --json writes
 * ProgressEvents to stdout instead; otherwise prints one line per finished step.
 */
export function createProgressReporter(io: CliIo, options: ReporterOptions): ProgressReporter {
  const now = options.now ?? (() => performance.now() / 1000);
  const interval = options.intervalSeconds ?? (options.json ? 0.5 : 0.1);
  const started = new Map<string, number>();
  const lastDrawn = new Map<string, number>();
  const key = (step: string, title: string) => `${step}\u0000${title}`;
  const elapsedOf = (step: string, title: string) => now() - (started.get(key(step, title)) ?? now());
  const emit = (event: ProgressEvent) => io.stdout(JSON.stringify(event) + '\n');
  const round = (value: number) => Math.round(value * 100) / 100;
  let lineOpen = false;
  const closeLine = () => {
    if (lineOpen) io.stderr('\n');
    lineOpen = false;
  };
  return {
    start(step, title) {
      started.set(key(step, title), now());
      lastDrawn.delete(key(step, title));
      if (options.json) emit({ type: 'step', status: 'start', step, title, elapsedSeconds: 0 });
    },
    update(step, title, fraction) {
      const k = key(step, title);
      const t = now();
      if (t - (lastDrawn.get(k) ?? -Infinity) < interval) return;
      lastDrawn.set(k, t);
      const elapsedSeconds = elapsedOf(step, title);
      const etaSeconds = estimateEtaSeconds(fraction, elapsedSeconds);
      if (options.json) {
        emit({ type: 'progress', step, title, fraction: round(Math.min(1, Math.max(0, fraction))), elapsedSeconds: round(elapsedSeconds), etaSeconds: etaSeconds === undefined ? null : round(etaSeconds) });
      } else if (io.isTty) {
        io.stderr('\r' + renderProgressBar({ label: `${step} ${title}`, fraction, elapsedSeconds, etaSeconds }) + '\u001b[K');
        lineOpen = true;
      }
    },
    done(step, title) {
      const elapsedSeconds = elapsedOf(step, title);
      if (options.json) {
        emit({ type: 'step', status: 'done', step, title, elapsedSeconds: round(elapsedSeconds) });
        return;
      }
      if (io.isTty) {
        io.stderr('\r' + renderProgressBar({ label: `${step} ${title}`, fraction: 1, elapsedSeconds, etaSeconds: 0 }) + '\u001b[K');
        lineOpen = true;
        closeLine();
      } else {
        io.stderr(`${step} ${title}: done in ${formatClock(elapsedSeconds)}\n`);
      }
    },
    cached(step, title) {
      if (options.json) emit({ type: 'step', status: 'cached', step, title, elapsedSeconds: 0 });
      else {
        closeLine();
        io.stderr(`${step} ${title}: up to date\n`);
      }
    },
  };
}
