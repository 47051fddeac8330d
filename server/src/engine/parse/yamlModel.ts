import { Composer, Parser, isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { Span } from '../types';

/** The format-agnostic value tree: every value knows its source span (absolute document offsets). */
export interface PScalar {
  kind: 'scalar';
  value: string | number | boolean | null;
  span: Span;
  yaml?: YamlNode;
}

export interface PEntry {
  key: string;
  keySpan: Span;
  value: PNode;
  yamlPair?: { key: YamlNode; value: YamlNode | null };
}

export interface PMap {
  kind: 'map';
  entries: PEntry[];
  span: Span;
  flow: boolean;
  yaml?: YamlNode;
}

export interface PSeq {
  kind: 'seq';
  items: PNode[];
  span: Span;
  flow: boolean;
  yaml?: YamlNode;
}

export type PNode = PScalar | PMap | PSeq;

export interface YamlSourceComment {
  text: string;
  span: Span;
}

export interface ParsedYaml {
  doc: Document.Parsed;
  /** Offset of the YAML text inside the whole file (non-zero for Markdown front matter). */
  base: number;
  root?: PNode;
  errors: { message: string; span: Span }[];
  comments: YamlSourceComment[];
  /** `kind: crypto-policy` at the root, read without expanding aliases (known even when the root is refused). */
  marker: boolean;
}

/** Aliases are shared, never copied; past this many expanded nodes a document is refused as an alias bomb. */
const MAX_EXPANDED_NODES = 100_000;

export function parseYaml(source: string, base: number): ParsedYaml {
  const parser = new Parser();
  const tokens = Array.from(parser.parse(source));
  const composer = new Composer({ prettyErrors: false, uniqueKeys: true, strict: true });
  const docs = Array.from(composer.compose(tokens, true, source.length)) as Document.Parsed[];
  const doc = docs[0];
  const errors: ParsedYaml['errors'] = [];
  for (const error of [...doc.errors, ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED')]) {
    errors.push({ message: error.message.split('\n')[0], span: { start: base + error.pos[0], end: base + Math.max(error.pos[1], error.pos[0]) } });
  }
  if (docs.length > 1) {
    const second = docs[1].range[0];
    errors.push({ message: 'Only one YAML document is expected in a policy; the documents after the first `---` are ignored.', span: { start: base + second, end: base + second } });
  }
  const comments: YamlSourceComment[] = [];
  collectComments(tokens, base, comments);

  const converter = new Converter(doc, base);
  let root: PNode | undefined;
  if (doc.contents) {
    const size = converter.expandedSize(doc.contents as YamlNode);
    if (size > MAX_EXPANDED_NODES) {
      const at = doc.contents.range ?? [0, 0, 0];
      errors.push({ message: `Aliases expand this document to more than ${MAX_EXPANDED_NODES.toLocaleString('en')} values (an alias bomb?); it is not checked further.`, span: { start: base + at[0], end: base + at[0] } });
    } else {
      root = converter.convert(doc.contents as YamlNode);
    }
  }
  const marker = isMap(doc.contents) && doc.get('kind') === 'crypto-policy';
  return { doc, base, root, errors, comments, marker };
}

function collectComments(token: unknown, base: number, out: YamlSourceComment[]): void {
  if (Array.isArray(token)) {
    for (const item of token) collectComments(item, base, out);
    return;
  }
  if (!token || typeof token !== 'object') return;
  const record = token as Record<string, unknown>;
  if (record.type === 'comment' && typeof record.source === 'string' && typeof record.offset === 'number') {
    out.push({ text: record.source.slice(1), span: { start: base + record.offset, end: base + record.offset + record.source.length } });
    return;
  }
  for (const key of ['start', 'end', 'items', 'key', 'sep', 'value', 'props']) {
    if (key in record) collectComments(record[key], base, out);
  }
}

class Converter {
  private readonly converted = new Map<YamlNode, PNode>();
  private readonly sizes = new Map<YamlNode, number>();

  constructor(private readonly doc: Document.Parsed, private readonly base: number) {}

  expandedSize(node: YamlNode, depth = 0): number {
    const cached = this.sizes.get(node);
    if (cached !== undefined) return cached;
    let size = 1;
    if (depth > 1000) return MAX_EXPANDED_NODES + 1;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      size = target ? this.expandedSize(target as YamlNode, depth + 1) : 1;
    } else if (isMap(node)) {
      for (const pair of node.items) {
        if (pair.value) size += this.expandedSize(pair.value as YamlNode, depth + 1);
        if (size > MAX_EXPANDED_NODES) break;
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        size += this.expandedSize(item as YamlNode, depth + 1);
        if (size > MAX_EXPANDED_NODES) break;
      }
    }
    this.sizes.set(node, size);
    return size;
  }

  convert(node: YamlNode): PNode {
    const done = this.converted.get(node);
    if (done) return done;
    if (isAlias(node)) {
      const target = node.resolve(this.doc) as YamlNode | undefined;
      const resolved = target ? this.convert(target) : { kind: 'scalar' as const, value: null, span: this.span(node) };
      this.converted.set(node, resolved);
      return resolved;
    }
    if (isMap(node)) {
      const map: PMap = { kind: 'map', entries: [], span: this.span(node), flow: Boolean(node.flow), yaml: node };
      this.converted.set(node, map);
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        if (!keyNode || !isScalar(keyNode)) continue;
        const keySpan = this.span(keyNode);
        const valueNode = pair.value as YamlNode | null;
        const value: PNode = valueNode
          ? this.convert(valueNode)
          : { kind: 'scalar', value: null, span: { start: keySpan.end, end: keySpan.end } };
        map.entries.push({ key: String(keyNode.value), keySpan, value, yamlPair: { key: keyNode, value: valueNode } });
      }
      return map;
    }
    if (isSeq(node)) {
      const seq: PSeq = { kind: 'seq', items: [], span: this.span(node), flow: Boolean(node.flow), yaml: node };
      this.converted.set(node, seq);
      for (const item of node.items) seq.items.push(this.convert(item as YamlNode));
      return seq;
    }
    const scalarValue = isScalar(node) ? node.value : null;
    const value = typeof scalarValue === 'string' || typeof scalarValue === 'number' || typeof scalarValue === 'boolean' ? scalarValue
      : scalarValue === null || scalarValue === undefined ? null : String(scalarValue);
    const scalar: PScalar = { kind: 'scalar', value, span: this.span(node), yaml: node };
    this.converted.set(node, scalar);
    return scalar;
  }

  private span(node: YamlNode): Span {
    const range = node.range;
    if (!range) return { start: this.base, end: this.base };
    return { start: this.base + range[0], end: this.base + range[1] };
  }
}

/** Entry of a map by key (first one wins, as YAML readers do). */
export function entryOf(map: PNode | undefined, key: string): PEntry | undefined {
  if (!map || map.kind !== 'map') return undefined;
  return map.entries.find((entry) => entry.key === key);
}

export function valueOf(map: PNode | undefined, key: string): PNode | undefined {
  return entryOf(map, key)?.value;
}

/** Plain JSON-like value for JSON Schema validation; own properties only, so `__proto__` keys stay data. */
export function toPlain(node: PNode, seen = new Map<PNode, unknown>()): unknown {
  const done = seen.get(node);
  if (done !== undefined) return done;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') {
    const list: unknown[] = [];
    seen.set(node, list);
    for (const item of node.items) list.push(toPlain(item, seen));
    return list;
  }
  const object: Record<string, unknown> = {};
  seen.set(node, object);
  for (const entry of node.entries) {
    if (Object.prototype.hasOwnProperty.call(object, entry.key)) continue;
    Object.defineProperty(object, entry.key, { value: toPlain(entry.value, seen), enumerable: true, writable: true, configurable: true });
  }
  return object;
}

/** Walks a JSON pointer (as ajv reports it) down the tree; returns the deepest node reached and the entry if the last step was a key. */
export function nodeAtPointer(root: PNode, pointer: string): { node: PNode; entry?: PEntry } {
  let node = root;
  let entry: PEntry | undefined;
  if (!pointer) return { node };
  for (const raw of pointer.split('/').slice(1)) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node.kind === 'map') {
      const next = entryOf(node, step);
      if (!next) break;
      entry = next;
      node = next.value;
    } else if (node.kind === 'seq') {
      const next = node.items[Number(step)];
      if (!next) break;
      entry = undefined;
      node = next;
    } else {
      break;
    }
  }
  return { node, entry };
}
