import type { VttCueSettings, VttRegion } from './types';

/**
 * Parse the settings after a cue's timings (W3C WebVTT §6.3 "parse the WebVTT cue
 * settings"): whitespace-separated `name:value` pairs; unknown names and invalid values
 * are skipped one by one, never failing the cue. `warn` receives a note for each skip.
 */
export function parseCueSettings(input: string, regions: readonly VttRegion[], warn: (message: string) => void): VttCueSettings {
  const settings: VttCueSettings = {};
  const tokens = input.split(/[ \t\n\f\r]+/);
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (token === '') continue;
    const colon = token.indexOf(':');
    if (colon <= 0 || colon === token.length - 1) {
      warn('cue setting without a value: ' + clip(token));
      continue;
    }
    const name = token.slice(0, colon);
    const value = token.slice(colon + 1);
    switch (name) {
      case 'region': {
        // The last region with that id (§6.3): only regions defined before the cue count.
        let found = false;
        for (let i = 0; i < regions.length; i++) if (regions[i].id === value) found = true;
        if (found) settings.region = value;
        else warn('cue refers to an undefined region: ' + clip(value));
        break;
      }
      case 'vertical':
        if (value === 'rl' || value === 'lr') settings.vertical = value;
        else warn('invalid vertical: ' + clip(value));
        break;
      case 'line':
        if (!applyLine(value, settings)) warn('invalid line: ' + clip(value));
        break;
      case 'position':
        if (!applyPosition(value, settings)) warn('invalid position: ' + clip(value));
        break;
      case 'size': {
        const size = parsePercentage(value);
        if (size === undefined) warn('invalid size: ' + clip(value));
        else settings.size = size;
        break;
      }
      case 'align':
        if (value === 'start' || value === 'center' || value === 'end' || value === 'left' || value === 'right') {
          settings.align = value;
        } else if (value === 'middle') {
          // Pre-2014 drafts; still produced by some tools.
          settings.align = 'center';
          warn('align:middle read as align:center');
        } else {
          warn('invalid align: ' + clip(value));
        }
        break;
      default:
        warn('unknown cue setting: ' + clip(name));
    }
  }
  return settings;
}

/** `line:<number|percentage>[,start|center|end]` (§6.3 step "line"). */
function applyLine(value: string, settings: VttCueSettings): boolean {
  const comma = value.indexOf(',');
  const linePosition = comma === -1 ? value : value.slice(0, comma);
  const lineAlign = comma === -1 ? undefined : value.slice(comma + 1);
  if (lineAlign !== undefined && lineAlign !== 'start' && lineAlign !== 'center' && lineAlign !== 'end') return false;
  let line: number | undefined;
  let snapToLines: boolean;
  if (linePosition.charAt(linePosition.length - 1) === '%') {
    line = parsePercentage(linePosition);
    snapToLines = false;
  } else {
    // Digits with an optional leading '-' and at most one '.' between digits.
    line = /^-?\d+(\.\d+)?$/.test(linePosition) ? Number(linePosition) : undefined;
    snapToLines = true;
  }
  if (line === undefined || !isFinite(line)) return false;
  settings.line = line;
  settings.snapToLines = snapToLines;
  if (lineAlign !== undefined) settings.lineAlign = lineAlign as VttCueSettings['lineAlign'];
  return true;
}

/** `position:<percentage>[,line-left|center|line-right]` (§6.3 step "position"). */
function applyPosition(value: string, settings: VttCueSettings): boolean {
  const comma = value.indexOf(',');
  const position = parsePercentage(comma === -1 ? value : value.slice(0, comma));
  const align = comma === -1 ? undefined : value.slice(comma + 1);
  if (position === undefined) return false;
  if (align !== undefined && align !== 'line-left' && align !== 'center' && align !== 'line-right') return false;
  settings.position = position;
  if (align !== undefined) settings.positionAlign = align as VttCueSettings['positionAlign'];
  return true;
}

/** A WebVTT percentage (§3.5): digits, optional fraction, '%', between 0 and 100. */
export function parsePercentage(value: string): number | undefined {
  if (!/^\d+(\.\d+)?%$/.test(value)) return undefined;
  const number = Number(value.slice(0, -1));
  return number >= 0 && number <= 100 ? number : undefined;
}

/** Keep warnings short whatever the input. */
export function clip(value: string): string {
  return value.length > 40 ? value.slice(0, 40) + '…' : value;
}
