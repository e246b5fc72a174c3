import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';
import { toBcp47Language } from './languages';

export interface SubtitleSource {
  /** BCP 47. */
  language: string;
  path: string;
}

/** Parses `--subtitles en:path.srt,fr:path.vtt`. */
export function parseSubtitlesOption(text: string): SubtitleSource[] {
  return text.split(',').filter((part) => part.trim() !== '').map((part) => {
    const colon = part.indexOf(':');
    const language = colon > 0 ? toBcp47Language(part.slice(0, colon)) : 'und';
    const path = part.slice(colon + 1).trim();
    if (colon <= 0 || language === 'und' || !path) throw new UserError(ExitCode.USAGE, `--subtitles: '${part}' is not lang:path (e.g. en:movie.en.srt)`);
    if (!/\.(srt|vtt)$/i.test(path)) throw new UserError(ExitCode.USAGE, `--subtitles: '${path}' is neither .srt nor .vtt`);
    return { language, path };
  });
}

/**
 * Sidecar subtitles next to the input: `<basename>.<lang>.vtt|srt`
 * (movie.mp4 -> movie.en.srt, movie.fr.vtt). A .vtt wins over an .srt of the same language.
 */
export function discoverSidecarSubtitles(input: string): SubtitleSource[] {
  const directory = dirname(input);
  const stem = basename(input, extname(input));
  if (!existsSync(directory)) return [];
  const found = new Map<string, SubtitleSource>();
  for (const name of readdirSync(directory).sort()) {
    if (!name.startsWith(stem + '.')) continue;
    const match = /^\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\.(vtt|srt)$/i.exec(name.slice(stem.length));
    if (!match) continue;
    const language = toBcp47Language(match[1]);
    if (language === 'und') continue;
    const existing = found.get(language);
    if (existing && existing.path.toLowerCase().endsWith('.vtt')) continue;
    found.set(language, { language, path: join(directory, name) });
  }
  return Array.from(found.values());
}

/** Explicit sources first; sidecars fill in languages not given explicitly. */
export function mergeSubtitleSources(explicit: ReadonlyArray<SubtitleSource>, sidecars: ReadonlyArray<SubtitleSource>): SubtitleSource[] {
  const out = explicit.slice();
  for (const sidecar of sidecars) if (!out.some((s) => s.language === sidecar.language)) out.push(sidecar);
  return out;
}
