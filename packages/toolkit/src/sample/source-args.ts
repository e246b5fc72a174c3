import { SAMPLE_AUDIO, type SampleTitleSpec } from './sample-titles';

/** Keeps drawtext titles free of characters that need filtergraph escaping (ffmpeg-filters, "Notes on filtergraph escaping"). */
function drawtextLiteral(text: string): string {
  return text.replace(/[^A-Za-z0-9 ()._-]/g, '');
}

/**
 * ffmpeg arguments that synthesize a title's source: a moving testsrc2
 * pattern with light temporal noise (so encoded sizes are realistic, not
 * trivially compressible), a burned-in running timecode and title (drawtext,
 * or the font-free testsrc counter when drawtext is unavailable), INTRO /
 * CREDITS captions during the markers, and one sine tone per language
 * (beeping each second, to check A/V sync by ear).
 */
export function buildSourceArgs(spec: SampleTitleSpec, output: string, drawtext: boolean): string[] {
  const size = `${spec.width}x${spec.height}`;
  const d = spec.durationSeconds;
  const fontSize = Math.round(spec.height / 12);
  let video = drawtext
    ? `testsrc2=size=${size}:rate=${spec.fps}:duration=${d},hue=h=${spec.hue},noise=alls=3:allf=t`
    : `testsrc=size=${size}:rate=${spec.fps}:duration=${d},hue=h=${spec.hue},noise=alls=3:allf=t`;
  if (drawtext) {
    const box = `fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=${Math.round(fontSize / 4)}`;
    video += `,drawtext=text='%{pts\\:hms}':fontsize=${fontSize}:${box}:x=(w-tw)/2:y=h*0.72`;
    video += `,drawtext=text='${drawtextLiteral(spec.title)}':fontsize=${Math.round(fontSize * 0.6)}:${box}:x=(w-tw)/2:y=h*0.08`;
    if (spec.markers) {
      const m = spec.markers;
      video += `,drawtext=text='INTRO':fontsize=${fontSize}:${box}:x=(w-tw)/2:y=h*0.45:enable='between(t\\,${m.introStart}\\,${m.introEnd})'`;
      video += `,drawtext=text='CREDITS':fontsize=${fontSize}:${box}:x=(w-tw)/2:y=h*0.45:enable='gte(t\\,${m.creditsStart})'`;
    }
  }
  const args = ['-y', '-f', 'lavfi', '-i', video];
  for (const audio of SAMPLE_AUDIO) {
    args.push('-f', 'lavfi', '-i', `sine=frequency=${audio.frequencyHz}:beep_factor=4:sample_rate=48000:duration=${d}`);
  }
  args.push('-map', '0:v');
  SAMPLE_AUDIO.forEach((audio, i) => args.push('-map', `${i + 1}:a`, `-metadata:s:a:${i}`, `language=${audio.language}`));
  // A high-quality, fast intermediate: the sources are inputs to the ladder, not deliverables.
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '23', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '192k', '-movflags', '+faststart', '-t', String(d), output);
  return args;
}

/** A tiny drawtext run: does this ffmpeg build have drawtext with a usable font? */
export function drawtextProbeArgs(): string[] {
  return ['-f', 'lavfi', '-i', 'color=size=64x64:duration=0.1', '-vf', "drawtext=text='00\\:00':fontsize=12", '-f', 'null', '-'];
}
