import { describe, expect, it } from 'vitest';
import { bufferedBytes, dropRange, planEviction } from '../../src/streaming/buffer-budget';

const seg = (start: number, bytes: number) => ({ start, end: start + 4, bytes });

describe('buffer budget', () => {
  it('always drops media older than the back-buffer goal', () => {
    const plan = planEviction({ segments: [seg(0, 100), seg(4, 100), seg(8, 100), seg(12, 100)], playhead: 15, incomingBytes: 100, budgetBytes: 10_000, backBufferSeconds: 6 });
    expect(plan.remove).toEqual([{ start: 0, end: 8 }]);
    expect(plan.overBudget).toBe(false);
  });

  it('cuts into the back buffer before the budget is reached, never past the playhead', () => {
    const segments = [seg(0, 300), seg(4, 300), seg(8, 300), seg(12, 300)];
    const plan = planEviction({ segments, playhead: 13, incomingBytes: 300, budgetBytes: 1000, backBufferSeconds: 30 });
    // 1500 bytes incl. incoming > 900 (90% high water): evicts [0,4) and [4,8), then fits.
    expect(plan.remove).toEqual([{ start: 0, end: 8 }]);
    expect(plan.bytesAfter).toBe(900);
    // Tighter budget: everything behind the playhead goes, the segment under it stays.
    const tight = planEviction({ segments, playhead: 13, incomingBytes: 300, budgetBytes: 500, backBufferSeconds: 30 });
    expect(tight.remove).toEqual([{ start: 0, end: 12 }]);
    expect(tight.overBudget).toBe(true);
    expect(plan.overBudget).toBe(false);
  });

  it('says over budget when only media ahead of the playhead is left', () => {
    const segments = [seg(12, 500), seg(16, 500)];
    const plan = planEviction({ segments, playhead: 12.5, incomingBytes: 500, budgetBytes: 1000, backBufferSeconds: 10 });
    expect(plan.remove).toEqual([]);
    expect(plan.overBudget).toBe(true);
  });

  it('keeps accounting in step with removals', () => {
    const segments = [seg(0, 1), seg(4, 2), seg(8, 3)];
    expect(bufferedBytes(dropRange(segments, { start: 0, end: 8 }))).toBe(3);
    expect(bufferedBytes(dropRange(segments, { start: 6, end: Infinity }))).toBe(3);
  });
});
