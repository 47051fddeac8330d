import { HARD_BREAK, type MarkdownInfo, type TextBlock } from '../parse/markdown';
import { isPlaceholderText } from '../parse/placeholder';
import { sourceSpan } from '../parse/textBlock';
import type { Span } from '../types';
import { tokenize, type Token } from './match';

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
}

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'vs', 'no', 'approx', 'incl', 'min', 'max', 'mr', 'ms', 'mrs', 'dr', 'fig', 'ref', 'sec', 'cf', 'al', 'inc', 'ltd', 'co', 'corp', 'st', 'u.s', 'e.u', 'u.k']);

/** Splits the body's text blocks into statements; headings and table rows are one statement each. */
export function statementsOf(markdown: MarkdownInfo | undefined): Statement[] {
  if (!markdown) return [];
  const statements: Statement[] = [];
  for (const block of markdown.blocks) {
    const ranges = block.kind === 'heading' || block.kind === 'row' ? [[0, block.text.length]] : sentenceRanges(block.text);
    for (const [from, to] of ranges) {
      const raw = block.text.slice(from, to);
      const lead = raw.length - raw.trimStart().length;
      const text = raw.trim();
      if (text === '') continue;
      // A table row is quoted as the row itself; other statements map through their text pieces.
      const span = block.kind === 'row' ? block.span : sourceSpan(block.pieces, from + lead, from + lead + text.length) ?? block.span;
      statements.push({ text, tokens: tokenize(text), block, from: from + lead, span, section: block.section, placeholder: isPlaceholderText(text.replace(/^[-*+]\s+/, '')) || onlyFiller(text) });
    }
  }
  return statements;
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
  const fillers = parts.filter((part) => isPlaceholderText(part));
  return fillers.length > 0 && fillers.length >= parts.length - 1 && parts.length <= 3;
}
