import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';

export interface LadderRung {
  height: number;
  /** Nominal video bitrate. */
  bitrateKbps: number;
}

export interface Rendition extends LadderRung {
  /** Representation ID and directory name under video/: '720p-2000k'. */
  id: string;
  width: number;
}

/** The seeds' H.264 ladder (240p to 1080p; 720p and 1080p at two bitrates each). */
export const DEFAULT_LADDER: ReadonlyArray<LadderRung> = [
  { height: 240, bitrateKbps: 300 },
  { height: 360, bitrateKbps: 600 },
  { height: 480, bitrateKbps: 1000 },
  { height: 720, bitrateKbps: 2000 },
  { height: 720, bitrateKbps: 3000 },
  { height: 1080, bitrateKbps: 5000 },
  { height: 1080, bitrateKbps: 8000 },
];

/** Parses `--ladder 240:300,360:600,...` (height:kbps). */
export function parseLadderOption(text: string): LadderRung[] {
  const rungs: LadderRung[] = [];
  for (const part of text.split(',')) {
    const match = /^\s*(\d+)p?\s*:\s*(\d+)k?\s*$/.exec(part);
    if (!match) throw new UserError(ExitCode.USAGE, `--ladder: '${part}' is not height:kbps (e.g. 720:2000)`);
    const height = Number(match[1]);
    const bitrateKbps = Number(match[2]);
    if (height < 64 || height > 4320 || height % 2 !== 0) throw new UserError(ExitCode.USAGE, `--ladder: height ${height} must be even, 64 to 4320`);
    if (bitrateKbps < 50 || bitrateKbps > 100000) throw new UserError(ExitCode.USAGE, `--ladder: bitrate ${bitrateKbps} kbps must be 50 to 100000`);
    rungs.push({ height, bitrateKbps });
  }
  if (rungs.length === 0) throw new UserError(ExitCode.USAGE, '--ladder: no rungs given');
  return rungs;
}

/** Nearest even number (H.264 4:2:0 needs even dimensions). */
function even(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}

/**
 * The rungs to encode for a source: those at or below the source height
 * (never upscale), widths keeping the source's display aspect ratio, sorted
 * by bitrate. A source smaller than every rung gets one rung at its own
 * height with the lowest bitrate.
 */
export function selectLadder(ladder: ReadonlyArray<LadderRung>, sourceWidth: number, sourceHeight: number): Rendition[] {
  const aspect = sourceWidth / sourceHeight;
  let rungs = ladder.filter((rung) => rung.height <= sourceHeight);
  if (rungs.length === 0) {
    const lowest = ladder.reduce((a, b) => (a.bitrateKbps <= b.bitrateKbps ? a : b));
    rungs = [{ height: even(sourceHeight), bitrateKbps: lowest.bitrateKbps }];
  }
  const seen = new Set<string>();
  const out: Rendition[] = [];
  for (const rung of rungs.slice().sort((a, b) => a.bitrateKbps - b.bitrateKbps || a.height - b.height)) {
    const id = `${rung.height}p-${rung.bitrateKbps}k`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ id, height: rung.height, bitrateKbps: rung.bitrateKbps, width: even(rung.height * aspect) });
  }
  return out;
}
