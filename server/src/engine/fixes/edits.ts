import { Document, stringify } from 'yaml';
import type { PolicyDocument } from '../parse/document';
import type { Fix, Span, TextEdit } from '../types';
import type { PMap, PSeq } from '../parse/yamlModel';

/** Canonical order of root fields (SPEC); a new field goes after the last present field that precedes it. */
export const FIELD_ORDER = [
  'kind', 'id', 'title', 'version', 'actor', 'controls', 'owner', 'approval', 'review', 'communication', 'scope',
  'enforcement', 'monitoring', 'training', 'byok', 'governance', 'coordination', 'segregation', 'roles',
];

/** Canonical key order inside the policy's own objects (SPEC document model). */
export const NESTED_ORDER: Record<string, readonly string[]> = {
  owner: ['name', 'role'],
  approval: ['by', 'date', 'evidence'],
  review: ['last', 'next', 'interval_months', 'triggers'],
  communication: ['audiences', 'channels', 'evidence'],
  scope: ['kms', 'hsm', 'storage', 'network', 'tenant_key_isolation', 'ai_assets'],
  enforcement: ['baselines', 'defaults', 'kms_hsm_config', 'cicd'],
  monitoring: ['key_usage_audit', 'anomaly_detection', 'control_reviews', 'internal_audit'],
  training: ['program', 'frequency_months', 'topics'],
  byok: ['supported', 'hyok', 'tenant_key_separation', 'provisioning', 'contractual_guarantees'],
  governance: ['body', 'review_months'],
  coordination: ['upstream', 'downstream'],
  role: ['id', 'title', 'assignee', 'responsibilities', 'alternates', 'trained', 'reviewed'],
};

/**
 * Builds fixes as text edits placed with the parse tree's ranges, so comments, key order and every
 * other line stay as they were. Inserted YAML is produced by the `yaml` stringifier (quoting is right).
 */
export class FixBuilder {
  constructor(private readonly doc: PolicyDocument) {}

  private get eol(): string {
    return this.doc.lines.eol;
  }

  fix(title: string, ...edits: (TextEdit | undefined)[]): Fix | undefined {
    const present = edits.filter((edit): edit is TextEdit => edit !== undefined);
    return present.length === edits.length && present.length > 0 ? { title, edits: present } : undefined;
  }

  /**
   * Inserts `key: value` into the root mapping (YAML root or front matter), or creates front matter for Markdown.
   * A key that is already there gets its value replaced: a mapping never gets a second one.
   */
  insertRootField(key: string, value: unknown): TextEdit | undefined {
    const root = this.doc.root;
    const start = this.doc.lines.lineStart(0);
    if (!root) {
      if (this.doc.format === 'markdown' && !this.doc.markdown?.frontMatter) {
        return { start, end: start, newText: `---${this.eol}${this.block(key, value, 0)}---${this.eol}${this.eol}` };
      }
      if (this.doc.format === 'yaml' && this.doc.text.trim() === '') return { start, end: start, newText: this.block(key, value, 0) };
      return undefined;
    }
    const existing = root.entries.find((entry) => entry.key === key);
    if (existing) return this.replaceValue(existing.value, value);
    if (root.flow) return this.insertFlowField(root, key, value);
    const order = FIELD_ORDER.indexOf(key);
    let after = root.entries[root.entries.length - 1];
    if (order >= 0) {
      const preceding = root.entries.filter((entry) => {
        const index = FIELD_ORDER.indexOf(entry.key);
        return index >= 0 && index < order;
      });
      if (preceding.length > 0) after = preceding[preceding.length - 1];
    }
    const indent = this.doc.lines.positionAt(root.entries[0].keySpan.start).character;
    const first = root.entries[0];
    const firstLine = this.doc.lines.lineStart(this.doc.lines.positionAt(first.keySpan.start).line);
    const goesFirst = order >= 0 && !root.entries.some((entry) => {
      const index = FIELD_ORDER.indexOf(entry.key);
      return index >= 0 && index < order;
    }) && root.entries.some((entry) => FIELD_ORDER.indexOf(entry.key) > order);
    // A field that precedes every present one (e.g. `kind`) goes above the first, when that key starts its line.
    if (goesFirst && this.doc.text.slice(firstLine, first.keySpan.start).trim() === '') return { start: firstLine, end: firstLine, newText: this.block(key, value, indent) };
    return this.insertLinesAfter(Math.max(after.value.span.end, after.keySpan.end), this.block(key, value, indent));
  }

  /**
   * Inserts `key: value` into a nested mapping (block or flow): after the last present key that precedes it in
   * `order` (the schema's order, e.g. review: last, next, interval_months, triggers), else at the end.
   */
  insertMapField(map: PMap, key: string, value: unknown, order: readonly string[] = NESTED_ORDER[this.parentKey(map)] ?? []): TextEdit | undefined {
    const existing = map.entries.find((entry) => entry.key === key);
    if (existing) return this.replaceValue(existing.value, value);
    const rank = order.indexOf(key);
    const preceding = rank < 0 ? [] : map.entries.filter((entry) => {
      const index = order.indexOf(entry.key);
      return index >= 0 && index < rank;
    });
    const after = preceding.length > 0 ? preceding[preceding.length - 1] : rank >= 0 && map.entries.some((entry) => order.indexOf(entry.key) > rank) ? undefined : map.entries[map.entries.length - 1];
    if (map.flow || map.entries.length === 0) {
      if (after || map.entries.length === 0) return this.insertFlowField(map, key, value, after);
      const first = map.entries[0];
      return { start: first.keySpan.start, end: first.keySpan.start, newText: `${this.flowPair(key, value)}, ` };
    }
    const indent = this.doc.lines.positionAt(map.entries[0].keySpan.start).character;
    if (!after) {
      const lineStart = this.doc.lines.lineStart(this.doc.lines.positionAt(map.entries[0].keySpan.start).line);
      const firstOnOwnLine = this.doc.text.slice(lineStart, map.entries[0].keySpan.start).trim() === '';
      if (firstOnOwnLine) return { start: lineStart, end: lineStart, newText: this.block(key, value, indent) };
      const last = map.entries[map.entries.length - 1];
      return this.insertLinesAfter(Math.max(last.value.span.end, last.keySpan.end), this.block(key, value, indent));
    }
    return this.insertLinesAfter(Math.max(after.value.span.end, after.keySpan.end), this.block(key, value, indent));
  }

  /** The root key a nested map hangs from, for its canonical key order. */
  private parentKey(map: PMap): string {
    const roles = this.doc.root?.entries.find((entry) => entry.key === 'roles')?.value;
    if (roles?.kind === 'seq' && roles.items.includes(map)) return 'role';
    return this.doc.root?.entries.find((entry) => entry.value === map)?.key ?? '';
  }

  /** Appends an item to a sequence (block or flow). */
  appendSeqItem(seq: PSeq, value: unknown): TextEdit | undefined {
    const inline = flowText(value);
    if (seq.flow || seq.items.length === 0) {
      const close = seq.span.end - 1;
      if (this.doc.text[close] !== ']') return undefined;
      return { start: close, end: close, newText: seq.items.length === 0 ? inline : `, ${inline}` };
    }
    const last = seq.items[seq.items.length - 1];
    const indent = this.doc.lines.positionAt(seq.span.start).character;
    return this.insertLinesAfter(last.span.end, `${' '.repeat(indent)}- ${inline}${this.eol}`);
  }

  /**
   * Replaces a value in place (a node, or any scalar by its span), keeping the quote style of a quoted scalar and
   * quoting what a plain scalar cannot hold in a flow collection (`a,b`, `x: y`); an empty value (`key:`) gets one.
   */
  replaceValue(node: { span: Span }, value: unknown): TextEdit {
    const text = this.doc.text;
    const original = text.slice(node.span.start, node.span.end);
    let newText = flowText(value);
    const quote = original[0];
    if (typeof value === 'string' && (quote === '"' || quote === "'") && !newText.startsWith(quote)) {
      newText = quote === '"' ? JSON.stringify(value) : `'${value.replace(/'/g, "''")}'`;
    }
    if (node.span.start === node.span.end) {
      // `key:` with nothing after it: the value needs a space after the colon, and before a comment that follows.
      if (text[node.span.start - 1] === ':') newText = ` ${newText}`;
      if (text[node.span.end] === '#') newText = `${newText} `;
    }
    return { start: node.span.start, end: node.span.end, newText };
  }

  /** Appends a Markdown section at the end of the document. */
  appendSection(heading: string, body: string): TextEdit {
    const text = this.doc.text;
    const eol = this.eol;
    const lead = text.length === 0 ? '' : text.endsWith(eol + eol) ? '' : text.endsWith(eol) ? eol : eol + eol;
    return { start: text.length, end: text.length, newText: `${lead}## ${heading}${eol}${eol}${body.split(/\r\n|\r|\n/).join(eol)}${eol}` };
  }

  /** A `key: value` block at an indentation, in the document's line ends. */
  block(key: string, value: unknown, indent: number): string {
    const lines = blockLines(key, value);
    return lines.map((line) => ' '.repeat(indent) + line).join(this.eol) + this.eol;
  }

  private flowPair(key: string, value: unknown): string {
    return `${flowText(key, false)}: ${flowText(value)}`;
  }

  private insertFlowField(map: PMap, key: string, value: unknown, after = map.entries[map.entries.length - 1]): TextEdit | undefined {
    const pair = this.flowPair(key, value);
    if (after) return { start: after.value.span.end, end: after.value.span.end, newText: `, ${pair}` };
    const close = map.span.end - 1;
    return this.doc.text[close] === '}' ? { start: close, end: close, newText: pair } : undefined;
  }

  /** Inserts whole lines after the line on which `offset` ends. */
  private insertLinesAfter(offset: number, lines: string): TextEdit {
    const text = this.doc.text;
    let endOffset = offset;
    // A block value's range can end at the start of the next line; step back onto its last line.
    while (endOffset > 0 && (text[endOffset - 1] === '\n' || text[endOffset - 1] === '\r')) endOffset--;
    const line = this.doc.lines.positionAt(endOffset).line;
    if (line + 1 < this.doc.lines.lineCount) {
      const at = this.doc.lines.lineStart(line + 1);
      return { start: at, end: at, newText: lines };
    }
    return { start: text.length, end: text.length, newText: this.eol + lines.slice(0, -this.eol.length) };
  }
}

/**
 * The YAML of the values fixes insert is the same in every document (the default blocks of the missing-field
 * rules, an actor, a date), and the `yaml` stringifier is costly next to a check (about a tenth of checking a
 * small policy in the CLI): the text is kept per value, for plain data only (strings, finite numbers, booleans,
 * null, arrays and plain objects), where the JSON text names the value exactly. Bounded: it is dropped when full.
 */
const MEMO_LIMIT = 512;
/** Longer values (a document's own text, say) are stringified each time: the memo stays small. */
const MEMO_KEY_CHARS = 2048;
const blockMemo = new Map<string, string[]>();
const flowMemo = new Map<string, string>();

function blockLines(key: string, value: unknown): string[] {
  const memoKey = plainKey(value);
  const cached = memoKey === undefined ? undefined : blockMemo.get(`${JSON.stringify(key)}:${memoKey}`);
  if (cached) return cached;
  const document = new Document({});
  document.set(key, value);
  const lines = document.toString({ lineWidth: 0, indent: 2 }).replace(/\n$/, '').split(/\r\n|\r|\n/);
  if (memoKey !== undefined) remember(blockMemo, `${JSON.stringify(key)}:${memoKey}`, lines);
  return lines;
}

/** `stringify` in flow style (or the default style, for a key), trimmed. */
function flowText(value: unknown, flow = true): string {
  const memoKey = plainKey(value);
  const key = memoKey === undefined ? undefined : `${flow ? 'f' : 'd'}${memoKey}`;
  const cached = key === undefined ? undefined : flowMemo.get(key);
  if (cached !== undefined) return cached;
  const text = (flow ? stringify(value, { lineWidth: 0, collectionStyle: 'flow' }) : stringify(value)).trim();
  if (key !== undefined) remember(flowMemo, key, text);
  return text;
}

function remember<T>(memo: Map<string, T>, key: string, value: T): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
}

/** The JSON text of plain data (what identifies it exactly), or undefined for anything else (undefined, -0, NaN, a Date, a class instance...). */
function plainKey(value: unknown): string | undefined {
  if (!isPlain(value, 0)) return undefined;
  const text = JSON.stringify(value);
  return text.length <= MEMO_KEY_CHARS ? text : undefined;
}

function isPlain(value: unknown, depth: number): boolean {
  if (depth > 8) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every((item) => isPlain(item, depth + 1));
  if (typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every((item) => isPlain(item, depth + 1));
}
