/**
 * The playback state machine users of the SDK expect (seed design docs):
 * idle → loading → buffering → playing ⇄ paused, seeking → buffering, → ended, → error.
 */
export type PlayerState = 'idle' | 'loading' | 'buffering' | 'playing' | 'paused' | 'seeking' | 'ended' | 'error';

/** Observations the state is derived from. Pure: the engine fills it from the media element. */
export interface PlaybackObservation {
  loaded: boolean;
  loading: boolean;
  failed: boolean;
  seeking: boolean;
  paused: boolean;
  ended: boolean;
  /** Enough buffered at the playhead to play (startup threshold met / not stalled). */
  canPlay: boolean;
}

/** Derive the state from observations: one place decides, no scattered `setState` calls. */
export function derivePlayerState(o: PlaybackObservation): PlayerState {
  if (o.failed) return 'error';
  if (!o.loaded) return o.loading ? 'loading' : 'idle';
  if (o.ended) return 'ended';
  if (o.seeking) return 'seeking';
  if (!o.canPlay) return 'buffering';
  return o.paused ? 'paused' : 'playing';
}
