/** Weights of the Pensieve QoE metrics (Mao et al., SIGCOMM 2017). */
export interface QoeWeights {
  /** QoE_lin penalty per second of stall, startup included (default 4.3). */
  rebufferPenalty: number;
  /** QoE_log penalty per second of stall (default 2.66). */
  logRebufferPenalty: number;
  /** Penalty per Mbps (QoE_lin) or per log-unit (QoE_log) of bitrate change (default 1). */
  switchPenalty: number;
}

export const DEFAULT_QOE_WEIGHTS: QoeWeights = { rebufferPenalty: 4.3, logRebufferPenalty: 2.66, switchPenalty: 1 };

/** What one downloaded segment contributed. */
export interface ChunkRecord {
  segment: number;
  /** Rung finally downloaded (after any abandonment). */
  index: number;
  bitrateBps: number;
  reason: string;
  /** When the first request for this segment was issued (s, trace time). */
  requestTime: number;
  arrivalTime: number;
  /** Buffer at the first request and right after the arrival (s). */
  bufferAtRequest: number;
  bufferAfterArrival: number;
  /** Stall while waiting for this segment (s): the startup wait for the first segment(s). */
  stallSeconds: number;
  abandonments: number;
}

export interface SessionMetrics {
  /** QoE_lin per segment: mean of bitrate (Mbps) − 4.3·stall (s) − |Δbitrate| (Mbps). */
  qoeLin: number;
  /** Session sum of QoE_lin. */
  qoeLinTotal: number;
  /** QoE_log per segment: ln(bitrate / lowest) − 2.66·stall − |Δ ln bitrate|. */
  qoeLog: number;
  /** Rebuffer time / (play time + rebuffer time); the startup wait is not a rebuffer. */
  rebufferRatio: number;
  rebufferCount: number;
  rebufferSeconds: number;
  startupDelaySeconds: number;
  averageBitrateKbps: number;
  switches: number;
  segments: number;
  abandonments: number;
}

export interface SessionTotals {
  startupDelaySeconds: number;
  rebufferSeconds: number;
  rebufferCount: number;
  mediaSeconds: number;
  lowestBitrateBps: number;
}

/**
 * Scores a session. Both QoE metrics charge every second of waiting, the startup wait included (as
 * Pensieve's simulator does: the first segment's download is stall time); the rebuffer ratio does not.
 */
export function computeSessionMetrics(chunks: readonly ChunkRecord[], totals: SessionTotals, weights: QoeWeights = DEFAULT_QOE_WEIGHTS): SessionMetrics {
  let lin = 0;
  let log = 0;
  let bitrateSum = 0;
  let switches = 0;
  let abandonments = 0;
  for (let k = 0; k < chunks.length; k++) {
    const chunk = chunks[k]!;
    const mbps = chunk.bitrateBps / 1e6;
    const logUtility = Math.log(chunk.bitrateBps / totals.lowestBitrateBps);
    lin += mbps - weights.rebufferPenalty * chunk.stallSeconds;
    log += logUtility - weights.logRebufferPenalty * chunk.stallSeconds;
    if (k > 0) {
      const previous = chunks[k - 1]!;
      lin -= weights.switchPenalty * Math.abs(mbps - previous.bitrateBps / 1e6);
      log -= weights.switchPenalty * Math.abs(logUtility - Math.log(previous.bitrateBps / totals.lowestBitrateBps));
      if (chunk.index !== previous.index) switches++;
    }
    bitrateSum += chunk.bitrateBps;
    abandonments += chunk.abandonments;
  }
  const n = Math.max(chunks.length, 1);
  return {
    qoeLin: lin / n,
    qoeLinTotal: lin,
    qoeLog: log / n,
    rebufferRatio: totals.rebufferSeconds / (totals.mediaSeconds + totals.rebufferSeconds || 1),
    rebufferCount: totals.rebufferCount,
    rebufferSeconds: totals.rebufferSeconds,
    startupDelaySeconds: totals.startupDelaySeconds,
    averageBitrateKbps: bitrateSum / n / 1000,
    switches,
    segments: chunks.length,
    abandonments,
  };
}
