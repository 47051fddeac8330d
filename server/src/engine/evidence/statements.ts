import { HARD_BREAK, type MarkdownInfo, type TextBlock } from '../parse/markdown';
import { isPlaceholderText } from '../parse/placeholder';
import { sourceSpan } from '../parse/textBlock';
import type { Span } from '../types';
import { tokenize, type Token } from './match';
import { readingBudget, type ReadingBudget } from './reading';

/** One statement of the body: a sentence of a paragraph or list item, a heading, or a table row. */
export interface Statement {
  text: string;
  tokens: Token[];
  block: TextBlock;
  /** Offset of `text` in the block's plain text. */
  from: number;
  /** Source span of the statement (whitespace trimmed). */
  span: Span;
  section: number;
  /** Only template filler (`TBD`, `[TODO: ...]`, `{{ x }}`): never evidence. */
  placeholder: boolean;
  /**
   * Outline level of a list entry (0 for a top-level bullet, 1 for its sub-bullets ...): Markdown list items, and
   * lines of a paragraph that start with a bullet glyph as word processors paste them (`•` then `o` sub-bullets).
   * Undefined for prose, headings and table rows.
   */
  level?: number;
  /** The English reader's budget of the statement's document (evidence/reading.ts), shared by its statements. */
  budget?: ReadingBudget;
}

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'vs', 'no', 'approx', 'incl', 'min', 'max', 'mr', 'ms', 'mrs', 'dr', 'fig', 'ref', 'sec', 'cf', 'al', 'inc', 'ltd', 'co', 'corp', 'st', 'u.s', 'e.u', 'u.k']);

/** Splits the body's text blocks into statements; headings and table rows are one statement each. */
export function statementsOf(markdown: MarkdownInfo | undefined): Statement[] {
  if (!markdown) return [];
  const statements: Statement[] = [];
  const budget = readingBudget();
  for (const block of markdown.blocks) {
    const lines = block.kind === 'heading' || block.kind === 'row' ? [{ from: 0, to: block.text.length, level: undefined }] : glyphLines(block.text);
    for (const line of lines) {
      const ranges = block.kind === 'heading' || block.kind === 'row' ? [[line.from, line.to]] : sentenceRanges(block.text.slice(line.from, line.to)).map(([from, to]) => [line.from + from, line.from + to]);
      const itemLevel = block.kind === 'item' && block.listDepth !== undefined ? block.listDepth - 1 : undefined;
      const level = line.level !== undefined ? (itemLevel ?? 0) + line.level : itemLevel;
      ranges.forEach(([from, to], index) => {
        const raw = block.text.slice(from, to);
        const lead = raw.length - raw.trimStart().length;
        const text = raw.trim();
        if (text === '') return;
        // A table row is quoted as the row itself; other statements map through their text pieces.
        const span = block.kind === 'row' ? block.span : sourceSpan(block.pieces, from + lead, from + lead + text.length) ?? block.span;
        const statement: Statement = { text, tokens: tokenize(text), block, from: from + lead, span, section: block.section, placeholder: isPlaceholderText(text.replace(/^[-*+]\s+/, '')) || onlyFiller(text), budget };
        // Only the first sentence of an entry is the entry; the sentences after it continue its text.
        if (level !== undefined) statement.level = index === 0 ? level : level + 1;
        statements.push(statement);
      });
    }
  }
  return statements;
}

/** Bullet glyphs of top-level entries, and of sub-entries, as word processors and plain-text exports write them. */
const TOP_GLYPHS = new Set(['•', '●', '■', '▪', '➢', '➤', '►', '▶', '✓', '✔', '⦁', '∙', '·']);
const SUB_GLYPHS = new Set(['o', '◦', '○', '□', '▫', '–', '⁃', '‣', '-']);

/**
 * A paragraph's lines that start with a bullet glyph are entries of their own (a pasted list that Markdown reads
 * as one paragraph); the glyph is left out of the entry. Other paragraphs are one line of prose (no level).
 */
export function glyphLines(text: string): { from: number; to: number; level?: number }[] {
  const lines: { from: number; to: number; level?: number }[] = [];
  let from = 0;
  let level: number | undefined;
  let sawGlyph = false;
  let start = 0;
  while (start <= text.length) {
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const glyph = glyphAt(text, start);
    if (glyph) {
      if (start > from || sawGlyph) lines.push({ from, to: start, level });
      sawGlyph = true;
      from = glyph.contentStart;
      level = glyph.level;
    }
    if (end >= text.length) break;
    start = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
  }
  lines.push({ from, to: text.length, level });
  return lines.filter((line) => line.to > line.from);
}

/** A glyph at a line start (after spaces), followed by white space: its level and where the entry's text starts. */
function glyphAt(text: string, lineStart: number): { level: number; contentStart: number } | undefined {
  let at = lineStart;
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
  const ch = text[at];
  if (ch === undefined) return undefined;
  const level = TOP_GLYPHS.has(ch) ? 0 : SUB_GLYPHS.has(ch) ? 1 : undefined;
  if (level === undefined) return undefined;
  let content = at + 1;
  if (content >= text.length || (text[content] !== ' ' && text[content] !== '\t' && text[content] !== '\u00a0')) return undefined;
  while (content < text.length && (text[content] === ' ' || text[content] === '\t' || text[content] === '\u00a0')) content++;
  return { level, contentStart: content };
}

/** Source span of the words [from, to) of a statement. */
export function wordsSpan(statement: Statement, from: number, to: number): Span {
  const first = statement.tokens[from];
  const last = statement.tokens[Math.max(from, to - 1)];
  if (!first || !last) return statement.span;
  return sourceSpan(statement.block.pieces, statement.from + first.start, statement.from + last.end) ?? statement.span;
}

/**
 * Sentence boundaries: `.`, `!`, `?` or `;` followed by white space and not closing an abbreviation, and
 * hard line breaks (soft line breaks are white space inside a sentence).
 */
export function sentenceRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    let boundary = false;
    if (ch === HARD_BREAK) boundary = true;
    else if ((ch === '.' || ch === '!' || ch === '?' || ch === ';') && (i + 1 === text.length || /\s/.test(text[i + 1]))) {
      boundary = ch !== '.' || !endsWithAbbreviation(text, i);
    }
    if (boundary) {
      ranges.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < text.length) ranges.push([start, text.length]);
  return ranges;
}

function endsWithAbbreviation(text: string, dot: number): boolean {
  let begin = dot;
  while (begin > 0 && !/[\s(]/.test(text[begin - 1])) begin--;
  const word = text.slice(begin, dot).toLowerCase().replace(/^[^a-z]+/, '');
  return ABBREVIATIONS.has(word) || /^[a-z]$/.test(word) || /^\d+$/.test(word);
}

/** "[TODO]", "{{ x }}: [TODO]", "Principle 1: [TODO]": nothing but labels and fillers. */
function onlyFiller(text: string): boolean {
  const parts = text.split(/[:;,|]/).map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) return true;
  if (parts.length > 3) return false;
  const fillers = parts.filter((part) => isPlaceholderText(part));
  return fillers.length > 0 && fillers.length >= parts.length - 1;
}
