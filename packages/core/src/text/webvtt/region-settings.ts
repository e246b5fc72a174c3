import { parsePercentage } from './cue-settings';
import type { VttRegion } from './types';

/**
 * Parse a REGION block's settings (W3C WebVTT §6.2 "parse the WebVTT region settings"):
 * whitespace-separated `name:value` pairs over all its lines; invalid ones are skipped.
 */
export function parseRegionSettings(text: string, warn: (message: string) => void): VttRegion {
  const region: VttRegion = {
    id: '',
    width: 100,
    lines: 3,
    regionAnchorX: 0,
    regionAnchorY: 100,
    viewportAnchorX: 0,
    viewportAnchorY: 100,
    scroll: '',
  };
  const tokens = text.split(/[ \t\n\f\r]+/);
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (token === '') continue;
    const colon = token.indexOf(':');
    if (colon <= 0 || colon === token.length - 1) continue;
    const name = token.slice(0, colon);
    const value = token.slice(colon + 1);
    switch (name) {
      case 'id':
        region.id = value;
        break;
      case 'width': {
        const width = parsePercentage(value);
        if (width !== undefined) region.width = width;
        else warn('invalid region width: ' + value.slice(0, 40));
        break;
      }
      case 'lines':
        if (/^\d+$/.test(value) && isFinite(Number(value))) region.lines = Number(value);
        else warn('invalid region lines: ' + value.slice(0, 40));
        break;
      case 'regionanchor':
      case 'viewportanchor': {
        const anchor = parseAnchor(value);
        if (!anchor) warn('invalid ' + name + ': ' + value.slice(0, 40));
        else if (name === 'regionanchor') {
          region.regionAnchorX = anchor[0];
          region.regionAnchorY = anchor[1];
        } else {
          region.viewportAnchorX = anchor[0];
          region.viewportAnchorY = anchor[1];
        }
        break;
      }
      case 'scroll':
        if (value === 'up') region.scroll = 'up';
        else warn('invalid region scroll: ' + value.slice(0, 40));
        break;
      default:
        warn('unknown region setting: ' + name.slice(0, 40));
    }
  }
  return region;
}

/** `x%,y%` */
function parseAnchor(value: string): [number, number] | undefined {
  const comma = value.indexOf(',');
  if (comma === -1) return undefined;
  const x = parsePercentage(value.slice(0, comma));
  const y = parsePercentage(value.slice(comma + 1));
  return x === undefined || y === undefined ? undefined : [x, y];
}
