import {
  findBox, parseInitSegment, parseTrackExtends, readBoxes, readFragments, writeMediaSegment,
  type FragmentSample, type InitTrack,
} from '@tessera/core/mp4';

/** Where media segments start. */
export type CutRule =
  /** Video: at each sync sample (closed-GOP IDR) at or after the next multiple of targetSeconds (within half a frame). */
  | { kind: 'sync'; targetSeconds: number }
  /** Audio: at the sample whose start is nearest each given time (the video segment starts), as AAC frames allow. */
  | { kind: 'times'; boundariesSeconds: ReadonlyArray<number> };

export interface SplitSegment {
  /** 1-based segment number ($Number$, HLS media sequence). */
  number: number;
  /** styp + moof + mdat. */
  bytes: Uint8Array;
  /** tfdt, in the track timescale. */
  decodeTime: number;
  /** Earliest presentation time (decode time + composition offset), track timescale; $Time$ and S@t. */
  presentationTime: number;
  /** Sum of sample durations, track timescale. */
  duration: number;
  startsWithSync: boolean;
  sampleCount: number;
}

export interface SplitResult {
  /** ftyp + moov. */
  init: Uint8Array;
  track: InitTrack;
  segments: SplitSegment[];
}

/** DASH media segment brand (ISO/IEC 23009-1 §6.3.4.2); CMAF segments may carry it in styp. */
const STYP = { majorBrand: 'msdh', compatibleBrands: ['msdh'] };

/**
 * Splits a single-track fragmented MP4 (as ffmpeg writes it, however it
 * fragmented) into a CMAF header (ftyp+moov) and media segments that we
 * rebuild ourselves, one moof+mdat per segment, cut by `rule`.
 */
export function splitFragmentedMp4(file: Uint8Array, rule: CutRule): SplitResult {
  const top = readBoxes(file);
  const ftyp = top.find((box) => box.type === 'ftyp');
  const moov = top.find((box) => box.type === 'moov');
  if (!ftyp || !moov || !findBox(file, 'mvex', moov)) throw new Error('encoder output is not a fragmented MP4 (no ftyp/moov/mvex)');
  const init = new Uint8Array(ftyp.size + moov.size);
  init.set(file.subarray(ftyp.start, ftyp.end), 0);
  init.set(file.subarray(moov.start, moov.end), ftyp.size);
  const tracks = parseInitSegment(init).tracks;
  if (tracks.length !== 1) throw new Error(`expected one track per encoder output, found ${tracks.length}`);
  const track = tracks[0]!;
  const samples: FragmentSample[] = [];
  for (const fragment of readFragments(file, parseTrackExtends(init))) {
    if (fragment.trackId === track.trackId) for (const sample of fragment.samples) samples.push(sample);
  }
  const groups = groupSamples(samples, track.timescale, rule);
  const segments = groups.map((group, i) => buildSegment(file, track, group, i + 1));
  return { init, track, segments };
}

/** Pure: partitions samples into segments by the cut rule. */
export function groupSamples(samples: ReadonlyArray<FragmentSample>, timescale: number, rule: CutRule): FragmentSample[][] {
  const groups: FragmentSample[][] = [];
  let current: FragmentSample[] = [];
  let boundaryIndex = 0;
  const boundaries = rule.kind === 'times' ? rule.boundariesSeconds.filter((t) => t > 0).slice().sort((a, b) => a - b) : [];
  let nextCut = rule.kind === 'sync' ? rule.targetSeconds : boundaries[0] ?? Infinity;
  for (const sample of samples) {
    const start = (sample.decodeTime + (rule.kind === 'sync' ? sample.compositionTimeOffset : 0)) / timescale;
    const half = sample.duration / timescale / 2;
    let cut = false;
    if (current.length > 0 && start >= nextCut - half && (rule.kind === 'times' || sample.isSync)) {
      cut = true;
      if (rule.kind === 'sync') {
        while (nextCut - half <= start) nextCut += rule.targetSeconds;
      } else {
        while (boundaryIndex < boundaries.length && boundaries[boundaryIndex]! - half <= start) boundaryIndex++;
        nextCut = boundaries[boundaryIndex] ?? Infinity;
      }
    }
    if (cut) {
      groups.push(current);
      current = [];
    }
    current.push(sample);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function buildSegment(file: Uint8Array, track: InitTrack, group: FragmentSample[], number: number): SplitSegment {
  const first = group[0]!;
  let duration = 0;
  let presentationTime = Infinity;
  for (const sample of group) {
    duration += sample.duration;
    presentationTime = Math.min(presentationTime, sample.decodeTime + sample.compositionTimeOffset);
  }
  const bytes = writeMediaSegment({
    sequenceNumber: number,
    styp: STYP,
    tracks: [{
      trackId: track.trackId,
      baseMediaDecodeTime: first.decodeTime,
      samples: group.map((s) => ({ duration: s.duration, size: s.size, flags: s.flags, compositionTimeOffset: s.compositionTimeOffset })),
      sampleData: group.map((s) => file.subarray(s.offset, s.offset + s.size)),
    }],
  });
  return { number, bytes, decodeTime: first.decodeTime, presentationTime, duration, startsWithSync: first.isSync, sampleCount: group.length };
}
