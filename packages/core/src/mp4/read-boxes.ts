import type { Box } from './box';
import { readBoxHeader } from './read-box-header';

/**
 * Visits the sibling boxes in data[start, end) in order. `visit` returning true
 * stops the walk early, so a caller can find a box before a truncated tail.
 * Terminates on any input: every header is at least 8 bytes.
 */
export function scanBoxes(data: Uint8Array, visit: (box: Box) => boolean | void, start = 0, end: number = data.length): void {
  let offset = start;
  while (offset < end) {
    const box = readBoxHeader(data, offset, end);
    if (visit(box) === true) return;
    offset = box.end;
  }
}

/** All sibling boxes in data[start, end). Throws MP4_INVALID on a malformed or truncated box. */
export function readBoxes(data: Uint8Array, start = 0, end: number = data.length): Box[] {
  const boxes: Box[] = [];
  scanBoxes(data, (box) => {
    boxes.push(box);
  }, start, end);
  return boxes;
}
