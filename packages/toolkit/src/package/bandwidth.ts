/** A segment's size and duration, what bitrate calculations need. */
export interface SizedSegment {
  bytes: number;
  durationSeconds: number;
}

/** Total bits over total seconds: RFC 8216 §4.3.4.2 AVERAGE-BANDWIDTH. */
export function averageBitrate(segments: ReadonlyArray<SizedSegment>): number {
  let bytes = 0;
  let seconds = 0;
  for (const segment of segments) {
    bytes += segment.bytes;
    seconds += segment.durationSeconds;
  }
  return seconds > 0 ? Math.ceil((bytes * 8) / seconds) : 0;
}

/**
 * RFC 8216 §4.3.4.2 BANDWIDTH: the peak segment bit rate, i.e. the largest bit
 * rate of any contiguous set of segments whose total duration is between 0.5
 * and 1.5 times the target duration.
 */
export function peakSegmentBitrate(segments: ReadonlyArray<SizedSegment>, targetDurationSeconds: number): number {
  let peak = 0;
  for (let i = 0; i < segments.length; i++) {
    let bytes = 0;
    let seconds = 0;
    for (let j = i; j < segments.length; j++) {
      bytes += segments[j]!.bytes;
      seconds += segments[j]!.durationSeconds;
      if (seconds > 1.5 * targetDurationSeconds) break;
      if (seconds >= 0.5 * targetDurationSeconds && seconds > 0) peak = Math.max(peak, (bytes * 8) / seconds);
    }
  }
  // A title shorter than half a target duration has no qualifying set: use its average.
  return peak > 0 ? Math.ceil(peak) : averageBitrate(segments);
}

/**
 * ISO/IEC 23009-1 §5.3.5.2 @bandwidth: the smallest constant rate B at which,
 * starting at any segment and having buffered minBufferTime, every later
 * segment arrives before its presentation: for all i <= j,
 * 8 * bytes(i..j) <= B * (minBufferTime + start(j) - start(i)).
 */
export function dashBandwidth(segments: ReadonlyArray<SizedSegment>, minBufferTimeSeconds: number): number {
  let required = 0;
  for (let i = 0; i < segments.length; i++) {
    let bytes = 0;
    let sinceStart = 0;
    for (let j = i; j < segments.length; j++) {
      bytes += segments[j]!.bytes;
      required = Math.max(required, (bytes * 8) / (minBufferTimeSeconds + sinceStart));
      sinceStart += segments[j]!.durationSeconds;
    }
  }
  return Math.ceil(required);
}
