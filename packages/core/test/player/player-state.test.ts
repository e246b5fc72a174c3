import { describe, expect, it } from 'vitest';
import { derivePlayerState, type PlaybackObservation } from '../../src/player/player-state';

const loaded: PlaybackObservation = { loaded: true, loading: false, failed: false, seeking: false, paused: false, ended: false, canPlay: true };

describe('player state machine', () => {
  it('follows idle → loading → buffering → playing ⇄ paused', () => {
    expect(derivePlayerState({ ...loaded, loaded: false })).toBe('idle');
    expect(derivePlayerState({ ...loaded, loaded: false, loading: true })).toBe('loading');
    expect(derivePlayerState({ ...loaded, canPlay: false })).toBe('buffering');
    expect(derivePlayerState(loaded)).toBe('playing');
    expect(derivePlayerState({ ...loaded, paused: true })).toBe('paused');
  });

  it('gives seeking, ended and error precedence', () => {
    expect(derivePlayerState({ ...loaded, seeking: true, canPlay: false })).toBe('seeking');
    expect(derivePlayerState({ ...loaded, ended: true, paused: true })).toBe('ended');
    expect(derivePlayerState({ ...loaded, failed: true, ended: true })).toBe('error');
  });
});
