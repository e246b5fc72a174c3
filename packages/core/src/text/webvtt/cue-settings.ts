import type { VttCueSettings, VttRegion } from './types';

/**
 * Whitespace-separated `name:value` settings (W3C WebVTT §6.2 regions, §6.3 cues).
 * `apply` returns false for an invalid value and undefined for an unknown name; either
 * way that setting alone is skipped, with a note to `warn`.
 */
export function readSettings(input: string, apply: (name: string, value: string) => boolean | undefined, warn: (message: string) => void, what: string): void {
  const tokens = input.split(/[ \t\n\f\r]+/);
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    const colon = token.indexOf(':');
    if (token === '') continue;
    if (colon <= 0 || colon === token.length - 1) {
      // Only cues report these: a region block is read as a whole.
      if (what === 'cue') warn('cue setting without a value: ' + clip(token));
      continue;
    }
    const name = token.slice(0, colon);
    const value = token.slice(colon + 1);
    const ok = apply(name, value);
    if (ok === undefined) warn('unknown ' + what + ' setting: ' + clip(name));
    else if (!ok) warn('invalid ' + name + ': ' + clip(value));
  }
}

/**
 * Parse the settings after a cue's timings (W3C WebVTT §6.3 "parse the WebVTT cue
 * settings"); unknown names and invalid values are skipped one by one, never failing the cue.
 */
export function parseCueSettings(input: string, regions: readonly VttRegion[], warn: (message: string) => void): VttCueSettings {
  const settings: VttCueSettings = {};
  readSettings(
    input,
    (name, value) => {
      switch (name) {
        case 'region':
          // Only regions defined before the cue count (§6.3).
          if (regions.some((region) => region.id === value)) settings.region = value;
          else warn('cue refers to an undefined region: ' + clip(value));
          return true;
        case 'vertical':
          if (!oneOf(value, ['rl', 'lr'])) return false;
          settings.vertical = value as VttCueSettings['vertical'];
          return true;
        case 'line':
          return applyLine(value, settings);
        case 'position': {
          // `<percentage>[,line-left|center|line-right]`
          const parts = value.split(',');
          const position = parsePercentage(parts[0]);
          if (position === undefined || parts.length > 2 || (parts.length > 1 && !oneOf(parts[1], ['line-left', 'center', 'line-right']))) return false;
          settings.position = position;
          if (parts.length > 1) settings.positionAlign = parts[1] as VttCueSettings['positionAlign'];
          return true;
        }
        case 'size': {
          const size = parsePercentage(value);
          if (size === undefined) return false;
          settings.size = size;
          return true;
        }
        case 'align':
          if (value === 'middle') {
            // Pre-2014 drafts; still produced by some tools.
            warn('align:middle read as align:center');
            value = 'center';
          }
          if (!oneOf(value, ['start', 'center', 'end', 'left', 'right'])) return false;
          settings.align = value as VttCueSettings['align'];
          return true;
      }
      return undefined;
    },
    warn,
    'cue',
  );
  return settings;
}

/** `line:<number|percentage>[,start|center|end]` (§6.3 step "line"). */
function applyLine(value: string, settings: VttCueSettings): boolean {
  const comma = value.indexOf(',');
  const linePosition = comma === -1 ? value : value.slice(0, comma);
  const lineAlign = comma === -1 ? undefined : value.slice(comma + 1);
  if (lineAlign !== undefined && !oneOf(lineAlign, ['start', 'center', 'end'])) return false;
  const percent = linePosition.charAt(linePosition.length - 1) === '%';
  // A line number: digits with an optional leading '-' and at most one '.' between digits.
  const line = percent ? parsePercentage(linePosition) : /^-?\d+(\.\d+)?$/.test(linePosition) ? Number(linePosition) : undefined;
  if (line === undefined || !isFinite(line)) return false;
  settings.line = line;
  settings.snapToLines = !percent;
  if (lineAlign !== undefined) settings.lineAlign = lineAlign as VttCueSettings['lineAlign'];
  return true;
}

function oneOf(value: string, allowed: string[]): boolean {
  return allowed.indexOf(value) >= 0;
}

/** A WebVTT percentage (§3.5): digits, optional fraction, '%', between 0 and 100. */
export function parsePercentage(value: string): number | undefined {
  const number = /^\d+(\.\d+)?%$/.test(value) ? Number(value.slice(0, -1)) : NaN;
  return number >= 0 && number <= 100 ? number : undefined;
}

/** Keep warnings short whatever the input. */
export function clip(value: string): string {
  return value.length > 40 ? value.slice(0, 40) + '…' : value;
}
