import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Nodes, Root, Table } from 'mdast';
import { Parser } from 'yaml';
import { useInPlaceEditMap } from './editMapInPlace';
import { isPlaceholderText } from './placeholder';
import { TextBuilder, type TextPiece } from './textBlock';
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
}

export interface MarkdownInfo {
  frontMatter?: { span: Span; contentStart: number; contentEnd: number; fenced: boolean };
  labels: MarkdownLabel[];
  /** Every GFM table of the document, wherever it stands. */
  tables: MarkdownTable[];
  sections: MarkdownSection[];
  blocks: TextBlock[];
  comments: { text: string; span: Span }[];
  /** Offset where a new section is best appended (end of document). */
  end: number;
  firstHeadingSpan?: Span;
}

export function parseMarkdown(text: string): MarkdownInfo {
  useInPlaceEditMap();
  const headless = headlessFrontMatter(text);
  // A header without an opening fence is blanked (same offsets) so its closing `---` is not read as a heading underline.
  const source = headless ? blank(text, 0, headless.fenceEnd) : text;
  const tree = fromMarkdown(source, {
    extensions: [frontmatter(['yaml']), gfmTable()],
    mdastExtensions: [frontmatterFromMarkdown(['yaml']), gfmTableFromMarkdown()],
  }) as Root;

  const info: MarkdownInfo = { sections: [], blocks: [], comments: [], labels: [], tables: [], end: text.length };
  const first = tree.children[0];
  if (headless) {
    info.frontMatter = { span: { start: 0, end: headless.fenceEnd }, contentStart: 0, contentEnd: headless.contentEnd, fenced: false };
  } else if (first && first.type === 'yaml') {
    const span = spanOf(first);
    // Content starts after the opening fence's line break and ends where the closing fence line begins.
    const lineBreak = text.indexOf('\n', span.start);
    const contentStart = lineBreak < 0 || lineBreak > span.end ? span.end : lineBreak + 1;
    const contentEnd = Math.max(contentStart, span.end - 3);
    info.frontMatter = { span, contentStart, contentEnd, fenced: true };
  }
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

export function spanOf(node: Nodes): Span {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

/**
 * A YAML header with no opening fence, closed by a `---` line (as some policy generators write it): the
 * text before the first `---` line must parse as a YAML mapping of at least two keys.
 */
function headlessFrontMatter(text: string): { contentEnd: number; fenceEnd: number } | undefined {
  if (text.startsWith('---') || text.startsWith('#')) return undefined;
  let lineStart = 0;
  for (let line = 0; line < 200 && lineStart < text.length; line++) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    if (text.slice(lineStart, lineEnd).trimEnd() === '---') {
      if (lineStart === 0) return undefined;
      const head = text.slice(0, lineStart);
      const parsed = Array.from(new Parser().parse(head));
      const doc = parsed.find((token) => token.type === 'document');
      const map = doc?.type === 'document' ? doc.value : undefined;
      if (parsed.some((token) => token.type === 'error') || map?.type !== 'block-map' || map.items.length < 2) return undefined;
      const next = text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? lineEnd + 2 : Math.min(text.length, lineEnd + 1);
      return { contentEnd: lineStart, fenceEnd: next };
    }
    lineStart = text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? lineEnd + 2 : lineEnd + 1;
  }
  return undefined;
}

/** The text with [start, end) replaced by spaces, line breaks kept: offsets and lines stay the same. */
function blank(text: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) out += text[i] === '\n' || text[i] === '\r' ? text[i] : ' ';
  return text.slice(0, start) + out + text.slice(end);
}

/** One iterative pass over the tree: sections, text blocks, tables, labels and HTML comments. */
class Walker {
  private section = -1;

  constructor(private readonly text: string, private readonly info: MarkdownInfo) {}

  walk(tree: Root): void {
    tree.children.forEach((node) => {
      if (node.type === 'heading') this.heading(node);
      this.block(node);
    });
  }

  private heading(node: Extract<Nodes, { type: 'heading' }>): void {
    const { sections } = this.info;
    let parent = this.section;
    while (parent >= 0 && sections[parent].depth >= node.depth) parent = sections[parent].parent;
    const built = this.inline(node);
    const headingText = built.text.trim();
    sections.push({
      heading: headingText,
      normalized: normalizeHeading(headingText),
      depth: node.depth,
      headingSpan: headingTextSpan(node, this.text),
      span: { start: spanOf(node).start, end: this.text.length },
      parent,
      bodyText: '',
      hasContent: false,
      tables: [],
    });
    this.section = sections.length - 1;
  }

  /** Blocks of one top-level node, containers walked with an explicit stack (no recursion on input depth). */
  private block(root: Nodes): void {
    const stack: { node: Nodes; inItem: boolean }[] = [{ node: root, inItem: false }];
    while (stack.length > 0) {
      const { node, inItem } = stack.pop()!;
      switch (node.type) {
        case 'heading':
          this.pushBlock('heading', node, this.inline(node));
          break;
        case 'paragraph':
          this.pushBlock(inItem ? 'item' : 'paragraph', node, this.inline(node));
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
          const children = node.children as Nodes[];
          for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], inItem: inItem || node.type === 'listItem' });
          if (node.type === 'list') this.followingLabelList(node);
          break;
        }
        default:
          break;
      }
    }
  }

  private pushBlock(kind: TextBlockKind, node: Nodes, built: TextBuilder, extra: Partial<TextBlock> = {}): void {
    if (built.text.trim() === '') return;
    this.info.blocks.push({ kind, text: built.text, pieces: built.pieces, span: spanOf(node), section: this.section, ...extra });
  }

  /** Plain text of a node's inline content with its offset map; iterative, in document order. */
  private inline(node: Nodes, builder = new TextBuilder()): TextBuilder {
    const stack: Nodes[] = [node];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (current.type === 'text' || current.type === 'inlineCode') {
        const span = spanOf(current);
        if (current.type === 'inlineCode') {
          // The code's value sits inside its backticks.
          const inner = this.text.indexOf(current.value, span.start);
          if (inner >= 0 && inner + current.value.length <= span.end) builder.add(current.value, inner, inner + current.value.length, this.text);
          else builder.add(current.value, span.start, span.end, this.text);
        } else {
          builder.add(current.value, span.start, span.end, this.text);
        }
      } else if (current.type === 'break') {
        // A hard line break ends a statement; soft line breaks inside text are plain white space.
        builder.separator(HARD_BREAK);
      } else if (current.type === 'code' || current.type === 'html' || current.type === 'yaml' || current.type === 'image') {
        continue;
      } else if ('children' in current) {
        const children = current.children as Nodes[];
        if (current.type === 'tableCell' || current.type === 'listItem' || current.type === 'paragraph') builder.separator(' ');
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
      }
    }
    return builder;
  }

  private table(node: Table): void {
    const cells = node.children.map((row) => row.children.map((cell) => {
      const built = this.inline(cell);
      const span = cellSpan(cell);
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
      const rowNode = node.children[index + 1];
      const filled = row.filter((cell) => cell.span.end > cell.span.start);
      const span = filled.length > 0 ? { start: filled[0].span.start, end: filled[filled.length - 1].span.end } : spanOf(rowNode);
      this.pushBlock('row', rowNode, builder, { table, row: index, span });
    });
  }

  private comment(node: Extract<Nodes, { type: 'html' }>): void {
    const value = node.value.trim();
    if (value.startsWith('<!--') && value.endsWith('-->')) this.info.comments.push({ text: value.slice(4, -3), span: spanOf(node) });
  }

  /**
   * Bold labels in a paragraph: the strong text, then `:` and the value up to the line end, the next
   * bold label or a `|` separator (`**Owner:** Jane | **Version:** 1.2`).
   */
  private labels(node: Extract<Nodes, { type: 'paragraph' }>): void {
    const children = node.children;
    children.forEach((child, index) => {
      if (child.type !== 'strong') return;
      let label = this.inline(child).text.trim();
      const labelSpan = spanOf(child);
      const next = children[index + 1];
      let valueText = '';
      let offset = labelSpan.end;
      if (next && next.type === 'text' && next.position?.start.offset !== undefined && this.text.slice(spanOf(next).start, spanOf(next).end) === next.value) {
        valueText = next.value;
        offset = next.position.start.offset;
      } else if (next && next.type === 'emphasis') {
        // `**Last Update:** *June 2014*`: the value is the emphasised text.
        const inner = next.children[0];
        if (inner?.type === 'text' && this.text.slice(spanOf(inner).start, spanOf(inner).end) === inner.value) {
          valueText = inner.value;
          offset = spanOf(inner).start;
        }
      }
      if (label.endsWith(':')) {
        label = label.slice(0, -1).trim();
      } else if (valueText.trimStart().startsWith(':')) {
        const colon = valueText.indexOf(':');
        valueText = valueText.slice(colon + 1);
        offset += colon + 1;
      } else {
        return;
      }
      const stop = valueText.search(/\r?\n|\r|\|/);
      if (stop >= 0) valueText = valueText.slice(0, stop);
      const lead = valueText.length - valueText.trimStart().length;
      const value = valueText.trim();
      if (label === '' || label.length > 60) return;
      this.info.labels.push({
        label,
        normalized: normalizeHeading(label),
        value,
        valueSpan: value === '' ? labelSpan : { start: offset + lead, end: offset + lead + value.length },
        labelSpan,
      });
    });
  }

  /** A list right after a paragraph that is only a bold label with no value gives that label its items. */
  private followingLabelList(list: Extract<Nodes, { type: 'list' }>): void {
    const last = this.info.labels[this.info.labels.length - 1];
    if (!last || last.value !== '' || last.items || last.labelSpan.end > spanOf(list).start) return;
    const between = this.text.slice(last.labelSpan.end, spanOf(list).start);
    if (between.replace(/[:\s]/g, '') !== '') return;
    last.items = list.children.map((item) => {
      const content = item.children as Nodes[];
      const span = content.length > 0 ? { start: spanOf(content[0]).start, end: spanOf(content[content.length - 1]).end } : spanOf(item);
      return { text: this.inline(item).text.trim(), span };
    });
  }
}

function appendPieces(builder: TextBuilder, cell: MarkdownTableCell): void {
  const base = builder.text.length;
  for (const piece of cell.pieces) builder.pieces.push({ ...piece, at: base + piece.at });
  builder.text += cell.plain;
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

function headingTextSpan(heading: Nodes, text: string): Span {
  const children = 'children' in heading ? (heading.children as Nodes[]) : [];
  if (children.length > 0) {
    return { start: spanOf(children[0]).start, end: spanOf(children[children.length - 1]).end };
  }
  const span = spanOf(heading);
  return { start: span.start, end: Math.min(span.end, text.length) };
}

function cellSpan(cell: Nodes): Span {
  const children = 'children' in cell ? (cell.children as Nodes[]) : [];
  if (children.length === 0) {
    const span = spanOf(cell);
    return { start: span.start, end: span.start };
  }
  return { start: spanOf(children[0]).start, end: spanOf(children[children.length - 1]).end };
}
