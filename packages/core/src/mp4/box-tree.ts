import type { Box } from './box';
import { childrenOffset } from './children-offset';
import { fromHex } from './hex';
import { readBoxes } from './read-boxes';
import { concatBytes, writeBox } from './write-box';

/**
 * An editable box: parse a segment into nodes, change children (add senc/saiz/
 * saio, replace a trun), and serialize it back with every size recomputed.
 */
export interface BoxNode {
  type: string;
  /** Hex extended type of a 'uuid' box. */
  usertype?: string;
  /**
   * Bytes between the header and the first child: FullBox version/flags plus
   * fixed fields (stsd entry_count, sample-entry fields). For a leaf, the
   * whole payload. Views into the parsed data, not copies.
   */
  body: Uint8Array;
  /** Present for containers (possibly empty). */
  children?: BoxNode[];
}

/** A node for `box`, descending into known containers. */
export function toBoxNode(box: Box, parentType?: string): BoxNode {
  const offset = childrenOffset(box, parentType);
  const node: BoxNode = { type: box.type, body: box.data.subarray(box.payloadStart, box.end) };
  if (box.usertype !== undefined) node.usertype = box.usertype;
  if (offset >= 0 && box.payloadStart + offset <= box.end) {
    node.body = box.data.subarray(box.payloadStart, box.payloadStart + offset);
    node.children = readBoxes(box.data, box.payloadStart + offset, box.end).map((child) => toBoxNode(child, box.type));
  }
  return node;
}

/** Parses the top-level boxes of data[start, end) into nodes. */
export function parseBoxTree(data: Uint8Array, start = 0, end: number = data.length): BoxNode[] {
  return readBoxes(data, start, end).map((box) => toBoxNode(box));
}

/** Serializes one node (sizes recomputed, 64-bit when needed). */
export function serializeBox(node: BoxNode): Uint8Array {
  const parts: Uint8Array[] = [];
  if (node.type === 'uuid') {
    const usertype = node.usertype !== undefined ? fromHex(node.usertype) : undefined;
    parts.push(usertype && usertype.length === 16 ? usertype : new Uint8Array(16));
  }
  parts.push(node.body);
  if (node.children) for (const child of node.children) parts.push(serializeBox(child));
  return writeBox(node.type, parts);
}

/** Serializes sibling nodes back to back. */
export function serializeBoxes(nodes: ReadonlyArray<BoxNode>): Uint8Array {
  return concatBytes(nodes.map(serializeBox));
}

/** First child of `node` with `type`. */
export function childNode(node: BoxNode, type: string): BoxNode | undefined {
  return node.children?.find((child) => child.type === type);
}
