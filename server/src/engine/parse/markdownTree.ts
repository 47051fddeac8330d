import type { SyntaxNodeRef, Tree } from '@lezer/common';
import { parser as commonMark, Table, type InlineContext } from '@lezer/markdown';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import { MARKDOWN_STEP_BUDGET, MARKDOWN_STEPS_PER_CHECKPOINT, type Checkpoint } from './limits';

/**
 * The Markdown syntax tree the walker reads: CommonMark with GFM tables, parsed by @lezer/markdown (the
 * CodeMirror parser, several times faster than micromark on long policies), in a few node shapes with exact
 * offsets into the original text. Text nodes are verbatim slices of the source wherever the source is
 * verbatim; escapes and character references carry their decoded value over their whole source.
 */

interface Located {
  start: number;
  end: number;
}

export interface TextNode extends Located { type: 'text'; value: string }
export interface CodeSpanNode extends Located { type: 'inlineCode'; value: string; valueStart: number }
export interface BreakNode extends Located { type: 'break' }
/** `group`: the text of a reference link whose label has no definition, brackets included (CommonMark reads it as text). */
export interface PhrasingNode extends Located {
  type: 'strong' | 'emphasis' | 'link' | 'group';
  children: InlineNode[];
  /** An inline link's destination (`[text](url)`), as written, with its source span. */
  url?: { value: string; start: number; end: number };
}
export type InlineNode = TextNode | CodeSpanNode | BreakNode | PhrasingNode;

export interface HeadingNode extends Located { type: 'heading'; depth: number; children: InlineNode[] }
export interface ParagraphNode extends Located { type: 'paragraph'; children: InlineNode[] }
export interface TableCellNode extends Located { type: 'tableCell'; children: InlineNode[] }
/** `rows[0]` is the header row; every row has the header's number of cells (GFM pads and cuts). */
export interface TableNode extends Located { type: 'table'; rows: { start: number; end: number; cells: TableCellNode[] }[] }
export interface HtmlNode extends Located { type: 'html'; value: string }
export interface ListItemNode extends Located { type: 'listItem'; children: BlockNode[] }
export interface ListNode extends Located { type: 'list'; children: ListItemNode[] }
export interface BlockquoteNode extends Located { type: 'blockquote'; children: BlockNode[] }
export type BlockNode = HeadingNode | ParagraphNode | TableNode | HtmlNode | ListNode | ListItemNode | BlockquoteNode;
export type MarkdownNode = BlockNode | InlineNode | TableCellNode;

export interface MarkdownTree {
  children: BlockNode[];
  /** Fenced and indented code blocks: the spans of their code text (no prose, but algorithm names and settings). */
  code: Located[];
}

/**
 * The parse of one document stopped at its step budget: what was too complex, and where (an offset of the text
 * given to the parser).
 */
export class MarkdownTooComplex extends Error {
  constructor(readonly what: string, readonly at: number) {
    super(`Markdown too complex: ${what}`);
  }
}

/**
 * The parser's work on one document, in steps: 5 per block step of the parser (a block or a line) and 20 per inline
 * section (a paragraph's, heading's or table cell's text), for what each keeps in memory; plus, inside
 * a paragraph, heading or table cell, the work the inline parser does beyond reading each character once: at each
 * `]`, the delimiters it looks back over to close a link; at a backtick run, the characters it scans for the run
 * that closes it; at an HTML tag or comment, the characters its patterns scan. Deterministic (no clock): the same
 * document stops at the same place on every machine.
 */
class StepBudget {
  steps = 0;

  constructor(private readonly limit: number) {}

  spend(amount: number, what: string, at: number): void {
    this.steps += amount;
    if (this.steps > this.limit) throw new MarkdownTooComplex(what, at);
  }
}

/** The budget of the parse under way (a parse is synchronous, so one at a time); the inline counter reads it. */
let activeBudget: StepBudget | undefined;

const LINKS = 'a paragraph with too many links or brackets';
const CODE = 'a paragraph with too many unclosed code spans (backticks)';
const TAGS = 'a paragraph with too many unclosed HTML tags or comments';
const BLOCKS = 'too many blocks, lines and table cells';
/** Steps of a block or line of the parser, and of a paragraph's, heading's or table cell's inline content (what the tree and the text blocks keep in memory). */
const BLOCK_STEPS = 5;
const INLINE_STEPS = 20;

/** The inline work a position adds (see StepBudget); it parses nothing itself (returns -1). */
function countInline(cx: InlineContext, next: number, pos: number): number {
  const budget = activeBudget;
  if (!budget) return -1;
  if (pos === cx.offset) budget.spend(INLINE_STEPS, BLOCKS, pos);
  if (next === 93 /* ] */) {
    // LinkEnd looks back over the delimiters and elements of the section so far (`parts`, internal to lezer).
    const parts = (cx as unknown as { parts?: unknown[] }).parts;
    budget.spend(parts ? parts.length : 1, LINKS, pos);
  } else if (next === 96 /* ` */ && cx.char(pos - 1) !== 96) {
    // InlineCode scans to a run of the same length, or to the end of the section: scanned here too, within budget.
    let end = pos;
    while (cx.char(end) === 96) end++;
    const size = end - pos;
    let run = 0;
    let at = end;
    for (; at < cx.end; at++) {
      if (cx.char(at) === 96) {
        run++;
        if (run === size && cx.char(at + 1) !== 96) break;
      } else run = 0;
      if ((at - end) % 1024 === 1023) budget.spend(1024, CODE, pos);
    }
    budget.spend((at - end) % 1024, CODE, pos);
  } else if (next === 60 /* < */) {
    const after = cx.char(pos + 1);
    // HTMLTag's patterns run when a letter, `!`, `?` or `/` follows, and scan at least to the next `>`.
    if ((after >= 65 && after <= 90) || (after >= 97 && after <= 122) || after === 33 || after === 63 || after === 47) {
      const text = cx.slice(pos, cx.end);
      const close = text.startsWith('<!--') ? text.indexOf('-->') : text.indexOf('>');
      budget.spend(close < 0 ? text.length : close, TAGS, pos);
    }
  }
  return -1;
}

const markdownParser = commonMark.configure([Table, { parseInline: [{ name: 'StepBudget', parse: countInline, before: 'Escape' }] }]);

/** Markup inside inline content: skipped, its characters are not text. */
const MARKS = new Set(['EmphasisMark', 'CodeMark', 'LinkMark', 'URL', 'LinkTitle', 'LinkLabel', 'QuoteMark', 'ListMark', 'HeaderMark', 'TableDelimiter', 'HTMLTag', 'Comment', 'ProcessingInstruction', 'Image']);
const CONTAINERS: Record<string, 'list' | 'listItem' | 'blockquote'> = { BulletList: 'list', OrderedList: 'list', ListItem: 'listItem', Blockquote: 'blockquote' };
const HTML_BLOCKS = new Set(['HTMLBlock', 'CommentBlock', 'ProcessingInstructionBlock']);
const HEADINGS: Record<string, number> = { ATXHeading1: 1, ATXHeading2: 2, ATXHeading3: 3, ATXHeading4: 4, ATXHeading5: 5, ATXHeading6: 6, SetextHeading1: 1, SetextHeading2: 2 };

/**
 * The parser's view of a text: the same length for every offset it reports, except that CR LF line ends
 * are read as LF (lezer breaks lines at LF only) and lone CRs as LF; `original` maps an offset back.
 */
class Source {
  /** Offsets, in the parser's text, of each LF whose CR was dropped. */
  private readonly dropped: number[] = [];
  readonly parsed: string;

  constructor(original: string, blanks: readonly Located[]) {
    const text = blanks.length > 0 ? blank(original, blanks) : original;
    let parsed = '';
    let from = 0;
    for (let index = text.indexOf('\r'); index >= 0; index = text.indexOf('\r', index + 1)) {
      parsed += text.slice(from, index);
      if (text[index + 1] === '\n') {
        this.dropped.push(parsed.length);
      } else {
        parsed += '\n';
      }
      from = index + 1;
    }
    this.parsed = from === 0 ? text : parsed + text.slice(from);
  }

  original(offset: number): number {
    const dropped = this.dropped;
    if (dropped.length === 0 || offset <= dropped[0]) return offset;
    let low = 0;
    let high = dropped.length;
    // The number of dropped CRs before `offset`.
    while (low < high) {
      const mid = (low + high) >> 1;
      if (dropped[mid] < offset) low = mid + 1;
      else high = mid;
    }
    return offset + low;
  }
}

interface InlineFrame {
  node: { children: InlineNode[] };
  /** Where text not yet emitted starts (original offsets). */
  at: number;
  /** Link text ends at the second LinkMark; after it nothing is text. */
  linkMarks?: number;
  closed?: boolean;
}

interface RowFrame {
  start: number;
  end: number;
  cells: (TableCellNode | undefined)[];
  column: number;
  seen: boolean;
  lastWasCell: boolean;
  /** Where each column's text may start (after its opening `|`). */
  columnStarts: number[];
}

/**
 * `markdownParser.parse` (which advances a partial parse until it is done), with a checkpoint every few steps and
 * the step budget; throws MarkdownTooComplex when the budget runs out.
 */
export function syntaxTree(text: string, checkpoint?: Checkpoint, budgetSteps = MARKDOWN_STEP_BUDGET): Tree {
  const budget = new StepBudget(budgetSteps);
  const outer = activeBudget;
  activeBudget = budget;
  try {
    const parse = markdownParser.startParse(text);
    for (let steps = 1; ; steps++) {
      const tree = parse.advance();
      if (tree) return tree;
      budget.spend(BLOCK_STEPS, BLOCKS, parse.parsedPos);
      if (steps % MARKDOWN_STEPS_PER_CHECKPOINT === 0) checkpoint?.();
    }
  } finally {
    activeBudget = outer;
  }
}

/** The steps a parse takes (for tests and the benchmark): the budget it would need. */
export function markdownSteps(text: string): number {
  let steps = 0;
  const budget = new StepBudget(Infinity);
  const outer = activeBudget;
  activeBudget = budget;
  try {
    const parse = markdownParser.startParse(text);
    while (!parse.advance()) budget.spend(BLOCK_STEPS, BLOCKS, 0);
    steps = budget.steps;
  } finally {
    activeBudget = outer;
  }
  return steps;
}

/**
 * Parses Markdown. The parser reads the `blanks` ranges (a front matter block, a byte order mark) as white
 * space, so they are not taken for Markdown; offsets stay those of `text`.
 */
export function parseMarkdownTree(text: string, blanks: readonly Located[] = [], checkpoint?: Checkpoint): MarkdownTree {
  const source = new Source(text, blanks);
  const lineBreaks = new LineBreaks(text);
  let tree: Tree;
  try {
    tree = syntaxTree(source.parsed, checkpoint);
  } catch (error) {
    // Offsets of the parser's text back to the document's.
    if (error instanceof MarkdownTooComplex) throw new MarkdownTooComplex(error.what, source.original(Math.min(error.at, source.parsed.length)));
    throw error;
  }
  const root: MarkdownTree = { children: [], code: [] };
  const blocks: { children: BlockNode[] }[] = [root];
  const inlines: InlineFrame[] = [];
  let table: TableNode | undefined;
  let row: RowFrame | undefined;
  const at = (offset: number) => source.original(offset);
  // lezer reads `[text]` as a link whatever follows; CommonMark only when a definition has its label.
  const definitions = new Set<string>();
  const references: { node: PhrasingNode; label: string; textEnd: number }[] = [];

  /** Emits the source text in [from, to) as text nodes, a line at a time, without continuation-line indentation. */
  const emitText = (frame: InlineFrame, from: number, to: number) => {
    if (frame.closed || to <= from) return;
    let lineStart = from;
    while (lineStart < to) {
      const lineEnd = lineBreaks.at(lineStart, to);
      let next = lineEnd;
      if (next < to && text[next] === '\r' && text[next + 1] === '\n' && next + 1 < to) next += 2;
      else if (next < to) next += 1;
      let start = lineStart;
      if (lineStart > from || frame.node.children.length === 0) while (start < lineEnd && (text[start] === ' ' || text[start] === '\t')) start++;
      if (next > start) frame.node.children.push({ type: 'text', value: text.slice(start, next), start, end: next });
      lineStart = next;
    }
  };

  const openInline = (node: { children: InlineNode[] }, from: number): void => {
    inlines.push({ node, at: from });
  };

  /** Closes an inline container: the text after its last child, trailing white space trimmed. */
  const closeInline = (to: number): void => {
    const frame = inlines.pop()!;
    emitText(frame, frame.at, to);
    const children = frame.node.children;
    const last = children[children.length - 1];
    if (last?.type === 'text') {
      const trimmed = last.value.trimEnd();
      if (trimmed === '') children.pop();
      else if (trimmed.length < last.value.length) {
        last.value = trimmed;
        last.end = last.start + trimmed.length;
      }
    }
  };

  const addBlock = (node: BlockNode) => blocks[blocks.length - 1].children.push(node);

  tree.iterate({
    enter: (ref: SyntaxNodeRef) => {
      const name = ref.name;
      const start = at(ref.from);
      const end = at(ref.to);
      const frame = inlines[inlines.length - 1];
      if (frame) {
        // Inside inline content: the text before this node, then the node.
        emitText(frame, frame.at, start);
        frame.at = end;
        if (name === 'LinkMark' && frame.linkMarks !== undefined && ++frame.linkMarks === 2) frame.closed = true;
        if (frame.closed || MARKS.has(name)) return false;
        switch (name) {
          case 'Emphasis':
          case 'StrongEmphasis':
          case 'Link': {
            const node: PhrasingNode = { type: name === 'Link' ? 'link' : name === 'Emphasis' ? 'emphasis' : 'strong', children: [], start, end };
            frame.node.children.push(node);
            inlines.push({ node, at: start, linkMarks: name === 'Link' ? 0 : undefined });
            if (name === 'Link') {
              noteReference(ref, node);
              const url = ref.node.getChild('URL');
              if (url) node.url = { value: source.parsed.slice(url.from, url.to), start: at(url.from), end: at(url.to) };
            }
            return true;
          }
          case 'Autolink': {
            const url = ref.node.getChild('URL');
            const node: PhrasingNode = { type: 'link', children: [], start, end };
            if (url) node.children.push({ type: 'text', value: text.slice(at(url.from), at(url.to)), start: at(url.from), end: at(url.to) });
            frame.node.children.push(node);
            return false;
          }
          case 'InlineCode': {
            frame.node.children.push(codeSpan(ref, text, at));
            return false;
          }
          case 'Escape':
            frame.node.children.push({ type: 'text', value: text.slice(end - 1, end), start, end });
            return false;
          case 'Entity':
            frame.node.children.push({ type: 'text', value: decodeReference(text.slice(start, end)), start, end });
            return false;
          case 'HardBreak':
            frame.node.children.push({ type: 'break', start, end });
            return false;
          default:
            // Anything else inside inline content is read for its text.
            frame.at = start;
            return true;
        }
      }
      if (row) {
        if (name === 'TableDelimiter') {
          if (row.seen) {
            row.column++;
            row.columnStarts[row.column] = end;
          }
          row.seen = true;
          row.lastWasCell = false;
        } else if (name === 'TableCell') {
          const cell: TableCellNode = { type: 'tableCell', children: [], start, end };
          row.cells[row.column] = cell;
          row.seen = true;
          row.lastWasCell = true;
          openInline(cell, start);
          return true;
        }
        return false;
      }
      if (name in HEADINGS) {
        const node: HeadingNode = { type: 'heading', depth: HEADINGS[name], children: [], start, end };
        addBlock(node);
        openInline(node, start);
        return true;
      }
      if (name in CONTAINERS) {
        const type = CONTAINERS[name];
        const node = { type, children: [], start, end } as ListNode | ListItemNode | BlockquoteNode;
        addBlock(node);
        blocks.push(node as { children: BlockNode[] });
        return true;
      }
      switch (name) {
        case 'Document':
          return true;
        case 'Paragraph': {
          const node: ParagraphNode = { type: 'paragraph', children: [], start, end };
          addBlock(node);
          openInline(node, start);
          return true;
        }
        case 'Table':
          table = { type: 'table', rows: [], start, end };
          addBlock(table);
          return true;
        case 'TableHeader':
        case 'TableRow':
          row = { start, end, cells: [], column: 0, seen: false, lastWasCell: false, columnStarts: [start] };
          return true;
        case 'LinkReference': {
          const label = ref.node.getChild('LinkLabel');
          if (label) definitions.add(referenceKey(source.parsed.slice(label.from, label.to)));
          return false;
        }
        default:
          if (name === 'CodeText') root.code.push({ start, end: at(ref.to) });
          if (name === 'FencedCode' || name === 'CodeBlock') return true;
          if (HTML_BLOCKS.has(name)) addBlock({ type: 'html', value: text.slice(start, end), start, end });
          // Code, rules, link definitions and table delimiter rows hold no prose.
          return false;
      }
    },
    leave: (ref: SyntaxNodeRef) => {
      const name = ref.name;
      const end = at(ref.to);
      if (name === 'TableCell' || name in HEADINGS || name === 'Paragraph' || name === 'Emphasis' || name === 'StrongEmphasis' || name === 'Link') {
        closeInline(end);
      } else if ((name === 'TableHeader' || name === 'TableRow') && row && table) {
        finishRow(table, row);
        row = undefined;
      } else if (name in CONTAINERS) {
        blocks.pop();
      } else if (name === 'Table') {
        table = undefined;
      }
    },
  });
  for (const reference of references) {
    if (definitions.has(reference.label)) continue;
    reference.node.type = 'group';
    reference.node.children.unshift({ type: 'text', value: text[reference.node.start], start: reference.node.start, end: reference.node.start + 1 });
    reference.node.children.push({ type: 'text', value: text.slice(reference.textEnd, reference.node.end), start: reference.textEnd, end: reference.node.end });
  }
  return root;

  /** A link with no destination of its own (`[text]`, `[text][]`, `[text][label]`) waits for its definition. */
  function noteReference(ref: SyntaxNodeRef, node: PhrasingNode): void {
    const marks = ref.node.getChildren('LinkMark');
    if (marks.length < 2 || ref.node.getChild('URL') || source.parsed[marks[1].to] === '(') return;
    const label = ref.node.getChild('LinkLabel');
    const key = label && label.to - label.from > 2 ? source.parsed.slice(label.from, label.to) : source.parsed.slice(marks[0].from, marks[1].to);
    references.push({ node, label: referenceKey(key), textEnd: at(marks[1].from) });
  }
}

/** A link label as CommonMark matches it: brackets off, case folded, inner white space collapsed. */
function referenceKey(label: string): string {
  return label.slice(1, -1).trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase();
}

const LINE_BREAK = /[\r\n]/g;

/**
 * The first CR or LF in [from, to), else `to`. The search runs to the end of the line, so the break found is kept
 * for every later `from` before it: text nodes on one long line (thousands of links in a paragraph) would each
 * search to its end again, quadratic in the line.
 */
class LineBreaks {
  private from = -1;
  private found = -1;

  constructor(private readonly text: string) {}

  at(from: number, to: number): number {
    if (from < this.from || from > this.found) {
      LINE_BREAK.lastIndex = from;
      this.from = from;
      this.found = LINE_BREAK.exec(this.text)?.index ?? this.text.length;
    }
    return Math.min(this.found, to);
  }
}

/** The text with the ranges replaced by spaces, line ends kept: offsets and lines stay the same. */
function blank(text: string, ranges: readonly Located[]): string {
  let out = '';
  let from = 0;
  for (const range of ranges) {
    out += text.slice(from, range.start) + text.slice(range.start, range.end).replace(/[^\r\n]/g, ' ');
    from = range.end;
  }
  return out + text.slice(from);
}

/** A row's cells by column: GFM pads a short row with empty cells and drops cells past the header's. */
function finishRow(table: TableNode, row: RowFrame): void {
  const columns = table.rows.length === 0 ? row.column + (row.lastWasCell ? 1 : 0) : table.rows[0].cells.length;
  const cells: TableCellNode[] = [];
  for (let column = 0; column < columns; column++) {
    const boundary = Math.min(row.columnStarts[column] ?? row.end, row.end);
    cells.push(row.cells[column] ?? { type: 'tableCell', children: [], start: boundary, end: boundary });
  }
  table.rows.push({ start: row.start, end: row.end, cells });
}

/** A code span's value: its content with line ends as spaces and one space stripped from each side when both have one. */
function codeSpan(ref: SyntaxNodeRef, text: string, at: (offset: number) => number): CodeSpanNode {
  const start = at(ref.from);
  const end = at(ref.to);
  const marks = ref.node.getChildren('CodeMark');
  const contentStart = marks.length > 0 ? at(marks[0].to) : start;
  const contentEnd = marks.length > 1 ? at(marks[marks.length - 1].from) : end;
  let value = text.slice(contentStart, contentEnd).replace(/\r\n|\r|\n/g, ' ');
  let valueStart = contentStart;
  if (value.length > 2 && value.startsWith(' ') && value.endsWith(' ') && value.trim() !== '') {
    value = value.slice(1, -1);
    valueStart++;
  }
  return { type: 'inlineCode', value, valueStart, start, end };
}

/** The character an entity or numeric character reference stands for (`&amp;`, `&#35;`, `&#x1F600;`). */
function decodeReference(reference: string): string {
  const body = reference.slice(1, -1);
  if (body.startsWith('#x') || body.startsWith('#X')) return decodeNumericCharacterReference(body.slice(2), 16);
  if (body.startsWith('#')) return decodeNumericCharacterReference(body.slice(1), 10);
  const decoded = decodeNamedCharacterReference(body);
  return decoded === false ? reference : decoded;
}
