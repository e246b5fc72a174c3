import type { NetworkTrace, SessionResult } from '@tessera/abr/sim';
import { linearScale, niceTicks, svgDocument, svgElement, svgPolyline, svgText } from './svg-writer';

const WIDTH = 960;
const LEFT = 60;
const RIGHT = 20;
const RATE_HEIGHT = 110;
const BUFFER_HEIGHT = 70;
const BLOCK_GAP = 46;

/** Bandwidth of the trace as a step line over [0, end] (the trace loops), in Mbps. */
function bandwidthSteps(trace: NetworkTrace, end: number): Array<[number, number]> {
  const steps: Array<[number, number]> = [];
  let time = 0;
  for (let guard = 0; time < end && guard < 1e6; guard++) {
    const period = trace.periods[guard % trace.periods.length]!;
    const mbps = period.bandwidthKbps / 1000;
    steps.push([time, mbps]);
    time += period.durationMs / 1000;
    steps.push([Math.min(time, end), mbps]);
  }
  return steps;
}

/** The chosen bitrate as a step line: each segment's rung from its request until the next request. */
function bitrateSteps(session: SessionResult): Array<[number, number]> {
  const steps: Array<[number, number]> = [];
  session.chunks.forEach((chunk, k) => {
    const next = k + 1 < session.chunks.length ? session.chunks[k + 1]!.requestTime : session.endTime;
    steps.push([chunk.requestTime, chunk.bitrateBps / 1e6], [next, chunk.bitrateBps / 1e6]);
  });
  return steps;
}

/**
 * One SVG per trace: for every session (algorithm) a block with the link bandwidth and the chosen
 * bitrate over time (Mbps), then the buffer level (s), titled with the session's QoE metrics.
 */
export function renderSessionChart(traceName: string, trace: NetworkTrace, sessions: readonly SessionResult[]): string {
  const end = Math.max(...sessions.map((s) => s.endTime), 1);
  const x = linearScale(0, end, LEFT, WIDTH - RIGHT);
  const topRate = Math.max(
    ...sessions.map((s) => Math.max(...s.chunks.map((c) => c.bitrateBps / 1e6))),
    ...bandwidthSteps(trace, end).map(([, v]) => v),
  );
  const rateMax = Math.min(topRate, 2 * Math.max(...sessions.flatMap((s) => s.chunks.map((c) => c.bitrateBps / 1e6)))) || 1;
  const bufferMax = Math.max(...sessions.flatMap((s) => s.buffer.map((p) => p.bufferSeconds)), 1);
  const parts: string[] = [svgText(LEFT, 18, `trace ${traceName}`, { 'font-size': 14, 'font-weight': 'bold' })];
  let top = 40;
  for (const session of sessions) {
    const m = session.metrics;
    parts.push(
      svgText(LEFT, top - 8, `${session.algorithm}: QoE_lin ${m.qoeLin.toFixed(3)}/segment, avg ${m.averageBitrateKbps.toFixed(0)} kbps, ` +
        `rebuffer ${(100 * m.rebufferRatio).toFixed(2)}% (${m.rebufferCount}), ${m.switches} switches, startup ${m.startupDelaySeconds.toFixed(2)} s`),
    );
    const y = linearScale(0, rateMax, top + RATE_HEIGHT, top);
    parts.push(axes(x, y, top, RATE_HEIGHT, end, rateMax, 'Mbps'));
    parts.push(svgPolyline(bandwidthSteps(trace, end).map(([t, v]) => [x(t), y(Math.min(v, rateMax))]), { stroke: '#9aa5b1', 'stroke-width': 1 }));
    parts.push(svgPolyline(bitrateSteps(session).map(([t, v]) => [x(t), y(v)]), { stroke: '#1f6feb', 'stroke-width': 1.5 }));
    const bufferTop = top + RATE_HEIGHT + 12;
    const yb = linearScale(0, bufferMax, bufferTop + BUFFER_HEIGHT, bufferTop);
    parts.push(axes(x, yb, bufferTop, BUFFER_HEIGHT, end, bufferMax, 'buffer s'));
    parts.push(svgPolyline(session.buffer.map((p) => [x(p.time), yb(p.bufferSeconds)]), { stroke: '#2da44e', 'stroke-width': 1 }));
    top = bufferTop + BUFFER_HEIGHT + BLOCK_GAP;
  }
  parts.push(svgText(LEFT, top - 20, 'grey: link bandwidth; blue: chosen bitrate; green: buffer; x: seconds of trace time', { fill: '#57606a' }));
  return svgDocument(WIDTH, top, parts);
}

function axes(x: (v: number) => number, y: (v: number) => number, top: number, height: number, xMax: number, yMax: number, unit: string): string {
  const out: string[] = [svgElement('rect', { x: LEFT, y: top, width: WIDTH - LEFT - RIGHT, height, fill: 'none', stroke: '#d0d7de' })];
  for (const tick of niceTicks(0, yMax, 3)) {
    out.push(svgElement('line', { x1: LEFT, x2: WIDTH - RIGHT, y1: y(tick), y2: y(tick), stroke: '#eaeef2' }));
    out.push(svgText(LEFT - 6, y(tick) + 4, String(tick), { 'text-anchor': 'end', 'font-size': 10 }));
  }
  for (const tick of niceTicks(0, xMax, 8)) out.push(svgText(x(tick), top + height + 11, String(tick), { 'text-anchor': 'middle', 'font-size': 9, fill: '#57606a' }));
  out.push(svgText(8, top + height / 2, unit, { 'font-size': 10, fill: '#57606a' }));
  return out.join('');
}
