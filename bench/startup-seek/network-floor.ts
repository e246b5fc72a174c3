import type { Protocol } from '../lib/player-session';
import type { Rung, SampleTitle } from '../lib/sample-title';

export interface ConstantLink {
  rateKbps: number;
  rttMs: number;
}

export interface FloorStep {
  what: string;
  bytes: number;
  ms: number;
}

export interface NetworkFloor {
  protocol: Protocol;
  rungId: string;
  totalMs: number;
  steps: FloorStep[];
}

/** Bytes over the emulated link: kbps × ms = bits. */
function transferMs(bytes: number, link: ConstantLink): number {
  return (bytes * 8) / link.rateKbps;
}

/**
 * The least time any player needs to have the first frame's media, on `tessera serve`'s link
 * model (each response waits one RTT, then every body in flight shares the one bottleneck):
 * one round trip per dependent step, the bytes of each step at the full link rate, and every
 * request of a step issued in parallel (video and audio init + first segment together).
 * DASH: manifest → inits + first segments. HLS: master → the two media playlists → inits + first
 * segments. HTTP headers, TCP setup (localhost) and decode are not counted.
 */
export function networkFloor(title: SampleTitle, rung: Rung, protocol: Protocol, link: ConstantLink): NetworkFloor {
  const audio = title.audio.find((a) => a.language === 'en') ?? title.audio[0]!;
  const step = (what: string, bytes: number): FloorStep => ({ what, bytes, ms: link.rttMs + transferMs(bytes, link) });
  const media = step(
    `RTT + ${rung.id} init + seg 1 ∥ audio init + seg 1`,
    rung.initBytes + rung.segmentBytes[0]! + audio.initBytes + audio.segmentBytes[0]!,
  );
  const steps =
    protocol === 'dash'
      ? [step('RTT + MPD', title.dashManifestBytes), media]
      : [step('RTT + master playlist', title.hlsMasterBytes), step('RTT + video ∥ audio media playlists', rung.playlistBytes + audio.playlistBytes), media];
  return { protocol, rungId: rung.id, totalMs: steps.reduce((sum, s) => sum + s.ms, 0), steps };
}

/**
 * The rung a link "sustains": the highest whose declared bandwidth plus the default audio's is at
 * most `fraction` of the link rate (headroom for throughput noise, RTTs and request gaps).
 */
export function sustainableRung(title: SampleTitle, rateKbps: number, fraction = 0.8): Rung {
  const audioBps = (title.audio.find((a) => a.language === 'en') ?? title.audio[0]!).bandwidthBps;
  const fitting = title.rungs.filter((r) => r.bandwidthBps + audioBps <= fraction * rateKbps * 1000);
  return fitting[fitting.length - 1] ?? title.rungs[0]!;
}
