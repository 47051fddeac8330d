import { datesIn } from '../parse/dates';
import { readDate } from '../parse/dates';
import { normalizeHeading, type MarkdownInfo, type MarkdownTable } from '../parse/markdown';
import { isPlaceholderText } from '../parse/placeholder';
import { entryOf, type PMap } from '../parse/yamlModel';
import type { Span } from '../types';
import { APPROVAL_WORDS, META_KEYS, META_LABELS, REVISION_COLUMNS, type MetaKey } from './lexicon';
import { tokenize } from './match';

export interface MetaValue {
  value: string;
  span: Span;
  /** Where it was found, for messages: "front matter `policy_owner`", "bold label **Owner**", "document control table". */
  source: string;
}

export type Metadata = Partial<Record<MetaKey, MetaValue>>;

const KEYS = Object.keys(META_LABELS) as MetaKey[];

/** The metadata key a label names ("Policy Number" -> id), or undefined. */
export function metaKeyOf(label: string): MetaKey | undefined {
  const normalized = normalizeHeading(label);
  return KEYS.find((key) => META_LABELS[key].includes(normalized));
}

/**
 * Policy metadata wherever organisations keep it: front matter keys of their own, bold labels (also several
 * on one line separated by `|`, and a label whose values are the list below it), `Attribute | Value` tables,
 * one-row header tables, an id in the title, and the revision history (its latest approved row).
 * The first place that states a fact wins, in that order.
 */
export function readMetadata(text: string, root: PMap | undefined, markdown: MarkdownInfo | undefined): Metadata {
  const meta: Metadata = {};
  const set = (key: MetaKey, value: MetaValue) => {
    meta[key] ??= value;
  };
  for (const key of KEYS) {
    for (const alias of META_KEYS[key]) {
      const entry = entryOf(root, alias);
      if (!entry) continue;
      const node = entry.value;
      if (node.kind === 'scalar') {
        const value = node.value === null ? '' : String(node.value);
        set(key, { value, span: value === '' ? entry.keySpan : node.span, source: `front matter \`${alias}\`` });
      }
      break;
    }
  }
  if (!markdown) return meta;
  for (const label of markdown.labels) {
    const key = metaKeyOf(label.label);
    if (label.items && label.value === '') {
      // `**Approved by**:` then `- CISO: ____ Date: ____`; `**Document Control**:` then `- Version: 1.0`.
      if (key) set(key, { value: label.items.map((item) => item.text).join('; '), span: label.items[0]?.span ?? label.labelSpan, source: `**${label.label}** list` });
      for (const item of label.items) {
        const colon = item.text.indexOf(':');
        const itemKey = colon > 0 ? metaKeyOf(item.text.slice(0, colon)) : undefined;
        const value = colon > 0 ? item.text.slice(colon + 1).trim() : '';
        const start = text.indexOf(value, item.span.start);
        if (itemKey && value !== '' && start >= 0 && start < item.span.end) set(itemKey, { value, span: { start, end: start + value.length }, source: `**${label.label}** list` });
      }
      continue;
    }
    if (key) set(key, { value: label.value, span: label.valueSpan, source: `bold label **${label.label}**` });
  }
  for (const table of markdown.tables) readTable(table, set);
  const title = markdown.sections[0];
  if (title) {
    const id = documentIdIn(title.heading);
    const start = id ? text.indexOf(id, title.headingSpan.start) : -1;
    if (id && start >= 0 && start < title.headingSpan.end) set('id', { value: id, span: { start, end: start + id.length }, source: 'title' });
  }
  readRevisionHistory(markdown.tables, meta, set);
  approvalDateInApprover(text, meta);
  return meta;
}

/** "**Approved by:** Security Committee, 2026-03-10": the approver's line carries the approval date. */
function approvalDateInApprover(text: string, meta: Metadata): void {
  const approver = meta.approvedBy;
  if (!approver || meta.approvalDate) return;
  const source = text.slice(approver.span.start, approver.span.end);
  if (source !== approver.value) return;
  const [date] = datesIn(approver.value).filter((found) => found.reading.kind !== 'month');
  if (!date) return;
  meta.approvalDate = { value: approver.value.slice(date.start, date.end), span: { start: approver.span.start + date.start, end: approver.span.start + date.end }, source: approver.source };
}

const isUpper = (code: number) => code >= 65 && code <= 90;
const isDigit = (code: number) => code >= 48 && code <= 57;
/** A word character as `\b` reads it (no `u` flag): ASCII letters, digits and `_`. */
const isWordCode = (code: number) => isUpper(code) || isDigit(code) || (code >= 97 && code <= 122) || code === 95;

/**
 * The first document id in a title ("POL-KM-001", "ISP-12"): upper-case segments joined by hyphens, the last one
 * starting with a digit, whole words. The same as `/\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+[A-Z0-9]*\b/`, in one
 * pass over the text: that pattern backtracks for minutes on a long hyphenated title.
 */
export function documentIdIn(text: string): string | undefined {
  const segmentEnd = (from: number) => {
    let at = from;
    while (at < text.length && (isUpper(text.charCodeAt(at)) || isDigit(text.charCodeAt(at)))) at++;
    return at;
  };
  let at = 0;
  while (at < text.length) {
    if (!isUpper(text.charCodeAt(at)) || (at > 0 && isWordCode(text.charCodeAt(at - 1)))) {
      at++;
      continue;
    }
    // A chain of segments from here; the id ends after the last segment that starts with a digit and ends a word.
    let end = segmentEnd(at);
    let best = -1;
    while (text.charCodeAt(end) === 45 /* - */ && end + 1 < text.length && segmentEnd(end + 1) > end + 1) {
      const segmentStart = end + 1;
      end = segmentEnd(segmentStart);
      if (isDigit(text.charCodeAt(segmentStart)) && !(end < text.length && isWordCode(text.charCodeAt(end)))) best = end;
    }
    if (best >= 0) return text.slice(at, best);
    // A later start inside this chain has a suffix of it, so no id either.
    at = Math.max(at + 1, end);
  }
  return undefined;
}

/** Two-column `Attribute | Value` tables, and one-row tables whose header cells are the labels. */
function readTable(table: MarkdownTable, set: (key: MetaKey, value: MetaValue) => void): void {
  if (table.header.length === 2) {
    // The header row may itself be a label row (`| Owner | Jane Doe |`), unless both its cells are column names
    // (`| Approved by | Date |`): then it heads the rows below (an approval table, read with the revision history).
    const headed = isColumnName(table.header[1].text);
    const rows = headed ? table.rows : [table.header, ...table.rows];
    const labelled = rows.filter((row) => row[0] && metaKeyOf(row[0].text));
    if (labelled.length >= 2 || (labelled.length === 1 && rows.length <= 3)) {
      for (const row of labelled) {
        const value = row[1];
        if (value) set(metaKeyOf(row[0].text)!, { value: value.text, span: value.span.end > value.span.start ? value.span : row[0].span, source: 'document control table' });
      }
      return;
    }
  }
  if (table.rows.length === 1) {
    const keys = table.header.map((cell) => metaKeyOf(cell.text));
    if (keys.filter(Boolean).length >= 2) {
      keys.forEach((key, index) => {
        const value = table.rows[0][index];
        if (key && value) set(key, { value: value.text, span: value.span.end > value.span.start ? value.span : table.header[index].span, source: 'header table' });
      });
    }
  }
}

type RevisionColumn = keyof typeof REVISION_COLUMNS;

/** Words that name a column rather than state a value: a header row of them heads a table, it is no label row. */
const COLUMN_NAMES = ['date', 'value', 'name', 'names', 'details', 'signature', 'role', 'title', 'description', 'comments', 'notes', 'status', 'outcome'];

function isColumnName(text: string): boolean {
  const name = normalizeHeading(text);
  return COLUMN_NAMES.includes(name) || name.endsWith(' date') || metaKeyOf(text) !== undefined || (Object.values(REVISION_COLUMNS) as string[][]).some((names) => names.includes(name));
}

/** A table that logs reviews: a header cell about a review (not the next one) beside its date column. */
function isReviewLog(table: MarkdownTable): boolean {
  return table.header.some((cell) => {
    const name = normalizeHeading(cell.text);
    return /\breview(s|ed|er|ers)?\b/.test(name) && !/\bnext\b|\bdue\b/.test(name);
  });
}

function revisionColumns(table: MarkdownTable): Partial<Record<RevisionColumn, number>> {
  const columns: Partial<Record<RevisionColumn, number>> = {};
  table.header.forEach((cell, index) => {
    const name = normalizeHeading(cell.text);
    for (const column of Object.keys(REVISION_COLUMNS) as RevisionColumn[]) {
      if (columns[column] === undefined && (REVISION_COLUMNS[column].includes(name) || (column === 'date' && name.endsWith(' date')) || (column === 'approver' && name.includes('approv')))) {
        columns[column] = index;
        break;
      }
    }
  });
  return columns;
}

/**
 * Revision history / document control: the latest dated row that records an approval (an approver
 * column, or a change that says "Approved") gives the approver and date; the latest row gives the version.
 */
function readRevisionHistory(tables: MarkdownTable[], meta: Metadata, set: (key: MetaKey, value: MetaValue) => void): void {
  for (const table of tables) {
    const columns = revisionColumns(table);
    if (columns.date === undefined || (columns.version === undefined && columns.change === undefined && columns.approver === undefined && !isReviewLog(table))) continue;
    let latest: { iso: string; row: number } | undefined;
    let approved: { iso: string; row: number; by?: number } | undefined;
    table.rows.forEach((row, index) => {
      const date = row[columns.date!];
      const reading = date ? readDate(date.text) : undefined;
      const iso = reading && (reading.kind === 'iso' || reading.kind === 'normalizable') ? reading.iso : reading?.kind === 'month' ? reading.start : undefined;
      if (!iso) return;
      if (!latest || iso >= latest.iso) latest = { iso, row: index };
      const approver = columns.approver !== undefined ? row[columns.approver] : undefined;
      const change = columns.change !== undefined ? row[columns.change] : undefined;
      const says = change ? tokenize(change.text).map((token) => token.word).join(' ') : '';
      const byColumn = approver && !isPlaceholderText(approver.text) ? columns.approver : undefined;
      const byChange = APPROVAL_WORDS.some((word) => ` ${says} `.includes(` ${word} `)) ? columns.author ?? columns.approver : undefined;
      const by = byColumn ?? byChange;
      if ((byColumn !== undefined || byChange !== undefined) && (!approved || iso >= approved.iso)) approved = { iso, row: index, by };
    });
    if (approved) {
      const row = table.rows[approved.row];
      const by = approved.by !== undefined ? row[approved.by] : undefined;
      if (by && by.text !== '') set('approvedBy', { value: by.text, span: by.span, source: 'revision history' });
      const date = row[columns.date!];
      set('approvalDate', { value: date.text, span: date.span, source: 'revision history' });
    }
    // A review log (`| Review date | Reviewer | Outcome |`): its latest dated row is the last review.
    if (latest && isReviewLog(table)) {
      const date = table.rows[latest.row][columns.date!];
      set('lastReviewed', { value: date.text, span: date.span, source: 'review log' });
    }
    if (latest && columns.version !== undefined && !meta.version) {
      const version = table.rows[latest.row][columns.version];
      if (version && version.text !== '') set('version', { value: version.text, span: version.span, source: 'revision history' });
    }
  }
}
