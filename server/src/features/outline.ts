import { MAX_NESTING_DEPTH } from '../engine/parse/limits';
import type { PMap, PNode } from '../engine/parse/yamlModel';
import type { Span } from '../engine/types';

/**
 * A value tree (the YAML root or front matter) as the editor features read it, and no more: its nodes' kinds and
 * spans, its maps' keys and key spans, and the values of the root's scalars (the outline shows them). The worker
 * builds it in two typed arrays, handed over to the main thread without copying; a node shared through YAML aliases
 * is kept once, as in the tree. A 5k-line policy's tree is ~7,000 objects; its outline is two arrays of ~120 KB.
 */
export interface KeyOutline {
  /** Per node NODE_FIELDS numbers: kind (MAP, SEQ, SCALAR), span start, span end, first edge, edge count. Node 0 is the root. */
  nodes: Int32Array;
  /** Per edge EDGE_FIELDS numbers: key (an index into `keys`; -1 for a list item), key start, key end, child node. */
  edges: Int32Array;
  keys: string[];
  /** The values of the root's scalar entries as text (String(value)), by entry; null for an empty value or a collection. */
  rootValues: (string | null)[];
}

export type NodeKind = 'map' | 'seq' | 'scalar';

const KINDS: NodeKind[] = ['map', 'seq', 'scalar'];
const NODE_FIELDS = 5;
const EDGE_FIELDS = 4;

/** In the worker: the outline of a value tree. */
export function keyOutline(root: PMap): KeyOutline {
  const ids = new Map<PNode, number>();
  const order: PNode[] = [];
  const keys: string[] = [];
  const keyIds = new Map<string, number>();
  const id = (node: PNode) => {
    let known = ids.get(node);
    if (known === undefined) {
      known = order.push(node) - 1;
      ids.set(node, known);
    }
    return known;
  };
  id(root);
  // Breadth first: every node gets its id when first met, then its children theirs, in document order.
  let edgeCount = 0;
  for (let index = 0; index < order.length; index++) {
    const node = order[index];
    if (node.kind === 'map') for (const entry of node.entries) id(entry.value);
    else if (node.kind === 'seq') node.items.forEach(id);
    edgeCount += node.kind === 'map' ? node.entries.length : node.kind === 'seq' ? node.items.length : 0;
  }
  const nodes = new Int32Array(order.length * NODE_FIELDS);
  const edges = new Int32Array(edgeCount * EDGE_FIELDS);
  let edge = 0;
  const put = (key: number, keySpan: Span, child: PNode) => {
    const at = edge++ * EDGE_FIELDS;
    edges[at] = key;
    edges[at + 1] = keySpan.start;
    edges[at + 2] = keySpan.end;
    edges[at + 3] = ids.get(child)!;
  };
  order.forEach((node, index) => {
    const at = index * NODE_FIELDS;
    nodes[at] = KINDS.indexOf(node.kind);
    nodes[at + 1] = node.span.start;
    nodes[at + 2] = node.span.end;
    nodes[at + 3] = edge;
    nodes[at + 4] = node.kind === 'map' ? node.entries.length : node.kind === 'seq' ? node.items.length : 0;
    if (node.kind === 'map') {
      for (const entry of node.entries) {
        let key = keyIds.get(entry.key);
        if (key === undefined) keyIds.set(entry.key, (key = keys.push(entry.key) - 1));
        put(key, entry.keySpan, entry.value);
      }
    } else if (node.kind === 'seq') {
      for (const item of node.items) put(-1, item.span, item);
    }
  });
  const rootValues = root.entries.map((entry) => (entry.value.kind === 'scalar' && entry.value.value !== null ? String(entry.value.value) : null));
  return { nodes, edges, keys, rootValues };
}

/** A map entry as the features read it. */
export interface OutlineEntry {
  key: string;
  keySpan: Span;
  /** The span of its value. */
  value: Span;
  kind: NodeKind;
  /** For a root entry whose value is a scalar (not empty): the value as text. */
  text?: string;
}

function kindOf(outline: KeyOutline, node: number): NodeKind {
  return KINDS[outline.nodes[node * NODE_FIELDS]];
}

function spanOf(outline: KeyOutline, node: number): Span {
  return { start: outline.nodes[node * NODE_FIELDS + 1], end: outline.nodes[node * NODE_FIELDS + 2] };
}

/** The edges (entries or items) of a node, in document order. */
function* edgesOf(outline: KeyOutline, node: number): Generator<{ key: number; keySpan: Span; child: number }> {
  const first = outline.nodes[node * NODE_FIELDS + 3];
  const count = outline.nodes[node * NODE_FIELDS + 4];
  for (let edge = first; edge < first + count; edge++) {
    const at = edge * EDGE_FIELDS;
    yield { key: outline.edges[at], keySpan: { start: outline.edges[at + 1], end: outline.edges[at + 2] }, child: outline.edges[at + 3] };
  }
}

function entry(outline: KeyOutline, key: number, keySpan: Span, child: number): OutlineEntry {
  return { key: outline.keys[key], keySpan, value: spanOf(outline, child), kind: kindOf(outline, child) };
}

/** The root's entries, in document order. */
export function rootEntries(outline: KeyOutline): OutlineEntry[] {
  return [...edgesOf(outline, 0)].map((edge, index) => {
    const text = outline.rootValues[index];
    return { ...entry(outline, edge.key, edge.keySpan, edge.child), ...(text !== null ? { text } : {}) };
  });
}

/** The map node at a key path from the root (the first entry of a key wins, as YAML readers do), if there is one. */
function mapAt(outline: KeyOutline, path: string[]): number | undefined {
  let node = 0;
  for (const step of path) {
    if (kindOf(outline, node) !== 'map') return undefined;
    let next: number | undefined;
    for (const edge of edgesOf(outline, node)) {
      if (outline.keys[edge.key] === step) {
        next = edge.child;
        break;
      }
    }
    if (next === undefined) return undefined;
    node = next;
  }
  return kindOf(outline, node) === 'map' ? node : undefined;
}

/** The keys of the map at a key path (empty when the path leads to no map). */
export function keysAt(outline: KeyOutline, path: string[]): string[] {
  const node = mapAt(outline, path);
  return node === undefined ? [] : [...edgesOf(outline, node)].map((edge) => outline.keys[edge.key]);
}

/** The first root entry with this key. */
export function rootEntry(outline: KeyOutline, key: string): OutlineEntry | undefined {
  return rootEntries(outline).find((candidate) => candidate.key === key);
}

/**
 * The innermost map entry whose key or value contains the offset, with its key path: descending from the root into
 * the first entry (or list item) that contains it, as the engine's `entryAt` does on the tree.
 */
export function entryAt(outline: KeyOutline, offset: number): { path: string[]; entry: OutlineEntry } | undefined {
  const within = (span: Span) => offset >= span.start && offset <= span.end;
  let found: { path: string[]; entry: OutlineEntry } | undefined;
  let node = 0;
  const path: string[] = [];
  // Each step goes one level down; a shared node is measured in the tree's depth, so the limit stops no real tree.
  for (let depth = 0; depth <= 2 * MAX_NESTING_DEPTH + 2; depth++) {
    const kind = kindOf(outline, node);
    let next: number | undefined;
    if (kind === 'seq') {
      for (const edge of edgesOf(outline, node)) {
        if (!within(spanOf(outline, edge.child))) continue;
        next = edge.child;
        break;
      }
    } else if (kind === 'map') {
      for (const edge of edgesOf(outline, node)) {
        const value = spanOf(outline, edge.child);
        if (offset < edge.keySpan.start || offset > Math.max(edge.keySpan.end, value.end)) continue;
        path.push(outline.keys[edge.key]);
        found = { path: [...path], entry: entry(outline, edge.key, edge.keySpan, edge.child) };
        // A scalar's entry is the answer; a collection's is, unless one of its own entries holds the offset.
        next = kindOf(outline, edge.child) === 'scalar' ? undefined : edge.child;
        break;
      }
    }
    if (next === undefined) return found;
    node = next;
  }
  return found;
}
