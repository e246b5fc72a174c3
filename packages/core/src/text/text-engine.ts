import type { Representation, Segment, SwitchingSet } from '../model/presentation';
import { parseWebVtt } from './webvtt';

export interface TextEngineOptions {
  media: HTMLMediaElement;
  fetchText(urls: string[]): Promise<string>;
  segmentsOf(representation: Representation): Promise<readonly Segment[]>;
  /** Timeline offset of an HLS discontinuity (from the media), for X-TIMESTAMP-MAP. */
  offsetFor(discontinuity: number): number | undefined;
  onError(error: unknown): void;
}

interface TrackState {
  track: TextTrack;
  loaded: Promise<void> | undefined;
}

/** Tracks created per media element are reused across loads (addTextTrack cannot be undone). */
const trackPool = new WeakMap<HTMLMediaElement, Array<{ key: string; track: TextTrack }>>();

/**
 * WebVTT subtitles (sidecar files or HLS/DASH segmented) rendered by the browser as
 * TextTrack cues. Cues load when a track is selected.
 */
export class TextEngine {
  private readonly tracks = new Map<SwitchingSet, TrackState>();
  private selected: SwitchingSet | undefined;
  private destroyed = false;

  constructor(private readonly options: TextEngineOptions) {}

  get selectedSet(): SwitchingSet | undefined {
    return this.selected;
  }

  select(set: SwitchingSet | undefined): void {
    this.selected = set;
    for (const [candidate, state] of this.tracks) if (candidate !== set) state.track.mode = 'disabled';
    if (!set) return;
    const state = this.stateFor(set);
    state.track.mode = 'showing';
    if (!state.loaded) {
      state.loaded = this.loadCues(set, state.track).catch((error: unknown) => {
        state.loaded = undefined;
        if (!this.destroyed) this.options.onError(error);
      });
    }
  }

  destroy(): void {
    this.destroyed = true;
    for (const state of this.tracks.values()) {
      state.track.mode = 'disabled';
      clearCues(state.track);
    }
    this.tracks.clear();
  }

  private stateFor(set: SwitchingSet): TrackState {
    let state = this.tracks.get(set);
    if (!state) {
      const key = `${set.language ?? ''}|${set.label ?? ''}|${set.roles.join(',')}`;
      const pool = trackPool.get(this.options.media) ?? [];
      trackPool.set(this.options.media, pool);
      const used = new Set(Array.from(this.tracks.values()).map((s) => s.track));
      let entry = pool.find((p) => p.key === key && !used.has(p.track));
      if (!entry) {
        const kind = set.roles.indexOf('caption') >= 0 ? 'captions' : 'subtitles';
        entry = { key, track: this.options.media.addTextTrack(kind, set.label ?? set.language ?? 'Subtitles', set.language ?? '') };
        pool.push(entry);
      }
      clearCues(entry.track);
      state = { track: entry.track, loaded: undefined };
      this.tracks.set(set, state);
    }
    return state;
  }

  private async loadCues(set: SwitchingSet, track: TextTrack): Promise<void> {
    const representation = set.representations[0];
    if (!representation) return;
    const segments = await this.options.segmentsOf(representation);
    // Subtitle files are small: fetch a few at a time, add cues as each arrives.
    const queue = segments.slice();
    const worker = async (): Promise<void> => {
      for (let segment = queue.shift(); segment && !this.destroyed; segment = queue.shift()) {
        const text = await this.options.fetchText(segment.urls);
        if (this.destroyed) return;
        const parsed = parseWebVtt(text, { url: segment.urls[0] });
        let shift = 0;
        if (parsed.timestampMap) {
          // HLS (RFC 8216 §3.5): cue time LOCAL maps to media time MPEGTS (90 kHz).
          shift = parsed.timestampMap.mpegts / 90000 - parsed.timestampMap.local + (this.options.offsetFor(segment.discontinuity) ?? 0);
        } else if (segment.timestampOffset !== undefined) {
          shift = segment.timestampOffset;
        }
        for (const cue of parsed.cues) addCue(track, cue.startTime + shift, cue.endTime + shift, cue.text, cue.id);
      }
    };
    await Promise.all([worker(), worker(), worker()]);
  }
}

function addCue(track: TextTrack, start: number, end: number, text: string, id?: string): void {
  const w = window as unknown as { VTTCue?: new (s: number, e: number, t: string) => TextTrackCue; TextTrackCue?: new (s: number, e: number, t: string) => TextTrackCue };
  const Cue = w.VTTCue ?? w.TextTrackCue;
  if (!Cue || !(end > start)) return;
  const cue = new Cue(start, end, text);
  if (id) cue.id = id;
  track.addCue(cue);
}

function clearCues(track: TextTrack): void {
  const previousMode = track.mode;
  // cues is null while disabled.
  if (track.mode === 'disabled') track.mode = 'hidden';
  const cues = track.cues;
  if (cues) for (let i = cues.length - 1; i >= 0; i--) track.removeCue(cues[i]!);
  track.mode = previousMode;
}
