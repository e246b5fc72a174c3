import type { Box } from './box';
import { childrenOffset } from './children-offset';
import { readBoxes } from './read-boxes';

/**
 * The children of a container box (empty for a leaf). Sample entries (avc1,
 * mp4a, encv...) are containers only inside 'stsd': pass parentType 'stsd'.
 * Throws MP4_INVALID on malformed children.
 */
export function childBoxes(box: Box, parentType?: string): Box[] {
  const offset = childrenOffset(box, parentType);
  if (offset < 0 || box.payloadStart + offset > box.end) return [];
  return readBoxes(box.data, box.payloadStart + offset, box.end);
}

/**
 * Every box at `path` ('moov/trak/mdia/minf/stbl/stsd'; '*' matches any type),
 * from the top level of `data`, or from the children of `within`.
 */
export function findBoxes(data: Uint8Array, path: string, within?: Box, withinParentType?: string): Box[] {
  const parts = path.split('/').filter((part) => part.length > 0);
  let current: Array<{ box: Box; parentType?: string }> = (within ? childBoxes(within, withinParentType) : readBoxes(data)).map(
    (box) => ({ box, parentType: within?.type }),
  );
  for (let depth = 0; depth < parts.length; depth++) {
    const want = parts[depth]!;
    const matched = current.filter((entry) => want === '*' || entry.box.type === want);
    if (depth === parts.length - 1) return matched.map((entry) => entry.box);
    current = [];
    for (const entry of matched) {
      for (const child of childBoxes(entry.box, entry.parentType)) current.push({ box: child, parentType: entry.box.type });
    }
  }
  return [];
}

/** The first box at `path`, or undefined. */
export function findBox(data: Uint8Array, path: string, within?: Box, withinParentType?: string): Box | undefined {
  return findBoxes(data, path, within, withinParentType)[0];
}
