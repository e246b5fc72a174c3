import { parsePercentage, readSettings } from './cue-settings';
import type { VttRegion } from './types';

/**
 * Parse a REGION block's settings (W3C WebVTT §6.2 "parse the WebVTT region settings"):
 * whitespace-separated `name:value` pairs over all its lines; invalid ones are skipped.
 */
export function parseRegionSettings(text: string, warn: (message: string) => void): VttRegion {
  const region: VttRegion = { id: '', width: 100, lines: 3, regionAnchorX: 0, regionAnchorY: 100, viewportAnchorX: 0, viewportAnchorY: 100, scroll: '' };
  readSettings(
    text,
    (name, value) => {
      switch (name) {
        case 'id':
          region.id = value;
          return true;
        case 'width': {
          const width = parsePercentage(value);
          if (width !== undefined) region.width = width;
          return width !== undefined;
        }
        case 'lines':
          if (!/^\d+$/.test(value) || !isFinite(+value)) return false;
          region.lines = +value;
          return true;
        case 'regionanchor':
        case 'viewportanchor': {
          // `x%,y%`
          const xy = value.split(',');
          const x = parsePercentage(xy[0]);
          const y = xy.length === 2 ? parsePercentage(xy[1]) : undefined;
          if (x === undefined || y === undefined) return false;
          if (name === 'regionanchor') {
            region.regionAnchorX = x;
            region.regionAnchorY = y;
          } else {
            region.viewportAnchorX = x;
            region.viewportAnchorY = y;
          }
          return true;
        }
        case 'scroll':
          if (value === 'up') region.scroll = 'up';
          return value === 'up';
      }
      return undefined;
    },
    warn,
    'region',
  );
  return region;
}
