/**
 * Retry policy: which failures are retried and how long to wait. Pure: randomness is
 * injected, so the same seed gives the same delays in tests and in the simulator.
 */

export interface RetryPolicy {
  /**
   * Attempts per candidate URL, first one included (1 = no retry). With several candidate
   * URLs a request makes up to `maxAttempts` rounds, trying each live candidate once per round.
   */
  maxAttempts: number;
  /** Delay scale before the first retry round, ms. */
  baseDelayMs: number;
  /** Upper bound of any computed delay, ms. */
  maxDelayMs: number;
  /** Growth per round for `'full'` / `'none'` jitter. */
  backoffFactor: number;
  /**
   * `'full'`: uniform in [0, min(max, base·factor^n)]. `'decorrelated'`: uniform in
   * [base, min(max, 3·previous)]. `'none'`: the exponential value itself. See the AWS
   * Architecture Blog, "Exponential Backoff And Jitter" (2015): both jitters avoid
   * synchronised retry storms from many players after a CDN blip.
   */
  jitter: 'full' | 'decorrelated' | 'none';
  /**
   * A `Retry-After` (429/503) up to this long is honoured (the wait is at least that);
   * a longer one takes that candidate out of this request rather than stalling playback.
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  backoffFactor: 2,
  jitter: 'full',
  maxRetryAfterMs: 10000,
};

/** Merge a partial policy over a base, ignoring undefined and out-of-range values. */
export function resolveRetryPolicy(base: Readonly<RetryPolicy>, override?: Partial<RetryPolicy>): RetryPolicy {
  const policy: RetryPolicy = { ...base };
  if (!override) return policy;
  const { maxAttempts, jitter } = override;
  if (isNonNegative(maxAttempts) && maxAttempts >= 1) policy.maxAttempts = Math.floor(maxAttempts);
  (['baseDelayMs', 'maxDelayMs', 'backoffFactor', 'maxRetryAfterMs'] as const).forEach((key) => {
    const value = override[key];
    if (isNonNegative(value)) policy[key] = value;
  });
  if (jitter === 'full' || jitter === 'decorrelated' || jitter === 'none') policy.jitter = jitter;
  return policy;
}

/**
 * Delay before retry round `retryIndex` (0 = the first retry), in ms.
 * `previousDelayMs` is the delay returned for the previous round (decorrelated jitter
 * grows from it; pass 0 for the first). `random` returns a number in [0, 1).
 */
export function computeRetryDelayMs(
  policy: Readonly<RetryPolicy>,
  retryIndex: number,
  previousDelayMs: number,
  random: () => number,
): number {
  const base = Math.max(0, policy.baseDelayMs);
  const cap = Math.max(0, policy.maxDelayMs);
  const value = random();
  // A random() outside [0, 1) is clamped into it.
  const r = !(value >= 0) ? 0 : value >= 1 ? 0.9999999999 : value;
  if (policy.jitter === 'decorrelated') {
    // sleep = min(cap, random_between(base, previous * 3)); the first round starts from base.
    const upper = Math.min(cap, Math.max(base, (previousDelayMs > 0 ? previousDelayMs : base) * 3));
    const lower = Math.min(base, upper);
    return lower + r * (upper - lower);
  }
  const exponential = Math.min(cap, base * Math.pow(Math.max(1, policy.backoffFactor), Math.max(0, retryIndex)));
  return policy.jitter === 'full' ? r * exponential : exponential;
}

/**
 * Statuses worth another try: 408 Request Timeout, 429 Too Many Requests and every 5xx
 * (RFC 9110 §15.5.9, RFC 6585 §4, §15.6). Other 4xx will not change on retry.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && isFinite(value) && value >= 0;
}
