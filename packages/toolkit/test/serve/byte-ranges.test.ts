import { describe, expect, it } from 'vitest';
import { decideRange } from '../../src/serve/index';

describe('decideRange (RFC 9110 §14.2)', () => {
  const size = 1000;

  it('answers in full without a usable Range header', () => {
    expect(decideRange(undefined, size)).toEqual({ kind: 'full' });
    expect(decideRange('items=0-10', size)).toEqual({ kind: 'full' });
    expect(decideRange('bytes=abc', size)).toEqual({ kind: 'full' });
    expect(decideRange('bytes=-', size)).toEqual({ kind: 'full' });
    expect(decideRange('bytes=20-10', size)).toEqual({ kind: 'full' });
    expect(decideRange('bytes=', size)).toEqual({ kind: 'full' });
  });

  it('resolves first-last, first- and -suffix', () => {
    expect(decideRange('bytes=0-99', size)).toEqual({ kind: 'partial', range: { start: 0, end: 99 } });
    expect(decideRange('bytes=900-', size)).toEqual({ kind: 'partial', range: { start: 900, end: 999 } });
    expect(decideRange('bytes=-100', size)).toEqual({ kind: 'partial', range: { start: 900, end: 999 } });
    expect(decideRange(' Bytes = 5-5 ', size)).toEqual({ kind: 'partial', range: { start: 5, end: 5 } });
  });

  it('clamps ranges that run past the end', () => {
    expect(decideRange('bytes=990-5000', size)).toEqual({ kind: 'partial', range: { start: 990, end: 999 } });
    expect(decideRange('bytes=-5000', size)).toEqual({ kind: 'partial', range: { start: 0, end: 999 } });
    expect(decideRange('bytes=0-99999999999999999999999', size)).toEqual({ kind: 'partial', range: { start: 0, end: 999 } });
  });

  it('is unsatisfiable when no range overlaps the body', () => {
    expect(decideRange('bytes=1000-', size)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=5000-6000', size)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-0', size)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-10', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=2000-3000, 4000-', size)).toEqual({ kind: 'unsatisfiable' });
  });

  it('answers several ranges in full rather than multipart', () => {
    expect(decideRange('bytes=0-9, 20-29', size)).toEqual({ kind: 'full' });
    expect(decideRange('bytes=0-9,5000-', size)).toEqual({ kind: 'full' });
  });
});
