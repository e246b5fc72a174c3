function srtTime(totalSeconds: number): string {
  const ms = Math.round(totalSeconds * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(ms / 3600000))}:${two(Math.floor(ms / 60000) % 60)}:${two(Math.floor(ms / 1000) % 60)},${String(ms % 1000).padStart(3, '0')}`;
}

function clock(totalSeconds: number): string {
  return srtTime(totalSeconds).slice(0, 8);
}

/**
 * An English SubRip file whose cues say when they appear ("Subtitle at
 * 00:00:12"), one every `everySeconds`, each shown for `showSeconds`: a
 * viewer (or a test) can check subtitle sync against the burned-in timecode.
 */
export function buildTimecodeSrt(durationSeconds: number, everySeconds = 4, showSeconds = 2.5): string {
  const cues: string[] = [];
  let index = 1;
  for (let start = 1; start + 0.5 < durationSeconds; start += everySeconds) {
    const end = Math.min(start + showSeconds, durationSeconds);
    cues.push(`${index++}\n${srtTime(start)} --> ${srtTime(end)}\nSubtitle at ${clock(start)}\n`);
  }
  return cues.join('\n');
}
