import type { TesseraError } from '../errors/tessera-error';
import type { TimeRange } from '../media/time-ranges';
import type { Presentation } from '../model/presentation';
import type { PlayerState } from './player-state';
import type { AudioTrackInfo, TextTrackInfo, VideoRepresentationInfo } from './player-tracks';
import type { PlayerStats } from './player-stats';

/** Every event the Player emits, with its payload. One map, one place. */
export interface PlayerEventMap {
  statechange: { state: PlayerState; previous: PlayerState };
  /** The manifest was parsed; tracks are known. */
  loaded: { presentation: Presentation };
  /** The first video frame was rendered after load (time from load() in ms). */
  firstframe: { timeSinceLoadMs: number; height: number };
  /** The engine started fetching another representation. */
  representationchange: {
    type: 'video' | 'audio';
    representation: VideoRepresentationInfo;
    previous?: VideoRepresentationInfo;
    /** 'startup:*', 'throughput', 'buffer-low', 'manual', 'abandon', ABR plugin reasons... */
    reason: string;
  };
  /** Buffered ranges changed (a segment was appended or evicted). */
  bufferupdate: { video: TimeRange[]; audio: TimeRange[]; aheadSeconds: number };
  /** Audio/text track list or selection changed. */
  trackschange: { audio: AudioTrackInfo[]; text: TextTrackInfo[] };
  /** A media segment was downloaded and appended. */
  segmentappended: { type: 'video' | 'audio'; representationId: string; startTime: number; endTime: number; bytes: number };
  /** A playback stall began ('start') or ended ('end'). Startup buffering is not a stall. */
  rebuffer: { phase: 'start' | 'end'; position: number; durationMs?: number };
  /** The playhead was moved over a gap or a stuck point. */
  playheadrecovery: { from: number; to: number; reason: 'gap' | 'stall' };
  seeking: { position: number };
  seeked: { position: number };
  ended: Record<string, never>;
  /** Recoverable errors (the player retries) and the fatal one that stops playback. */
  error: { error: TesseraError };
  /** Periodic stats snapshot (about once a second while loaded). */
  stats: PlayerStats;
}
