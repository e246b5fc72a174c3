import { describe, expect, it } from 'vitest';
import { planPlayheadRecovery, type PlayheadObservation } from '../../src/playhead/playhead-recovery';

const base: PlayheadObservation = {
  time: 10,
  paused: false,
  seeking: false,
  ended: false,
  ranges: [{ start: 0, end: 10.2 }, { start: 10.4, end: 30 }],
  stalledForMs: 0,
  stallTimeoutMs: 1000,
  maxGapSeconds: 0.5,
  duration: 60,
};

describe('playhead recovery', () => {
  it('jumps a small gap to the next buffered range', () => {
    expect(planPlayheadRecovery({ ...base, time: 10.25 })).toEqual({ action: 'jump', to: 10.41, reason: 'gap' });
  });

  it('does not jump a gap larger than allowed', () => {
    expect(planPlayheadRecovery({ ...base, time: 10.25, ranges: [{ start: 0, end: 10.2 }, { start: 12, end: 30 }] })).toEqual({ action: 'none' });
  });

  it('nudges a playhead stuck with media buffered ahead', () => {
    expect(planPlayheadRecovery({ ...base, time: 5, stalledForMs: 1500 })).toEqual({ action: 'jump', to: 5.1, reason: 'stall' });
  });

  it('leaves a paused, seeking or ended player alone', () => {
    expect(planPlayheadRecovery({ ...base, time: 10.25, paused: true })).toEqual({ action: 'none' });
    expect(planPlayheadRecovery({ ...base, time: 10.25, seeking: true })).toEqual({ action: 'none' });
    expect(planPlayheadRecovery({ ...base, time: 5, stalledForMs: 5000, ended: true })).toEqual({ action: 'none' });
  });

  it('waits for data when the buffer at the playhead is nearly empty', () => {
    expect(planPlayheadRecovery({ ...base, time: 10.1, stalledForMs: 5000 })).toEqual({ action: 'none' });
  });
});
