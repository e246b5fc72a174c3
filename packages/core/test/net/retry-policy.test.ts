import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, computeRetryDelayMs, isRetryableStatus, resolveRetryPolicy, type RetryPolicy } from '@tessera/core/net';
import { seededRandom } from './helpers/seeded-random';

const policy = (override: Partial<RetryPolicy>): RetryPolicy => resolveRetryPolicy(DEFAULT_RETRY_POLICY, override);

describe('computeRetryDelayMs', () => {
  it('grows exponentially and stops at the cap without jitter', () => {
    const p = policy({ baseDelayMs: 100, backoffFactor: 2, maxDelayMs: 1000, jitter: 'none' });
    const delays = [0, 1, 2, 3, 4, 5].map((n) => computeRetryDelayMs(p, n, 0, () => 0.5));
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('full jitter stays in [0, exponential] and spreads', () => {
    const p = policy({ baseDelayMs: 100, backoffFactor: 2, maxDelayMs: 5000, jitter: 'full' });
    const random = seededRandom(1);
    for (let n = 0; n < 8; n++) {
      const values = Array.from({ length: 200 }, () => computeRetryDelayMs(p, n, 0, random));
      const cap = Math.min(5000, 100 * 2 ** n);
      expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...values)).toBeLessThanOrEqual(cap);
      // Not all the same: jitter desynchronises players.
      expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(cap * 0.5);
    }
  });

  it('decorrelated jitter stays in [base, min(cap, 3 × previous)]', () => {
    const p = policy({ baseDelayMs: 100, maxDelayMs: 2000, jitter: 'decorrelated' });
    const random = seededRandom(9);
    let previous = 0;
    for (let n = 0; n < 50; n++) {
      const delay = computeRetryDelayMs(p, n, previous, random);
      expect(delay).toBeGreaterThanOrEqual(100);
      expect(delay).toBeLessThanOrEqual(Math.min(2000, Math.max(100, (previous || 100) * 3)));
      previous = delay;
    }
  });

  it('is pure: the same seed gives the same delays', () => {
    const p = policy({ jitter: 'full' });
    const run = (seed: number) => {
      const random = seededRandom(seed);
      return [0, 1, 2, 3].map((n) => computeRetryDelayMs(p, n, 0, random));
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('tolerates a random() outside [0, 1)', () => {
    const p = policy({ baseDelayMs: 100, maxDelayMs: 1000, jitter: 'full' });
    for (const value of [NaN, -1, 1, 5]) {
      const delay = computeRetryDelayMs(p, 2, 0, () => value);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(400);
    }
  });
});

describe('resolveRetryPolicy', () => {
  it('ignores invalid overrides', () => {
    const p = resolveRetryPolicy(DEFAULT_RETRY_POLICY, { maxAttempts: 0, baseDelayMs: -5, maxDelayMs: NaN, jitter: 'bogus' as 'full' });
    expect(p).toEqual({ ...DEFAULT_RETRY_POLICY });
  });
  it('floors attempt counts', () => {
    expect(resolveRetryPolicy(DEFAULT_RETRY_POLICY, { maxAttempts: 2.7 }).maxAttempts).toBe(2);
  });
});

describe('isRetryableStatus', () => {
  it('retries 408, 429 and 5xx only', () => {
    expect([408, 429, 500, 502, 503, 504, 599].every(isRetryableStatus)).toBe(true);
    expect([200, 204, 301, 400, 401, 403, 404, 410, 416, 451, 600].some(isRetryableStatus)).toBe(false);
  });
});
