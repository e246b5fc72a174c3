import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDER, parseLadderOption, selectLadder } from '../../src/package/ladder';
import { UserError } from '../../src/cli-support/user-error';

describe('ladder selection', () => {
  it('keeps the seeds ladder up to 1080p for a 1080p source, with 16:9 widths', () => {
    expect(selectLadder(DEFAULT_LADDER, 1920, 1080).map((r) => `${r.id} ${r.width}x${r.height}`)).toEqual([
      '240p-300k 426x240', '360p-600k 640x360', '480p-1000k 854x480', '720p-2000k 1280x720',
      '720p-3000k 1280x720', '1080p-5000k 1920x1080', '1080p-8000k 1920x1080',
    ]);
  });

  it('drops rungs above the source height and keeps the source aspect ratio', () => {
    expect(selectLadder(DEFAULT_LADDER, 1280, 720).map((r) => r.id)).toEqual(['240p-300k', '360p-600k', '480p-1000k', '720p-2000k', '720p-3000k']);
    expect(selectLadder(DEFAULT_LADDER, 640, 480).map((r) => `${r.width}x${r.height}`)).toEqual(['320x240', '480x360', '640x480']);
  });

  it('makes one rung at the source height for sources below every rung', () => {
    expect(selectLadder(DEFAULT_LADDER, 160, 90)).toEqual([{ id: '90p-300k', height: 90, width: 160, bitrateKbps: 300 }]);
  });

  it('parses --ladder height:kbps lists and rejects bad ones as usage errors', () => {
    expect(parseLadderOption('360:600, 720p:2000k')).toEqual([{ height: 360, bitrateKbps: 600 }, { height: 720, bitrateKbps: 2000 }]);
    for (const bad of ['', '720', '720:x', '721:2000', '720:10', 'a:b,360:600']) {
      expect(() => parseLadderOption(bad)).toThrow(UserError);
    }
  });
});
