import { Parser } from 'yaml';
import { parseMarkdownTree, type BlockNode, type HeadingNode, type HtmlNode, type InlineNode, type ListNode, type MarkdownNode, type MarkdownTree, type ParagraphNode, type TableNode } from './markdownTree';
import type { Checkpoint } from './limits';
import { isPlaceholderText } from './placeholder';
import { sourceSpan, TextBuilder, type TextPiece } from './textBlock';
import type { Span } from '../types';

export interface MarkdownTableCell {
  /** Plain text (markup removed). */
  text: string;
  /** The cell's source text, which `span` covers exactly. */
  source: string;
  span: Span;
  /** The untrimmed plain text that `pieces` map. */
  plain: string;
  pieces: TextPiece[];
}

export interface MarkdownTable {
  header: MarkdownTableCell[];
  rows: MarkdownTableCell[][];
  span: Span;
  /** Index of the section the table stands in (-1 before the first heading). */
  section: number;
}

export interface MarkdownSection {
  /** Heading text as written, e.g. "3. Roles and Responsibilities". */
  heading: string;
  /** Lower-case heading without numbering or punctuation, e.g. "roles and responsibilities". */
  normalized: string;
  depth: number;
  headingSpan: Span;
  /** Heading start to the next heading of the same or a higher level. */
  span: Span;
  /** The enclosing section (a heading of lower depth before it), or -1. */
  parent: number;
  /** Plain text of the section body (not of sub-sections). */
  bodyText: string;
  /** True when the body (sub-sections included) says something that is not a template placeholder. */
  hasContent: boolean;
  tables: MarkdownTable[];
}

/** A bold label and its value in the body: `**Owner**: Jane Doe`, `- **Policy owner:** Jane Doe`. */
export interface MarkdownLabel {
  label: string;
  /** Lower case, without the colon: "policy owner". */
  normalized: string;
  value: string;
  /** The value's span; for an empty value, the label's. */
  valueSpan: Span;
  labelSpan: Span;
  /** Items of a list that follows a label with no value on its line (`**Approved by**:` then a list). */
  items?: { text: string; span: Span }[];
}

/** Stands for a hard line break in a block's plain text (U+2028 LINE SEPARATOR). */
export const HARD_BREAK = '\u2028';

export type TextBlockKind = 'heading' | 'paragraph' | 'item' | 'row';

/** A unit of prose with an exact offset map: a heading, a paragraph, a list item's paragraph, or a table row. */
export interface TextBlock {
  kind: TextBlockKind;
  text: string;
  pieces: TextPiece[];
  span: Span;
  /** Index of the innermost section (-1 before the first heading). */
  section: number;
  /** For rows: the table and the row index. */
  table?: MarkdownTable;
  row?: number;
  /** For list items: how many lists enclose the item (1 for a top-level item). */
  listDepth?: number;
}

/** An inline link of the body: where policy sets find the documents a policy refers to. */
export interface MarkdownLink {
  /** The destination as written (`../procedures/km-proc-4.md#rotation`). */
  url: string;
  urlSpan: Span;
  /** The whole link, text and destination. */
  span: Span;
  /** Index of the section it stands in (-1 before the first heading). */
  section: number;
}

export interface MarkdownInfo {
  frontMatter?: { span: Span; contentStart: number; contentEnd: number; fenced: boolean };
  /** Inline links with a destination, in document order. */
  links: MarkdownLink[];
  labels: MarkdownLabel[];
  /** Every GFM table of the document, wherever it stands. */
  tables: MarkdownTable[];
  sections: MarkdownSection[];
  blocks: TextBlock[];
  comments: { text: string; span: Span }[];
  /** Code blocks' text spans (fenced or indented): read for algorithm names only. */
  code: Span[];
  /** Offset where a new section is best appended (end of document). */
  end: number;
  firstHeadingSpan?: Span;
}

export function parseMarkdown(text: string, checkpoint?: Checkpoint): MarkdownInfo {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const fenced = fencedFrontMatter(text, bom);
  const headless = fenced ? undefined : headlessFrontMatter(text, bom);
  const blanks: Span[] = [];
  if (bom) blanks.push({ start: 0, end: bom });
  // Front matter is blanked (same offsets) so the parser reads none of it as Markdown (its closing `---`
  // would otherwise underline a heading).
  if (fenced) blanks.push({ start: bom, end: fenced.span.end });
  if (headless) blanks.push({ start: bom, end: headless.fenceEnd });
  const tree = parseMarkdownTree(text, blanks, checkpoint);

  const info: MarkdownInfo = { sections: [], blocks: [], comments: [], labels: [], tables: [], links: [], code: tree.code.map(spanOf), end: text.length };
  if (fenced) info.frontMatter = { ...fenced, fenced: true };
  if (headless) info.frontMatter = { span: { start: bom, end: headless.fenceEnd }, contentStart: bom, contentEnd: headless.contentEnd, fenced: false };
  new Walker(text, info).walk(tree);
  finishSections(info, text);
  info.firstHeadingSpan = info.sections[0]?.headingSpan;
  return info;
}

/** "3. Roles & Responsibilities:" -> "roles and responsibilities". */
export function normalizeHeading(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/^\s*(section\s+)?([0-9]+(\.[0-9]+)*|[ivxlc]+|[a-z])[.)]\s+/, '')
    .replace(/^\s*[0-9]+(\.[0-9]+)*\s+/, '')
    .replace(/[^a-z0-9/ -]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function spanOf(node: { start: number; end: number }): Span {
  return { start: node.start, end: node.end };
}

/** The lines of a text from `from`: start, end (before the line break) and the next line's start. */
function* lines(text: string, from: number, limit: number): Generator<{ start: number; end: number; next: number }> {
  let start = from;
  for (let line = 0; line < limit && start < text.length; line++) {
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const next = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : Math.min(text.length, end + 1);
    yield { start, end, next };
    start = next;
  }
}

/** A fence line of YAML front matter: `---` and nothing but trailing white space. */
function isFence(text: string, start: number, end: number): boolean {
  return text.slice(start, end).trimEnd() === '---';
}

/** YAML front matter: a `---` line first, then everything to the next `---` line. */
function fencedFrontMatter(text: string, from: number): { span: Span; contentStart: number; contentEnd: number } | undefined {
  let opening: { start: number; end: number; next: number } | undefined;
  for (const line of lines(text, from, Infinity)) {
    if (!opening) {
      if (!isFence(text, line.start, line.end)) return undefined;
      opening = line;
    } else if (isFence(text, line.start, line.end)) {
      return { span: { start: from, end: line.end }, contentStart: opening.next, contentEnd: line.start };
    }
  }
  return undefined;
}

/**
 * A YAML header with no opening fence, closed by a `---` line (as some policy generators write it): the
 * text before the first `---` line must parse as a YAML mapping of at least two keys.
 */
function headlessFrontMatter(text: string, from: number): { contentEnd: number; fenceEnd: number } | undefined {
  if (text.startsWith('#', from)) return undefined;
  for (const line of lines(text, from, 200)) {
    if (!isFence(text, line.start, line.end)) continue;
    if (line.start === from) return undefined;
    const head = text.slice(from, line.start);
    const parsed = Array.from(new Parser().parse(head));
    const doc = parsed.find((token) => token.type === 'document');
    const map = doc?.type === 'document' ? doc.value : undefined;
    if (parsed.some((token) => token.type === 'error') || map?.type !== 'block-map' || map.items.length < 2) return undefined;
    return { contentEnd: line.start, fenceEnd: line.next };
  }
  return undefined;
}

/** One iterative pass over the tree: sections, text blocks, tables, labels and HTML comments. */
class Walker {
  private section = -1;
  private readonly linkStarts = new Set<number>();

  constructor(private readonly text: string, private readonly info: MarkdownInfo) {}

  walk(tree: MarkdownTree): void {
    tree.children.forEach((node) => {
      if (node.type === 'heading') this.heading(node);
      this.block(node);
    });
  }

  private heading(node: HeadingNode): void {
    const { sections } = this.info;
    let parent = this.section;
    while (parent >= 0 && sections[parent].depth >= node.depth) parent = sections[parent].parent;
    const built = this.inline(node);
    const headingText = built.text.trim();
    sections.push({
      heading: headingText,
      normalized: normalizeHeading(headingText),
      depth: node.depth,
      headingSpan: node.children.length > 0 ? contentSpan(node) : spanOf(node),
      span: { start: node.start, end: this.text.length },
      parent,
      bodyText: '',
      hasContent: false,
      tables: [],
    });
    this.section = sections.length - 1;
  }

  /** Blocks of one top-level node, containers walked with an explicit stack (no recursion on input depth). */
  private block(root: BlockNode): void {
    const stack: { node: BlockNode; inItem: boolean; lists: number }[] = [{ node: root, inItem: false, lists: 0 }];
    while (stack.length > 0) {
      const { node, inItem, lists } = stack.pop()!;
      switch (node.type) {
        case 'heading':
          this.pushBlock('heading', node, this.inline(node));
          break;
        case 'paragraph':
          this.pushBlock(inItem ? 'item' : 'paragraph', node, this.inline(node), inItem ? { listDepth: lists } : {});
          this.labels(node);
          break;
        case 'table':
          this.table(node);
          break;
        case 'html':
          this.comment(node);
          break;
        case 'list':
        case 'blockquote':
        case 'listItem': {
          const children: BlockNode[] = node.children;
          const depth = node.type === 'list' ? lists + 1 : lists;
          for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], inItem: inItem || node.type === 'listItem', lists: depth });
          if (node.type === 'list') this.followingLabelList(node);
          break;
        }
      }
    }
  }

  private pushBlock(kind: TextBlockKind, node: { start: number; end: number }, built: TextBuilder, extra: Partial<TextBlock> = {}): void {
    if (built.text.trim() === '') return;
    this.info.blocks.push({ kind, text: built.text, pieces: built.pieces, span: spanOf(node), section: this.section, ...extra });
  }

  /** Plain text of a node's inline content with its offset map; iterative, in document order. */
  private inline(node: MarkdownNode, builder = new TextBuilder()): TextBuilder {
    const stack: MarkdownNode[] = [node];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (current.type === 'text') {
        builder.add(current.value, current.start, current.end, this.text);
      } else if (current.type === 'inlineCode') {
        // The code's value sits inside its backticks.
        builder.add(current.value, current.valueStart, current.valueStart + current.value.length, this.text);
      } else if (current.type === 'break') {
        // A hard line break ends a statement; soft line breaks inside text are plain white space.
        builder.separator(HARD_BREAK);
      } else if (current.type === 'table' || current.type === 'html') {
        continue;
      } else {
        const children: MarkdownNode[] = current.children;
        // A heading's text is built twice (its section, its block): its links are kept once.
        if (current.type === 'link' && current.url && !this.linkStarts.has(current.start)) {
          this.linkStarts.add(current.start);
          this.info.links.push({ url: current.url.value, urlSpan: { start: current.url.start, end: current.url.end }, span: { start: current.start, end: current.end }, section: this.section });
        }
        if (current.type === 'tableCell' || current.type === 'listItem' || current.type === 'paragraph') builder.separator(' ');
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
      }
    }
    return builder;
  }

  private table(node: TableNode): void {
    const cells = node.rows.map((row) => row.cells.map((cell) => {
      const built = this.inline(cell);
      const span = contentSpan(cell);
      return { text: built.text.trim(), source: this.text.slice(span.start, span.end), span, plain: built.text, pieces: built.pieces };
    }));
    const table: MarkdownTable = { header: cells[0] ?? [], rows: cells.slice(1), span: spanOf(node), section: this.section };
    this.info.tables.push(table);
    if (this.section >= 0) this.info.sections[this.section].tables.push(table);
    // Each row is a statement that carries its column names: "Frequency: Quarterly".
    table.rows.forEach((row, index) => {
      const builder = new TextBuilder();
      row.forEach((cell, column) => {
        if (cell.text === '' || isPlaceholderText(cell.text)) return;
        const header = table.header[column];
        builder.separator('; ');
        if (header && header.text !== '') {
          appendPieces(builder, header);
          builder.separator(': ');
        }
        appendPieces(builder, cell);
      });
      const rowNode = node.rows[index + 1];
      const filled = row.filter((cell) => cell.span.end > cell.span.start);
      const span = filled.length > 0 ? { start: filled[0].span.start, end: filled[filled.length - 1].span.end } : spanOf(rowNode);
      this.pushBlock('row', rowNode, builder, { table, row: index, span });
    });
  }

  private comment(node: HtmlNode): void {
    const value = node.value.trim();
    if (value.startsWith('<!--') && value.endsWith('-->')) this.info.comments.push({ text: value.slice(4, -3), span: spanOf(node) });
  }

  /**
   * Bold labels in a paragraph: the strong text, then `:` and the value up to the line end, the next
   * bold label or a `|` separator (`**Owner:** Jane | **Version:** 1.2`, `**Last Update:** *June 2014*`).
   */
  private labels(node: ParagraphNode): void {
    const children = node.children;
    children.forEach((child, index) => {
      if (child.type !== 'strong') return;
      let label = this.inline(child).text.trim();
      const labelSpan = spanOf(child);
      // The value: the text of what follows, up to the next bold text or hard break.
      const value = new TextBuilder();
      for (let next = index + 1; next < children.length && children[next].type !== 'strong' && children[next].type !== 'break'; next++) this.inline(children[next], value);
      let from = 0;
      if (label.endsWith(':')) {
        label = label.slice(0, -1).trim();
      } else if (value.text.trimStart().startsWith(':')) {
        from = value.text.indexOf(':') + 1;
      } else {
        return;
      }
      if (label === '' || label.length > 60) return;
      const stop = value.text.slice(from).search(/\r?\n|\r|\|/);
      let to = stop < 0 ? value.text.length : from + stop;
      while (from < to && /\s/.test(value.text[from])) from++;
      while (to > from && /\s/.test(value.text[to - 1])) to--;
      const valueSpan = to > from ? sourceSpan(value.pieces, from, to) : undefined;
      this.info.labels.push({ label, normalized: normalizeHeading(label), value: valueSpan ? value.text.slice(from, to) : '', valueSpan: valueSpan ?? labelSpan, labelSpan });
    });
  }

  /** A list right after a paragraph that is only a bold label with no value gives that label its items. */
  private followingLabelList(list: ListNode): void {
    const last = this.info.labels[this.info.labels.length - 1];
    if (!last || last.value !== '' || last.items || last.labelSpan.end > list.start) return;
    const between = this.text.slice(last.labelSpan.end, list.start);
    if (between.replace(/[:\s]/g, '') !== '') return;
    last.items = list.children.map((item) => {
      const content = item.children;
      const span = content.length > 0 ? { start: content[0].start, end: content[content.length - 1].end } : spanOf(item);
      return { text: this.inline(item).text.trim(), span };
    });
  }
}

function appendPieces(builder: TextBuilder, cell: MarkdownTableCell): void {
  const base = builder.text.length;
  for (const piece of cell.pieces) builder.pieces.push({ ...piece, at: base + piece.at });
  builder.append(cell.plain);
}

function finishSections(info: MarkdownInfo, text: string): void {
  const { sections, blocks } = info;
  // A section ends where the next heading of the same or a higher level starts.
  for (let i = 0; i < sections.length; i++) {
    for (let next = i + 1; next < sections.length; next++) {
      if (sections[next].depth <= sections[i].depth) {
        sections[i].span = { start: sections[i].span.start, end: sections[next].span.start };
        break;
      }
    }
    if (sections[i].span.end > text.length) sections[i].span.end = text.length;
  }
  const bodies: string[][] = sections.map(() => []);
  for (const block of blocks) {
    if (block.kind === 'heading' || block.section < 0) continue;
    bodies[block.section].push(block.text);
    if (isPlaceholderText(block.text.replace(/^[-*+]\s+/, ''))) continue;
    for (let section = block.section; section >= 0; section = sections[section].parent) sections[section].hasContent = true;
  }
  sections.forEach((section, index) => {
    section.bodyText = bodies[index].join('\n').trim();
  });
}

/** From the first to the last character of a node's inline content; an empty node's start. */
function contentSpan(node: { start: number; children: InlineNode[] }): Span {
  const children = node.children;
  if (children.length === 0) return { start: node.start, end: node.start };
  return { start: children[0].start, end: children[children.length - 1].end };
}
