import { ByteWriter, concatBytes, writeBox, writeFullBox } from '@tessera/core/mp4';
import { ErrorCode, TesseraError } from '@tessera/core';
import { expect } from 'vitest';

export const u32 = (...values: number[]) => {
  const w = new ByteWriter();
  for (const v of values) w.u32(v);
  return w.finish();
};
export const bytes = (...values: number[]) => new Uint8Array(values);
export { concatBytes, writeBox, writeFullBox };

/** Asserts `fn` either returns or throws TesseraError MP4_INVALID, within `maxMs`. */
export function expectTypedOutcome(fn: () => unknown, maxMs = 100): void {
  const started = performance.now();
  try {
    fn();
  } catch (error) {
    if (!(error instanceof TesseraError) || error.code !== ErrorCode.MP4_INVALID) {
      throw new Error(`expected MP4_INVALID, got ${(error as Error)?.name}: ${(error as Error)?.message}`);
    }
    expect(typeof error.data.reason).toBe('string');
    expect(['fatal', 'recoverable']).toContain(error.severity);
  }
  expect(performance.now() - started).toBeLessThan(maxMs);
}

/** Asserts `fn` throws MP4_INVALID and returns the error. */
export function expectMp4Invalid(fn: () => unknown): TesseraError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TesseraError);
    expect((error as TesseraError).code).toBe(ErrorCode.MP4_INVALID);
    return error as TesseraError;
  }
  throw new Error('expected an MP4_INVALID error, nothing was thrown');
}
