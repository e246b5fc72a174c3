import type { AbrAlgorithm, AbrContext, AbrDecision, DownloadProgress, ThroughputSample } from '@tessera/core/abr-api';
import { createEwmaEstimator, type EwmaEstimatorOptions } from '../estimators/ewma-estimator';
import { createLatencyEstimator } from '../estimators/latency-estimator';
import { createRobustEstimator } from '../estimators/robust-estimator';
import { sampleTransferBps } from '../estimators/throughput-estimator';
import { decideAbandonment, type AbandonmentOptions } from './abandonment';
import { lowestBufferAhead } from './buffer-lookahead';
import { allowedRungs, highestRungWithin, lowestAllowed, segmentBytes } from './ladder';

export interface HybridAbrOptions {
  /** Buffer kept in reserve against link collapses, as a fraction of the buffer goal (default 0.5). */
  targetBufferFraction?: number;
  /** How strongly the buffer's distance from the target scales the rate (default 0.5). */
  bufferGain?: number;
  /** Bounds of that scaling: never plan below/above these multiples of the estimate (0.3 and 1.5). */
  minRateFactor?: number;
  maxRateFactor?: number;
  /** An up-switch must fit under the scaled estimate with this margin to spare (default 0.1). */
  upSwitchMargin?: number;
  /** Segments to wait after a switch before switching up again (default 2; see `climbWithoutWait`)... */
  minSegmentsBetweenSwitches?: number;
  /** ...except to a rung the scaled estimate covers this many times over (default 1.5). */
  clearlySupportedFactor?: number;
  /**
   * On a buffer at or above its reserve, a climb that follows an up-switch does not wait (default true):
   * a monotone climb costs the same switch penalty in steps as at once, and waiting leaves low-rung
   * segments in the buffer. The wait still follows a down-switch (the oscillation it is there for) and
   * applies while the reserve is being built.
   */
  climbWithoutWait?: boolean;
  /**
   * Only video transfers feed the estimators once one has been seen (default true). Audio segments are
   * small, fetched alongside the video on a shared link, and measure a fraction of it: fed in, they
   * hold the estimate down on a fast link. Their bitrate is instead taken off the rate the video may use.
   */
  videoSamplesOnly?: boolean;
  /**
   * The guard (the next segment arrives before the buffer runs dry) trusts at least this fraction of the
   * slower of the last two transfers (default 0.5; 0 = only the robust bound): after a surge the
   * robust bound's harmonic mean and error discount stay low for five samples and would hold the climb
   * back one rung per segment on a link that carries the top rung many times over.
   */
  guardRecentFraction?: number;
  /** A down-switch is skipped while holding the rung keeps the buffer above this fraction of the target
   * over the next `holdLookaheadSegments` (defaults 0.5 and 5), under the robust throughput bound. */
  holdFloorFraction?: number;
  holdLookaheadSegments?: number;
  /**
   * From this multiple of the target up (default 1.5), that projection uses the harmonic mean instead of
   * the robust bound: a buffer that deep rides out a long dip, while the bound's error discount (×3–6
   * after a swing between 30 and 5 Mbps) would predict a collapse and cost two switches.
   */
  deepBufferFraction?: number;
  /** Fast start (the latest sample rules and the reserve does not slow the climb) lasts until the buffer
   * first reaches its reserve, or until this many seconds of transfer have been measured (default 20). */
  fastStartTransferSeconds?: number;
  /** The EWMA's options; the hybrid counts each sample for at least 0.5 s (`minSampleWeightSeconds`). */
  estimator?: EwmaEstimatorOptions;
  /** Options of the abandonment rule, or false to never abandon. */
  abandonment?: AbandonmentOptions | false;
  /** Estimate for the very first choice, before any sample (default none: the lowest rung). */
  initialBandwidthBps?: number;
}

/**
 * Tessera's default: a throughput rule whose rate is scaled by the buffer, in the manner of feedback
 * controllers such as ELASTIC (De Cicco et al. 2013): the buffer is kept around a reserve that rides out
 * the tens-of-seconds collapses of mobile links, so the rate is
 *   estimate × clamp(1 + gain · (buffer − target) / target),
 * below the estimate while the reserve is being built and above it while a surplus is spent (the target
 * shrinks at the end of the title, where a reserve is wasted). Around that rule: fast start (trust the
 * latest sample, without the reserve slow-down, until the EWMA has seen enough), hysteresis against
 * oscillation (margin and a minimum number of segments between switches after a down-switch or under
 * the reserve), the audio's bitrate taken off the link's, holding the rung through dips
 * the buffer can absorb (a lookahead with the robust lower bound — the harmonic mean once the buffer is
 * deep — real segment sizes and RTT, as in RobustMPC), a guard that the next segment arrives before the
 * buffer runs dry, and abandonment of downloads that would stall.
 */
export function createHybridAbr(options: HybridAbrOptions = {}): AbrAlgorithm {
  // Half-lives of 2 s / 5 s of transfer (shaka's): the estimate must follow a link that gets much
  // better within a few segments, or the buffer fills with low rungs while it lags (car_0008).
  const ewma = createEwmaEstimator({ minSampleWeightSeconds: 0.5, fastHalfLifeSeconds: 2, slowHalfLifeSeconds: 5, ...options.estimator });
  const robust = createRobustEstimator({ windowSize: 5 });
  const latency = createLatencyEstimator();
  let trustedSeconds = 0;
  let latestBps: number | undefined;
  let previousBps: number | undefined;
  let segmentsSinceSwitch = Infinity;
  let lastSwitchWasDown = false;
  let videoSeen = false;
  /** Size of the latest audio segment: its bitrate shares the link with the video. */
  let audioBytes = 0;
  let reserveReached = false;

  // Fast start lasts until the buffer first reaches its reserve (or the transfer budget is spent):
  // a slow first transfer (an outage at startup) must not hand the climb to a lagging average.
  const fastStarting = (): boolean => !reserveReached && trustedSeconds < (options.fastStartTransferSeconds ?? 20);

  function estimate(): number | undefined {
    // Fast start: the latest sample (the guard below, at the robust bound, keeps a lucky one honest).
    return fastStarting() ? latestBps ?? options.initialBandwidthBps : ewma.getEstimate();
  }

  function reserveTarget(context: AbrContext): number {
    const full = (options.targetBufferFraction ?? 0.5) * context.bufferGoalSeconds;
    // Near the end of the title there is less to protect; a reserve left over is bitrate lost.
    const remaining = context.segmentsRemaining * context.segmentDurationSeconds;
    return Math.max(context.segmentDurationSeconds, Math.min(full, remaining));
  }

  /** `keepsWait`: a step that does not restart the hysteresis wait (see below). */
  function decide(context: AbrContext): AbrDecision & { keepsWait?: boolean } {
    const allowed = allowedRungs(context);
    const measured = estimate();
    if (measured === undefined) return { index: lowestAllowed(allowed), reason: 'startup' };
    const target = reserveTarget(context);
    const buffer = context.bufferLevelSeconds;
    if (buffer >= target) reserveReached = true;
    const gain = options.bufferGain ?? 0.5;
    let factor = Math.max(options.minRateFactor ?? 0.3, Math.min(options.maxRateFactor ?? 1.5, 1 + (gain * (buffer - target)) / target));
    // While fast-starting, a link that carries a rung builds the reserve at that rung by itself.
    if (fastStarting()) factor = Math.max(factor, 1);
    const audioBps = (audioBytes * 8) / context.segmentDurationSeconds;
    const rate = Math.max(0, measured * factor - audioBps);
    const reps = context.representations;
    const last = context.lastIndex >= 0 && allowed[context.lastIndex] ? context.lastIndex : -1;
    let index = highestRungWithin(context, allowed, rate);
    let reason = fastStarting() ? 'fast-start' : 'throughput-buffer';
    let keepsWait = false;

    if (last >= 0 && index > last) {
      index = Math.max(last, highestRungWithin(context, allowed, rate * (1 - (options.upSwitchMargin ?? 0.1))));
      const clearlyFactor = options.clearlySupportedFactor ?? 1.5;
      const waits = !(options.climbWithoutWait ?? true) || lastSwitchWasDown || buffer < target;
      if (index > last && waits && segmentsSinceSwitch < (options.minSegmentsBetweenSwitches ?? 2) && rate < clearlyFactor * reps[index]!.bandwidthBps) {
        // Too soon for this step, but a rung the link clearly carries is taken now: holding a low
        // rung while the buffer fills puts seconds of it ahead of the first high-rung frame.
        const clear = highestRungWithin(context, allowed, rate / clearlyFactor);
        index = Math.max(last, Math.min(index, clear));
        if (index === last) reason = 'hold-hysteresis';
        // Such a step does not restart the wait for the full one.
        else keepsWait = true;
      }
    } else if (last >= 0 && index < last) {
      // A dip the buffer can absorb is not worth two switches.
      const deep = buffer >= (options.deepBufferFraction ?? 1.5) * target;
      const bound = (deep ? robust.getHarmonicMean() : robust.getEstimate()) ?? measured;
      const ahead = lowestBufferAhead(context, last, options.holdLookaheadSegments ?? 5, bound, latency.getEstimateSeconds() ?? 0);
      if (ahead >= (options.holdFloorFraction ?? 0.5) * target) {
        index = last;
        reason = 'hold-buffer';
      }
    }
    if (!context.startup) {
      // The next segment must arrive before the buffer runs dry, at the robust bound.
      const recentFloor = latestBps !== undefined && previousBps !== undefined ? (options.guardRecentFraction ?? 0.5) * Math.min(latestBps, previousBps) : 0;
      const bound = Math.max(robust.getEstimate() ?? measured, recentFloor);
      const rtt = latency.getEstimateSeconds() ?? 0;
      const low = lowestAllowed(allowed);
      while (index > low && rtt + (segmentBytes(context, index, 0) * 8) / bound > buffer) {
        do index--;
        while (index > low && !allowed[index]);
        reason = 'guard';
      }
    }
    return { index, reason, keepsWait };
  }

  return {
    name: 'hybrid',
    addSample(sample: ThroughputSample): void {
      latency.addSample(sample);
      if (sample.contentType === 'audio') audioBytes = sample.bytes;
      if (sample.contentType === 'video') videoSeen = true;
      else if (videoSeen && (options.videoSamplesOnly ?? true)) return;
      const bps = sampleTransferBps(sample);
      if (bps !== undefined) {
        trustedSeconds += Math.max(0, sample.durationMs - sample.ttfbMs) / 1000;
        previousBps = latestBps;
        latestBps = bps;
      }
      ewma.addSample(sample);
      robust.addSample(sample);
    },
    choose(context: AbrContext): AbrDecision {
      const { keepsWait, ...decision } = decide(context);
      const switched = context.lastIndex >= 0 && decision.index !== context.lastIndex;
      segmentsSinceSwitch = switched && !keepsWait ? 0 : segmentsSinceSwitch + 1;
      if (switched) lastSwitchWasDown = decision.index < context.lastIndex;
      return decision;
    },
    shouldAbandon(context: AbrContext, progress: DownloadProgress): number | undefined {
      if (options.abandonment === false) return undefined;
      return decideAbandonment(
        { context, progress, estimateBps: estimate(), latencySeconds: latency.getEstimateSeconds() ?? 0 },
        // Above the reserve the buffer is there to absorb the dip: do not throw bytes away.
        { bufferCeilingSeconds: reserveTarget(context), ...(options.abandonment ?? {}) },
      );
    },
    getBandwidthEstimate(): number | undefined {
      return estimate();
    },
    reset(resetOptions?: { keepEstimate?: boolean }): void {
      segmentsSinceSwitch = Infinity;
      lastSwitchWasDown = false;
      reserveReached = false;
      if (resetOptions?.keepEstimate === false) {
        ewma.reset();
        robust.reset();
        latency.reset();
        trustedSeconds = 0;
        latestBps = undefined;
        previousBps = undefined;
        videoSeen = false;
        audioBytes = 0;
      }
    },
  };
}
