import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Nodes, Root, RootContent, Table } from 'mdast';
import { isPlaceholderText } from './placeholder';
import type { Span } from '../types';

export interface MarkdownTableCell {
  /** Plain text (markup removed). */
  text: string;
  /** The cell's source text, which `span` covers exactly. */
  source: string;
  span: Span;
}

export interface MarkdownTable {
  header: MarkdownTableCell[];
  rows: MarkdownTableCell[][];
  span: Span;
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
  /** Plain text of the section body (not of sub-sections' headings). */
  bodyText: string;
  /** True when the body says something that is not a template placeholder. */
  hasContent: boolean;
  tables: MarkdownTable[];
}

/** A bold label and its value in the body: `**Owner**: Jane Doe`, `- **Policy owner:** Jane Doe`. */
export interface MarkdownLabel {
  label: string;
  /** Lower case, without the colon: "policy owner". */
  normalized: string;
  value: string;
  valueSpan: Span;
}

export interface MarkdownInfo {
  frontMatter?: { span: Span; contentStart: number; contentEnd: number };
  labels: MarkdownLabel[];
  /** Every GFM table of the document, wherever it stands. */
  tables: MarkdownTable[];
  sections: MarkdownSection[];
  comments: { text: string; span: Span }[];
  /** Offset where a new section is best appended (end of document). */
  end: number;
  firstHeadingSpan?: Span;
}

/** `base` is where the Markdown starts in `text` (after a BOM, which the parser would drop from its offsets). */
export function parseMarkdown(text: string, base = 0): MarkdownInfo {
  const tree = fromMarkdown(base ? text.slice(base) : text, {
    extensions: [frontmatter(['yaml']), gfmTable()],
    mdastExtensions: [frontmatterFromMarkdown(['yaml']), gfmTableFromMarkdown()],
  }) as Root;
  if (base) shiftOffsets(tree, base);

  const info: MarkdownInfo = { sections: [], comments: [], labels: [], tables: [], end: text.length };
  const first = tree.children[0];
  if (first && first.type === 'yaml') {
    const span = spanOf(first);
    // Content starts after the opening fence's line break and ends where the closing fence line begins.
    const lineBreak = text.indexOf('\n', span.start);
    const contentStart = lineBreak < 0 || lineBreak > span.end ? span.end : lineBreak + 1;
    const contentEnd = Math.max(contentStart, span.end - 3);
    info.frontMatter = { span, contentStart, contentEnd };
  }

  collectHtmlComments(tree, info.comments);
  collectLabels(tree, text, info);

  const top = tree.children;
  const headings: { index: number; depth: number }[] = [];
  top.forEach((node, index) => {
    if (node.type === 'heading') headings.push({ index, depth: node.depth });
  });
  for (let h = 0; h < headings.length; h++) {
    const { index, depth } = headings[h];
    const heading = top[index];
    if (heading.type !== 'heading') continue;
    let endIndex = top.length;
    for (let next = h + 1; next < headings.length; next++) {
      if (headings[next].depth <= depth) {
        endIndex = headings[next].index;
        break;
      }
    }
    const bodyNodes: RootContent[] = [];
    const tables: MarkdownTable[] = [];
    for (let i = index + 1; i < endIndex; i++) {
      const node = top[i];
      if (node.type === 'table') tables.push(toTable(node, text));
      if (node.type !== 'heading') bodyNodes.push(node);
    }
    const bodyText = bodyNodes.map(plainText).join('\n').trim();
    const headingText = plainText(heading).trim();
    const span: Span = {
      start: spanOf(heading).start,
      end: endIndex < top.length ? spanOf(top[endIndex]).start : text.length,
    };
    info.sections.push({
      heading: headingText,
      normalized: normalizeHeading(headingText),
      depth,
      headingSpan: headingTextSpan(heading, text),
      span,
      bodyText,
      hasContent: bodyText.split(/\n+/).some((line) => !isPlaceholderText(line.replace(/^[-*+]\s+/, ''))),
      tables,
    });
  }
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

function headingTextSpan(heading: Nodes, text: string): Span {
  const children = 'children' in heading ? heading.children : [];
  if (children.length > 0) {
    return { start: spanOf(children[0]).start, end: spanOf(children[children.length - 1]).end };
  }
  const span = spanOf(heading);
  return { start: span.start, end: Math.min(span.end, text.length) };
}

function toTable(node: Table, text: string): MarkdownTable {
  const cells = node.children.map((row) =>
    row.children.map((cell) => {
      const span = cellSpan(cell);
      return { text: plainText(cell).trim(), source: text.slice(span.start, span.end), span };
    }),
  );
  return { header: cells[0] ?? [], rows: cells.slice(1), span: spanOf(node) };
}

function cellSpan(cell: Nodes): Span {
  const children = 'children' in cell ? cell.children : [];
  if (children.length === 0) {
    const span = spanOf(cell);
    return { start: span.start, end: span.start };
  }
  return { start: spanOf(children[0]).start, end: spanOf(children[children.length - 1]).end };
}

/** Makes the parser's offsets document offsets (iteratively: the tree's depth is the input's). */
function shiftOffsets(tree: Root, base: number): void {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.position?.start.offset !== undefined) node.position.start.offset += base;
    if (node.position?.end.offset !== undefined) node.position.end.offset += base;
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
}

export function spanOf(node: Nodes): Span {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

function plainText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') return node.value;
  if (node.type === 'html' || node.type === 'yaml') return '';
  if ('children' in node) {
    const parts = (node.children as Nodes[]).map(plainText);
    if (node.type === 'tableRow') return parts.join(' | ');
    if (node.type === 'list' || node.type === 'listItem' || node.type === 'table' || node.type === 'blockquote') return parts.join('\n');
    return parts.join('');
  }
  return '';
}

function collectHtmlComments(node: Nodes, out: { text: string; span: Span }[]): void {
  if (node.type === 'html') {
    const value = node.value.trim();
    if (value.startsWith('<!--') && value.endsWith('-->')) out.push({ text: value.slice(4, -3), span: spanOf(node) });
    return;
  }
  if ('children' in node) for (const child of node.children as Nodes[]) collectHtmlComments(child, out);
}

/** Bold labels in paragraphs (and list items): the strong text, then `:` and the value up to the line end. */
function collectLabels(node: Nodes, text: string, info: MarkdownInfo): void {
  if (node.type === 'table') {
    info.tables.push(toTable(node, text));
    return;
  }
  if (node.type === 'paragraph') {
    const children = node.children;
    children.forEach((child, index) => {
      if (child.type !== 'strong') return;
      let label = plainText(child).trim();
      const next = children[index + 1];
      if (!next || next.type !== 'text' || next.position?.start.offset === undefined) return;
      let valueText = next.value;
      let offset = next.position.start.offset;
      if (label.endsWith(':')) label = label.slice(0, -1).trim();
      else if (valueText.trimStart().startsWith(':')) {
        const colon = valueText.indexOf(':');
        valueText = valueText.slice(colon + 1);
        offset += colon + 1;
      } else return;
      const lineEnd = valueText.search(/\r?\n/);
      if (lineEnd >= 0) valueText = valueText.slice(0, lineEnd);
      const lead = valueText.length - valueText.trimStart().length;
      const value = valueText.trim();
      // The value node's text equals the source here (plain text); anything else would not map back exactly.
      if (value === '' || text.slice(offset + lead, offset + lead + value.length) !== value) return;
      info.labels.push({ label, normalized: normalizeHeading(label), value, valueSpan: { start: offset + lead, end: offset + lead + value.length } });
    });
    return;
  }
  if ('children' in node) for (const child of node.children as Nodes[]) collectLabels(child, text, info);
}
