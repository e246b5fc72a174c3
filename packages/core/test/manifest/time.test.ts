import { describe, expect, it } from 'vitest';
import { parseDateTime, parseIsoDuration } from '@tessera/core/manifest';

describe('parseIsoDuration', () => {
  it.each([
    ['PT1H2M3.5S', 3723.5],
    ['PT0S', 0],
    ['PT4S', 4],
    ['PT0.5S', 0.5],
    ['P1DT1S', 86401],
    ['P1W', 604800],
    ['P0Y0M0DT0H0M16S', 16],
    ['P1Y', 365 * 86400],
    ['P1M', 30 * 86400],
    ['PT17738H17M14.156S', 17738 * 3600 + 17 * 60 + 14.156],
    ['PT1.S', 1],
  ])('%s = %d s', (text, seconds) => {
    expect(parseIsoDuration(text)).toBeCloseTo(seconds, 6);
  });

  it.each(['', 'P', 'PT', 'P1DT', '1.5', 'PT-1S', '-PT1S', 'PT1H1H', 'PTS', 'P1S', 'PT1M2H', 'garbage', 'PT' + '9'.repeat(400) + 'S'])(
    'rejects %j',
    (text) => {
      expect(parseIsoDuration(text)).toBeUndefined();
    },
  );
});

describe('parseDateTime', () => {
  it.each([
    ['1970-01-01T00:00:00Z', 0],
    ['2021-02-25T22:43:33.112Z', Date.UTC(2021, 1, 25, 22, 43, 33, 112)],
    ['2016-06-22T09:20:16.166-04:00', Date.UTC(2016, 5, 22, 13, 20, 16, 166)],
    ['2016-06-22T09:20:16+0530', Date.UTC(2016, 5, 22, 3, 50, 16)],
    ['2021-03-18T20:00:36', Date.UTC(2021, 2, 18, 20, 0, 36)],
    ['2021-03-18', Date.UTC(2021, 2, 18)],
    ['2023-03-07T01:01:34.248221397Z', Date.UTC(2023, 2, 7, 1, 1, 34) + 248.221397],
    ['0050-01-01T00:00:00Z', -60589296000000],
  ])('%s', (text, ms) => {
    expect(parseDateTime(text)).toBeCloseTo(ms, 3);
  });

  it.each(['', 'yesterday', '2021-13-01T00:00:00Z', '2021-01-32', '2021-01-01T25:00:00Z', '2021-01-01T00:00:00+99:00'])('rejects %j', (text) => {
    expect(parseDateTime(text)).toBeUndefined();
  });
});
