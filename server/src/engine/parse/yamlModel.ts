import { Composer, CST, Lexer, Parser, isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { Span } from '../types';
import { depthRefusal, MAX_ALIAS_EXPANSION, MAX_NESTING_DEPTH, YAML_TOKENS_PER_CHECKPOINT, type Checkpoint } from './limits';
import { parserText } from './text';

/** The format-agnostic value tree: every value knows its source span (absolute document offsets). */
export interface PScalar {
  kind: 'scalar';
  value: string | number | boolean | null;
  span: Span;
}

export interface PEntry {
  key: string;
  keySpan: Span;
  value: PNode;
}

export interface PMap {
  kind: 'map';
  entries: PEntry[];
  span: Span;
  flow: boolean;
}

export interface PSeq {
  kind: 'seq';
  items: PNode[];
  span: Span;
  flow: boolean;
}

export type PNode = PScalar | PMap | PSeq;

export interface YamlSourceComment {
  text: string;
  span: Span;
}

/** What the engine keeps of a parse: the value tree and what was read on the way (the `yaml` Document is dropped). */
export interface ParsedYaml {
  /** Offset of the YAML text inside the whole file (non-zero for Markdown front matter, or after a BOM). */
  base: number;
  root?: PNode;
  errors: { message: string; span: Span }[];
  comments: YamlSourceComment[];
  /** `kind: crypto-policy` at the root, read from the token stream (known even when the root is refused). */
  marker: boolean;
}

/**
 * Parses YAML text that starts at document offset `base`. Lone CRs count as line ends (as the line index counts
 * them). Depth is measured on the token stream before the composer (which recurses) sees it, and again through
 * aliases before the value tree is built; beyond the limits the document is refused with an error, never a crash.
 */
export function parseYaml(source: string, base: number, checkpoint?: Checkpoint): ParsedYaml {
  const text = parserText(source);
  const tokens = cstTokens(text, checkpoint);
  const scan = scanTokens(tokens, base);
  const marker = cstMarker(tokens);
  // Past the end is left to the one place findings are finished (it knows the whole document).
  const clamp = (offset: number) => base + Math.max(0, offset);
  if (scan.tooDeepAt !== undefined) {
    return { base, errors: [{ message: depthRefusal(), span: { start: scan.tooDeepAt, end: scan.tooDeepAt } }], comments: scan.comments, marker };
  }
  const composer = new Composer({ prettyErrors: false, uniqueKeys: true, strict: true });
  const docs = Array.from(composer.compose(tokens, true, text.length)) as Document.Parsed[];
  const doc = docs[0];
  const errors: ParsedYaml['errors'] = [];
  for (const error of [...doc.errors, ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED')]) {
    const start = clamp(error.pos[0]);
    errors.push({ message: error.message.split('\n')[0], span: { start, end: Math.max(start, clamp(error.pos[1])) } });
  }
  if (docs.length > 1) {
    const second = clamp(docs[1].range[0]);
    errors.push({ message: 'Only one YAML document is expected in a policy; the documents after the first `---` are ignored.', span: { start: second, end: second } });
  }

  let root: PNode | undefined;
  if (doc.contents) {
    // Without aliases the tree is the token tree: its depth is checked, no node is shared, nothing can cycle.
    const graph = scan.aliases ? new AliasGraph(doc.contents as YamlNode) : undefined;
    const refusal = graph?.refusal();
    if (refusal) {
      const at = clamp(doc.contents.range?.[0] ?? 0);
      errors.push({ message: refusal, span: { start: at, end: at } });
    } else {
      root = new Converter(graph, base).convert(doc.contents as YamlNode);
    }
  }
  return { base, root, errors, comments: scan.comments, marker };
}

/**
 * `Parser.parse`, with a checkpoint every few hundred lexemes: the same steps (the parser's own lexer would do what
 * this one does, and nothing here sets `onNewLine`), so the same tokens.
 */
export function cstTokens(text: string, checkpoint?: Checkpoint): CST.Token[] {
  const tokens: CST.Token[] = [];
  const parser = new Parser();
  let count = 0;
  for (const lexeme of new Lexer().lex(text, false)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (++count % YAML_TOKENS_PER_CHECKPOINT === 0) checkpoint?.();
  }
  for (const token of parser.end()) tokens.push(token);
  return tokens;
}

/**
 * One iterative pass over the token tree, in document order: the comments, whether there are aliases, and where
 * nesting first exceeds the limit. Only values are stacked (documents, collections, keys and values of items);
 * the source-token lists around them (`start`, `sep`, `end`, `props`: space, newlines, indicators, comments) are
 * read where they are found, for their comments.
 */
function scanTokens(tokens: unknown[], base: number): { comments: YamlSourceComment[]; aliases: boolean; tooDeepAt?: number } {
  const comments: YamlSourceComment[] = [];
  let aliases = false;
  const sourceTokens = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const token of list as CST.SourceToken[]) {
      if (token?.type === 'comment' && typeof token.source === 'string' && typeof token.offset === 'number') {
        comments.push({ text: token.source.slice(1), span: { start: base + token.offset, end: base + token.offset + token.source.length } });
      }
    }
  };
  // Pairs (token, depth), pushed in reverse so that they come off in document order.
  const stack: unknown[] = [];
  const push = (token: unknown, depth: number) => {
    if (token && typeof token === 'object') stack.push(token, depth);
  };
  for (let index = tokens.length - 1; index >= 0; index--) push(tokens[index], 0);
  while (stack.length > 0) {
    const depth = stack.pop() as number;
    const token = stack.pop() as CST.Token;
    switch (token.type) {
      case 'document':
        sourceTokens(token.start);
        sourceTokens(token.end);
        push(token.value, depth);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        const nested = depth + 1;
        if (nested > MAX_NESTING_DEPTH) return { comments, aliases, tooDeepAt: base + token.offset };
        if (token.type === 'flow-collection') sourceTokens(token.end);
        const items = token.items as CST.CollectionItem[];
        for (let index = items.length - 1; index >= 0; index--) {
          const item = items[index];
          sourceTokens(item.start);
          sourceTokens(item.sep);
          push(item.value, nested);
          push(item.key, nested);
        }
        break;
      }
      case 'block-scalar':
        sourceTokens(token.props);
        break;
      case 'alias':
        aliases = true;
        sourceTokens(token.end);
        break;
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'doc-end':
        sourceTokens(token.end);
        break;
      default:
        sourceTokens([token]);
    }
  }
  comments.sort((a, b) => a.span.start - b.span.start);
  return { comments, aliases };
}

/** `kind: crypto-policy` among the root mapping's own items, read from the tokens (no composing, no aliases). */
function cstMarker(tokens: unknown[]): boolean {
  const document = tokens.find((token) => (token as { type?: string }).type === 'document') as CST.Document | undefined;
  const root = document?.value;
  if (!root || (root.type !== 'block-map' && root.type !== 'flow-collection')) return false;
  if (root.type === 'flow-collection' && root.start.source !== '{') return false;
  const scalar = (token: CST.Token | null | undefined) => {
    if (!token || !CST.isScalar(token)) return undefined;
    return CST.resolveAsScalar(token, true, () => undefined)?.value;
  };
  const kind = root.items.find((item) => scalar(item.key) === 'kind');
  return kind !== undefined && scalar(kind.value) === 'crypto-policy';
}

/**
 * Aliases resolved once, in document order (the last anchor before an alias wins, as in YAML), and the value
 * graph measured through them without recursion: its expanded size, its depth, and cycles (an alias inside its
 * own anchor).
 */
class AliasGraph {
  readonly targets = new Map<YamlNode, YamlNode | undefined>();
  private ownNodes = 0;

  constructor(private readonly root: YamlNode) {
    const anchors = new Map<string, YamlNode>();
    const stack: YamlNode[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      this.ownNodes++;
      if (isAlias(node)) {
        this.targets.set(node, anchors.get(node.source));
        continue;
      }
      const anchor = (node as { anchor?: string }).anchor;
      if (anchor) anchors.set(anchor, node);
      const children: YamlNode[] = [];
      if (isMap(node)) {
        for (const pair of node.items) {
          if (pair.key && typeof pair.key === 'object') children.push(pair.key as YamlNode);
          if (pair.value) children.push(pair.value as YamlNode);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) if (item) children.push(item as YamlNode);
      }
      for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]);
    }
  }

  /** Why the value tree is not built: an alias bomb, nesting too deep through aliases, or an alias cycle. */
  refusal(): string | undefined {
    const done = new Map<YamlNode, { size: number; depth: number }>();
    const open = new Set<YamlNode>();
    const stack: { node: YamlNode; expanded: boolean }[] = [{ node: this.root, expanded: false }];
    const maxSize = this.ownNodes + MAX_ALIAS_EXPANSION;
    while (stack.length > 0) {
      const { node, expanded } = stack.pop()!;
      if (done.has(node)) continue;
      const children = this.children(node);
      if (!expanded) {
        if (open.has(node)) return 'An alias refers to a node that contains it (an endless value); the document is not checked further.';
        open.add(node);
        stack.push({ node, expanded: true });
        for (const child of children) if (!done.has(child)) stack.push({ node: child, expanded: false });
        continue;
      }
      open.delete(node);
      let size = isAlias(node) ? 0 : 1;
      let depth = 0;
      for (const child of children) {
        const measured = done.get(child)!;
        size += measured.size;
        depth = Math.max(depth, measured.depth);
      }
      if (!isAlias(node) && (isMap(node) || isSeq(node))) depth++;
      if (isAlias(node) && children.length === 0) size = 1;
      if (size > maxSize) return `Aliases expand this document by more than ${MAX_ALIAS_EXPANSION.toLocaleString('en')} values (an alias bomb?); it is not checked further.`;
      if (depth > MAX_NESTING_DEPTH) return depthRefusal();
      done.set(node, { size, depth });
    }
    return undefined;
  }

  /** Value children (keys are not values: only scalar keys are read), aliases replaced by their targets. */
  children(node: YamlNode): YamlNode[] {
    if (isAlias(node)) {
      const target = this.targets.get(node);
      return target ? [target] : [];
    }
    if (isMap(node)) return node.items.flatMap((pair) => (pair.value ? [pair.value as YamlNode] : []));
    if (isSeq(node)) return node.items.flatMap((item) => (item ? [item as YamlNode] : []));
    return [];
  }
}

/**
 * Builds the value tree; its recursion is bounded by the depth checked on the tokens and through aliases. Nodes
 * are remembered only when aliases can share them (a map entry per node costs a large tree dearly).
 */
class Converter {
  private readonly converted?: Map<YamlNode, PNode>;

  constructor(private readonly graph: AliasGraph | undefined, private readonly base: number) {
    if (graph) this.converted = new Map();
  }

  convert(node: YamlNode): PNode {
    const done = this.converted?.get(node);
    if (done) return done;
    if (isAlias(node)) {
      const target = this.graph?.targets.get(node);
      const resolved = target ? this.convert(target) : { kind: 'scalar' as const, value: null, span: this.span(node) };
      this.converted?.set(node, resolved);
      return resolved;
    }
    if (isMap(node)) {
      const map: PMap = { kind: 'map', entries: [], span: this.span(node), flow: Boolean(node.flow) };
      this.converted?.set(node, map);
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        if (!keyNode || !isScalar(keyNode)) continue;
        const keySpan = this.span(keyNode);
        const valueNode = pair.value as YamlNode | null;
        const value: PNode = valueNode
          ? this.convert(valueNode)
          : { kind: 'scalar', value: null, span: { start: keySpan.end, end: keySpan.end } };
        map.entries.push({ key: String(keyNode.value), keySpan, value });
      }
      return map;
    }
    if (isSeq(node)) {
      const seq: PSeq = { kind: 'seq', items: [], span: this.span(node), flow: Boolean(node.flow) };
      this.converted?.set(node, seq);
      for (const item of node.items) seq.items.push(this.convert(item as YamlNode));
      return seq;
    }
    const scalarValue = isScalar(node) ? node.value : null;
    const value = typeof scalarValue === 'string' || typeof scalarValue === 'number' || typeof scalarValue === 'boolean' ? scalarValue
      : scalarValue === null || scalarValue === undefined ? null : String(scalarValue);
    const scalar: PScalar = { kind: 'scalar', value, span: this.span(node) };
    this.converted?.set(node, scalar);
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
    // Plain assignment keeps the object fast for the validator; only `__proto__` would not be an own data property.
    if (entry.key === '__proto__') Object.defineProperty(object, entry.key, { value: toPlain(entry.value, seen), enumerable: true, writable: true, configurable: true });
    else object[entry.key] = toPlain(entry.value, seen);
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
