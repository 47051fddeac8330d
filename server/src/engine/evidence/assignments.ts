import { append } from '../arrays';
import type { MarkdownInfo, MarkdownTable, MarkdownTableCell } from '../parse/markdown';
import { normalizeHeading } from '../parse/markdown';
import { isPlaceholderText } from '../parse/placeholder';
import type { Span } from '../types';
import { dutiesIn } from './concepts';
import { ASSIGNMENT_COLUMNS, RACI_ACTIVITY_COLUMNS } from './lexicon';
import { tokenize } from './match';
import { readingBudget, type ReadingBudget } from './reading';
import type { Statement } from './statements';
import type { DutyValue, RoleModel, TextValue } from './types';

/**
 * Duties assigned where people assign them outside a roles table: the `Owner` or `Responsible` column of a key
 * inventory, rotation schedule or monitoring table, and RACI matrices (`Activity | KC | SO | ...` with R/A/C/I
 * cells). Each yields roles holding the duties of their rows.
 */
export function rolesFromAssignmentTables(markdown: MarkdownInfo, isRolesTable: (table: MarkdownTable) => boolean): RoleModel[] {
  const roles: RoleModel[] = [];
  const legend = roleLegend(markdown.tables);
  for (const table of markdown.tables) {
    if (isRolesTable(table)) continue;
    const raci = raciColumns(table);
    append(roles, raci ? rolesFromRaci(table, raci, legend) : rolesFromOwnerColumn(table));
  }
  return roles;
}

/** A RACI cell: letters R, A, C, I (S, V) alone or joined by `/`, `,`, `+` or spaces. Scanned, not matched by a pattern. */
export function raciLetters(cell: string): Set<string> | undefined {
  const letters = new Set<string>();
  const text = cell.replace(/[*_`]/g, '').trim();
  if (text === '' || text.length > 16) return undefined;
  for (const ch of text.toUpperCase()) {
    if ('RACISV'.includes(ch)) letters.add(ch);
    else if (!'/,+ '.includes(ch)) return undefined;
  }
  return letters.size > 0 ? letters : undefined;
}

/** Columns of a RACI matrix: the first column names activities, at least two others hold mostly RACI letters. */
function raciColumns(table: MarkdownTable): number[] | undefined {
  if (table.header.length < 3) return undefined;
  const first = normalizeHeading(table.header[0].text);
  const activityHeader = RACI_ACTIVITY_COLUMNS.includes(first) || first === '';
  const columns: number[] = [];
  for (let column = 1; column < table.header.length; column++) {
    let filled = 0;
    let letters = 0;
    for (const row of table.rows) {
      const text = row[column]?.text ?? '';
      if (text === '') continue;
      filled++;
      if (raciLetters(text)) letters++;
    }
    if (filled > 0 && letters / filled >= 0.8) columns.push(column);
  }
  return columns.length >= 2 && (activityHeader || columns.length >= 3) ? columns : undefined;
}

/** Role codes spelt out elsewhere (`| KC | Key Custodian | ... |`): code -> name. */
function roleLegend(tables: MarkdownTable[]): Map<string, string> {
  const legend = new Map<string, string>();
  for (const table of tables) {
    for (const row of table.rows) {
      const code = row[0]?.text ?? '';
      const name = row[1]?.text ?? '';
      if (code.length >= 1 && code.length <= 6 && /^[A-Z0-9]+$/.test(code) && tokenize(name).length >= 1 && tokenize(name).length <= 6 && !legend.has(code)) legend.set(code, name);
    }
  }
  return legend;
}

function rolesFromRaci(table: MarkdownTable, columns: number[], legend: Map<string, string>): RoleModel[] {
  const roles = new Map<number, RoleModel>();
  let group: MarkdownTableCell | undefined;
  for (const row of table.rows) {
    const activity = row[0];
    if (!activity || activity.text === '') continue;
    // A row with only its first cell filled is a group heading ("**Key Rotation**") for the rows below it.
    if (row.slice(1).every((cell) => cell.text === '')) {
      group = activity;
      continue;
    }
    const duties = [...dutiesOfCell(activity, table.section, tableBudget(table)), ...(group ? dutiesOfCell(group, table.section, tableBudget(table)) : [])];
    if (duties.length === 0) continue;
    for (const column of columns) {
      const letters = raciLetters(row[column]?.text ?? '');
      if (!letters || !(letters.has('R') || letters.has('A'))) continue;
      const role = roles.get(column) ?? newRole(table, column, legend);
      roles.set(column, role);
      for (const duty of duties) if (!role.responsibilities.some((held) => held.value === duty.value)) role.responsibilities.push(duty);
    }
  }
  return [...roles.values()].filter((role) => role.responsibilities.length > 0);
}

function newRole(table: MarkdownTable, column: number, legend: Map<string, string>): RoleModel {
  const header = table.header[column];
  const name = legend.get(header.text) ?? header.text;
  const title: TextValue = { value: name, span: header.span };
  return { title, assignee: title, id: { value: header.text.toLowerCase(), span: header.span }, responsibilities: [], alternates: [], source: 'assignment', structured: false, keySpans: {}, span: table.span };
}

/** A table with an owner column: each owner holds the duties its rows describe, and those its filled columns name ("Rotation"). */
function rolesFromOwnerColumn(table: MarkdownTable): RoleModel[] {
  const ownerColumn = table.header.findIndex((cell) => ASSIGNMENT_COLUMNS.includes(normalizeHeading(cell.text)));
  if (ownerColumn < 0) return [];
  const headerDuties = table.header.map((cell) => dutiesIn(cellStatement(cell, table.section, tableBudget(table))).map((found) => found.duty));
  const roles: RoleModel[] = [];
  for (const row of table.rows) {
    const owner = row[ownerColumn];
    if (!owner || owner.text === '' || isPlaceholderText(owner.text) || tokenize(owner.text).length > 8) continue;
    const duties: DutyValue[] = [];
    row.forEach((cell, column) => {
      if (column === ownerColumn || cell.text === '' || isPlaceholderText(cell.text)) return;
      for (const duty of [...dutiesOfCell(cell, table.section, tableBudget(table)), ...headerDuties[column].map((value) => ({ value, matched: table.header[column].text, span: cell.span }))]) {
        if (!duties.some((held) => held.value === duty.value)) duties.push(duty);
      }
    });
    if (duties.length === 0) continue;
    const title: TextValue = { value: owner.text, span: owner.span };
    const first = row.find((cell) => cell.span.end > cell.span.start) ?? owner;
    const last = [...row].reverse().find((cell) => cell.span.end > cell.span.start) ?? owner;
    roles.push({ title, assignee: title, id: { value: owner.text.toLowerCase().replace(/\s+/g, '-'), span: owner.span }, responsibilities: duties, alternates: [], source: 'assignment', structured: false, keySpans: {}, span: { start: first.span.start, end: last.span.end } });
  }
  return roles;
}

function cellStatement(cell: MarkdownTableCell, section: number, budget: ReadingBudget | undefined): Statement {
  return {
    text: cell.plain, tokens: tokenize(cell.plain), from: 0, span: cell.span, section, placeholder: isPlaceholderText(cell.text),
    block: { kind: 'row', text: cell.plain, pieces: cell.pieces, span: cell.span, section }, ...(budget ? { budget } : {}),
  };
}

const tableBudgets = new WeakMap<MarkdownTable, ReadingBudget>();

/** The English reader's budget of a table's cells (evidence/reading.ts): one per table, as a document has one. */
export function tableBudget(table: MarkdownTable): ReadingBudget {
  let budget = tableBudgets.get(table);
  if (!budget) tableBudgets.set(table, (budget = readingBudget()));
  return budget;
}

/** The duties a table cell names, read as one statement, each with the span of its words. */
export function dutiesOfCell(cell: MarkdownTableCell, section: number, budget?: ReadingBudget): DutyValue[] {
  const statement = cellStatement(cell, section, budget);
  if (statement.placeholder) return [];
  return dutiesIn(statement).map((found) => ({ value: found.duty, matched: found.label, span: spanOfWords(found.words, cell.span) }));
}

/** The span from the first of the words to the last (the fallback when there are none). */
export function spanOfWords(words: Span[], fallback: Span): Span {
  if (words.length === 0) return fallback;
  let start = words[0].start;
  let end = words[0].end;
  for (const word of words) {
    if (word.start < start) start = word.start;
    if (word.end > end) end = word.end;
  }
  return { start, end };
}
