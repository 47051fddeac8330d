import type { MarkdownInfo, MarkdownTable, MarkdownTableCell } from '../parse/markdown';
import { normalizeHeading } from '../parse/markdown';
import { isPlaceholderText } from '../parse/placeholder';
import { entryOf, type PMap, type PNode } from '../parse/yamlModel';
import type { Span } from '../types';
import { dutiesOfCell, rolesFromAssignmentTables, spanOfWords, tableBudget } from './assignments';
import { dutiesIn, type ConceptIndex } from './concepts';
import { POLARITY, ROLE_COLUMNS, RESPONSIBILITY_VERBS, TEAM_WORDS } from './lexicon';
import { TermMatcher, tokenize, type Occurrence } from './match';
import { readSpan, readStatement, tokenAt } from './reading';
import { wordsSpan, type Statement } from './statements';
import type { DutyValue, RoleModel, TextValue } from './types';
import { append } from '../arrays';

/** Where the roles of a document are, and the roles themselves (every layout merged, in document order). */
export interface RolesEvidence {
  roles: RoleModel[];
  /** The `roles` key, or the heading of the roles section; undefined when the document has neither. */
  span?: Span;
  /** The roles section, when the body has one. */
  section?: number;
}

export function readRoles(text: string, root: PMap | undefined, markdown: MarkdownInfo | undefined, statements: Statement[], concepts: ConceptIndex): RolesEvidence {
  const entry = entryOf(root, 'roles');
  if (entry) return { roles: rolesFromYaml(entry.value), span: entry.keySpan };
  if (!markdown) return { roles: [] };
  // "Role-specific training" is about training: a section about another topic is no roles section unless it says responsibilities.
  const training = concepts.sectionsAbout('training');
  const sections = concepts.sectionsAbout('roles').filter((section) => !training.includes(section) || /responsib|dut/i.test(markdown.sections[section].normalized));
  const inRoles = (section: number) => withinAny(markdown, section, sections);
  const section = sections[0];
  const roles: RoleModel[] = [];
  const tables = markdown.tables.filter(isRolesTable);
  // A roles table anywhere counts; the rest of the layouts are read inside a roles section, sentences anywhere.
  for (const table of tables) append(roles, rolesFromTable(table));
  append(roles, rolesFromSubsections(markdown, sections, tables, statements));
  append(roles, rolesFromLabels(markdown, statements, inRoles, text));
  append(roles, rolesFromOutline(statements, inRoles));
  append(roles, rolesFromAssignmentTables(markdown, isRolesTable));
  append(roles, rolesFromSentences(statements, tables));
  const merged = mergeRoles(roles);
  const span = section !== undefined ? markdown.sections[section].headingSpan : tables[0]?.span;
  return { roles: merged, span, section };
}

function withinAny(markdown: MarkdownInfo, section: number, ancestors: number[]): boolean {
  for (let current = section; current >= 0; current = markdown.sections[current].parent) if (ancestors.includes(current)) return true;
  return false;
}

/** "Key Custodian" -> key-custodian; also how a table cell names a duty id. */
export function slug(text: string): string {
  return text.trim().toLowerCase().replace(/[`*_]/g, '').replace(/[\s_]+/g, '-');
}

function textValue(node: PNode | undefined): TextValue | undefined {
  if (!node || node.kind !== 'scalar' || node.value === null) return undefined;
  return { value: String(node.value), span: node.span };
}

/** Strings of a list, or of a single scalar written where a list is expected. */
export function textList(node: PNode | undefined): TextValue[] {
  if (!node) return [];
  const items = node.kind === 'seq' ? node.items : [node];
  const out: TextValue[] = [];
  for (const item of items) {
    const value = textValue(item);
    if (value) out.push(value);
  }
  return out;
}

function rolesFromYaml(value: PNode): RoleModel[] {
  if (value.kind !== 'seq') return [];
  const roles: RoleModel[] = [];
  for (const item of value.items) {
    if (item.kind !== 'map') continue;
    const keySpans: RoleModel['keySpans'] = {};
    for (const field of item.entries) keySpans[field.key] = field.keySpan;
    roles.push({
      id: textValue(entryOf(item, 'id')?.value),
      title: textValue(entryOf(item, 'title')?.value),
      assignee: textValue(entryOf(item, 'assignee')?.value),
      responsibilities: textList(entryOf(item, 'responsibilities')?.value),
      alternates: textList(entryOf(item, 'alternates')?.value),
      trained: textValue(entryOf(item, 'trained')?.value),
      reviewed: textValue(entryOf(item, 'reviewed')?.value),
      span: item.span,
      node: item,
      source: 'yaml',
      structured: true,
      keySpans,
    });
  }
  return roles;
}

type Column = keyof typeof ROLE_COLUMNS;

function columnOf(header: string): Column | undefined {
  const name = normalizeHeading(header);
  for (const column of Object.keys(ROLE_COLUMNS) as Column[]) {
    if ((ROLE_COLUMNS[column] as readonly string[]).includes(name)) return column;
  }
  if (/responsibilit|duties|accountabilit/.test(name)) return 'duties';
  return undefined;
}

/** A table that maps roles or teams to responsibilities, whatever its header words. */
export function isRolesTable(table: MarkdownTable): boolean {
  const columns = table.header.map((cell) => columnOf(cell.text));
  return columns.includes('duties') && columns.some((column) => column === 'role' || column === 'team' || column === 'assignee');
}

const DUTY_ID = /^`?[a-z0-9]+(?:-[a-z0-9]+)+`?$/;

function rolesFromTable(table: MarkdownTable): RoleModel[] {
  const columns = table.header.map((cell) => columnOf(cell.text));
  const dutyColumn = columns.indexOf('duties');
  // Duty ids in every filled cell: a structured list (unknown ids are errors); otherwise free text read by meaning.
  const structured = table.rows.some((row) => row[dutyColumn]?.text) && table.rows.every((row) => {
    const parts = splitCell(row[dutyColumn]);
    return parts.every((part) => DUTY_ID.test(part.value));
  });
  const hasAssignee = columns.includes('assignee');
  return table.rows.map((row) => {
    const first = row.find((cell) => cell.span.end > cell.span.start) ?? row[0];
    const last = [...row].reverse().find((cell) => cell.span.end > cell.span.start) ?? row[row.length - 1];
    const role: RoleModel = {
      responsibilities: [], alternates: [], source: 'table', structured, keySpans: {},
      span: { start: first?.span.start ?? table.span.start, end: last?.span.end ?? table.span.end },
    };
    row.forEach((cell, index) => {
      const column = columns[index];
      const value: TextValue = { value: cell.text, span: cell.span };
      if (!column || cell.text === '') return;
      if (column === 'duties') {
        role.text = value;
        role.responsibilities = structured ? splitCell(cell).map((part) => ({ ...part, value: slug(part.value) })) : dutiesOfCell(cell, table.section, tableBudget(table));
      } else if (column === 'alternates') {
        role.alternates = splitCell(cell).map((part) => ({ ...part, value: slug(part.value) }));
      } else if (column === 'role') {
        role.title ??= value;
      } else if (column === 'team') {
        if (hasAssignee) role.title ??= value;
        else role.assignee ??= value;
      } else if (column === 'id' || column === 'assignee' || column === 'trained' || column === 'reviewed') {
        role[column] = value;
      }
    });
    if (!role.title && role.assignee && !hasAssignee) role.title = role.assignee;
    // With no assignee column, the Role column names the team or position that holds the duties.
    if (!hasAssignee && !role.assignee && role.title) role.assignee = role.title;
    if (!role.id && role.title) role.id = { value: slug(role.title.value), span: role.title.span };
    return role;
  });
}

/** `<br>`, `<br/>`, `<br />` at `at`: its length, else 0. */
function breakTagAt(text: string, at: number): number {
  if (!text.startsWith('<br', at)) return 0;
  let end = at + 3;
  while (end < text.length && text[end].trim() === '') end++;
  if (text[end] === '/') end++;
  return text[end] === '>' ? end + 1 - at : 0;
}

/** The pieces between `,`, `;` and `<br>` tags, and the separators, in order (as `split(/([,;]|<br\s*\/?>)/)`, in one pass). */
function splitOnSeparators(text: string): { piece: string; separator: boolean }[] {
  const pieces: { piece: string; separator: boolean }[] = [];
  let from = 0;
  for (let at = 0; at < text.length; at++) {
    const length = text[at] === ',' || text[at] === ';' ? 1 : text[at] === '<' ? breakTagAt(text, at) : 0;
    if (length === 0) continue;
    pieces.push({ piece: text.slice(from, at), separator: false }, { piece: text.slice(at, at + length), separator: true });
    from = at + length;
    at += length - 1;
  }
  pieces.push({ piece: text.slice(from), separator: false });
  return pieces;
}

/** Splits "a, b; c" inside one table cell, keeping each part's exact span. */
function splitCell(cell: MarkdownTableCell | undefined): TextValue[] {
  if (!cell) return [];
  const parts: TextValue[] = [];
  const text = cell.source;
  let offset = 0;
  for (const { piece, separator } of splitOnSeparators(text)) {
    if (separator) {
      offset += piece.length;
      continue;
    }
    const lead = piece.length - piece.trimStart().length;
    const value = piece.trim();
    if (value !== '' && !isPlaceholderText(value)) parts.push({ value, span: { start: cell.span.start + offset + lead, end: cell.span.start + offset + lead + value.length } });
    offset += piece.length;
  }
  return parts;
}

function dutyValues(statement: Statement, fromToken: number): DutyValue[] {
  if (statement.placeholder) return [];
  return dutiesIn(statement, fromToken).map((found) => ({ value: found.duty, matched: found.label, span: spanOfWords(found.words, statement.span) }));
}

/** "### 4.1 Security Team" under a roles section, with bullets or sentences of duties. */
function rolesFromSubsections(markdown: MarkdownInfo, rolesSections: number[], tables: MarkdownTable[], statements: Statement[]): RoleModel[] {
  const roles: RoleModel[] = [];
  const bySection = new Map<number, Statement[]>();
  for (const statement of statements) {
    if (statement.block.kind === 'heading') continue;
    const list = bySection.get(statement.section);
    if (list) list.push(statement);
    else bySection.set(statement.section, [statement]);
  }
  markdown.sections.forEach((section, index) => {
    if (!rolesSections.includes(section.parent) || rolesSections.includes(index)) return;
    if (tables.some((table) => table.section === index)) return;
    const body = bySection.get(index) ?? [];
    if (body.length === 0 || isPlaceholderText(section.heading)) return;
    const name = section.heading.replace(/^\s*[0-9]+(\.[0-9]+)*\.?\s+/, '');
    const title = { value: name, span: { start: Math.max(section.headingSpan.start, section.headingSpan.end - name.length), end: section.headingSpan.end } };
    roles.push({
      title, assignee: title, id: { value: slug(name), span: title.span },
      responsibilities: body.flatMap((statement) => dutyValues(statement, 0)),
      alternates: [], source: 'subsection', structured: false, keySpans: {},
      span: section.span, text: { value: body.map((statement) => statement.text).join(' '), span: { start: body[0].span.start, end: body[body.length - 1].span.end } },
    });
  });
  return roles;
}

/** "- **Security Team:** manage keys" in a roles section. */
function rolesFromLabels(markdown: MarkdownInfo, statements: Statement[], inRoles: (section: number) => boolean, text: string): RoleModel[] {
  const byStart = new Map<number, Statement>();
  for (const statement of statements) if (statement.block.kind !== 'heading' && statement.block.kind !== 'row') byStart.set(statement.span.start, statement);
  const roles: RoleModel[] = [];
  for (const label of markdown.labels) {
    // The statement starts inside the label's `**` markers.
    const statement = byStart.get(label.labelSpan.start + 2) ?? byStart.get(label.labelSpan.start);
    if (!statement || !inRoles(statement.section) || label.value === '' || isPlaceholderText(label.label)) continue;
    const name = label.label.replace(/:$/, '').trim();
    const start = text.indexOf(name, label.labelSpan.start);
    const span = start >= 0 && start < label.labelSpan.end ? { start, end: start + name.length } : label.labelSpan;
    const colonAt = statement.text.indexOf(':');
    const firstDutyToken = statement.tokens.findIndex((token) => token.start > colonAt);
    const title = { value: name, span };
    roles.push({
      title, assignee: title, id: { value: slug(name), span },
      responsibilities: firstDutyToken < 0 ? [] : dutyValues(statement, firstDutyToken),
      alternates: [], source: 'label', structured: false, keySpans: {}, span: statement.span,
      text: { value: label.value, span: label.valueSpan },
    });
  }
  return roles;
}

/** A bullet that names a role holds no more words than this (the rest of the words are its duties below it). */
const MAX_ROLE_NAME_WORDS = 6;

/**
 * "• Security Team" with its duties as sub-bullets ("o Define cryptographic standards"), in a roles section:
 * Markdown nested lists and pasted glyph lists alike (statements carry their outline level).
 */
function rolesFromOutline(statements: Statement[], inRoles: (section: number) => boolean): RoleModel[] {
  const roles: RoleModel[] = [];
  for (let i = 0; i < statements.length; i++) {
    const parent = statements[i];
    if (parent.level === undefined || parent.placeholder || !inRoles(parent.section)) continue;
    const trimmed = parent.text.trimEnd();
    const name = (trimmed.endsWith(':') || trimmed.endsWith('：') ? trimmed.slice(0, -1) : trimmed).trim();
    const words = tokenize(name);
    if (words.length === 0 || words.length > MAX_ROLE_NAME_WORDS || name.includes(':') || dutyValues(parent, 0).length > 0) continue;
    const children: Statement[] = [];
    for (let j = i + 1; j < statements.length; j++) {
      const child = statements[j];
      if (child.level === undefined || child.level <= parent.level || child.section !== parent.section) break;
      children.push(child);
    }
    const duties = children.flatMap((child) => dutyValues(child, 0));
    if (children.length === 0 || duties.length === 0) continue;
    const title = { value: name, span: wordsSpan(parent, 0, words.length) };
    const last = children[children.length - 1];
    roles.push({
      title, assignee: title, id: { value: slug(name), span: title.span },
      responsibilities: duties, alternates: [], source: 'label', structured: false, keySpans: {},
      span: { start: parent.span.start, end: last.span.end },
      text: { value: children.map((child) => child.text).join('; '), span: { start: children[0].span.start, end: last.span.end } },
    });
  }
  return roles;
}

let verbs: { matcher: TermMatcher; ids: Set<number>; lexical: Set<number> } | undefined;
const SUBJECT_SKIP = new Set(['the', 'our', 'all', 'each', 'every', 'any', 'a', 'an', 'its', 'their', 'designated', 'relevant', 'appropriate']);
const TEAM_HEADS = new Set(TEAM_WORDS.filter((word) => !['security', 'compliance', 'audit', 'platform', 'infrastructure', 'it', 'function', 'unit', 'office', 'management'].includes(word)));

/** "The Information Security Team is responsible for ...", "Key custodians shall rotate keys ...". */
function rolesFromSentences(statements: Statement[], tables: MarkdownTable[]): RoleModel[] {
  if (!verbs) {
    const matcher = new TermMatcher();
    verbs = { matcher, ids: new Set(RESPONSIBILITY_VERBS.map((verb) => matcher.term(verb))), lexical: new Set(RESPONSIBILITY_VERBS.filter((verb) => verb.endsWith('~')).map((verb) => matcher.term(verb))) };
  }
  const roles: RoleModel[] = [];
  for (const statement of statements) {
    if (statement.block.kind === 'heading' || statement.block.kind === 'row' || statement.placeholder) continue;
    if (tables.some((table) => statement.block.table === table)) continue;
    const passive = passiveAgent(statement);
    if (passive) {
      roles.push(passive);
      continue;
    }
    const found = verbs.matcher.occurrences(statement.tokens.slice(0, 12));
    let verb: Occurrence | undefined;
    for (const list of found.values()) for (const occurrence of list) if (!verb || occurrence.from < verb.from) verb = occurrence;
    if (!verb || verb.from < 1 || verb.from > 9) continue;
    // "shall be rotated by ..." is the passive (read above); "shall only" limits rather than assigns.
    const after = statement.tokens[verb.to]?.word;
    if (after === 'be' || after === 'been' || after === 'only') continue;
    let start = 0;
    while (start < verb.from && SUBJECT_SKIP.has(statement.tokens[start].word)) start++;
    if (start >= verb.from || !TEAM_HEADS.has(statement.tokens[verb.from - 1].word)) continue;
    const subject = statement.tokens.slice(start, verb.from);
    if (subject.some((token) => ['this', 'these', 'it', 'that', 'which', 'who', 'following', 'such', 'other', 'same'].includes(token.word))) continue;
    // "Authorized staff rotate keys": people in general, not a named role or team (as in the passive).
    if (GENERIC_HEADS.has(subject[subject.length - 1].word) && subject.slice(0, -1).every((token) => QUALIFIERS.has(token.word))) continue;
    // The verb follows the subject directly: "Key administrators (rotate, set policy)" is a parenthesis, not a predicate.
    if (statement.text.slice(statement.tokens[verb.from - 1].end, statement.tokens[verb.from].start).trim() !== '') continue;
    // A verb found by its stem ("manages" for `manage~`) must be that verb as read ("managers" is not).
    if (verb.checks && !isVerb(statement, verb.from, verb.checks[0].lemma)) continue;
    // "The Security Team shall not escrow keys": a denied duty is not held.
    if (deniedFrom(statement, statement.tokens[verb.from].start)) continue;
    const span = wordsSpan(statement, start, verb.from);
    const title = { value: statement.text.slice(subject[0].start, subject[subject.length - 1].end), span };
    roles.push({
      title, assignee: title, id: { value: slug(title.value), span },
      // A verb that names the duty itself ("destroys keys", "manages the HSM") is part of it; "shall" and "is responsible for" are not.
      responsibilities: dutyValues(statement, verbs.lexical.has(verb.term) ? verb.from : verb.to),
      alternates: [], source: 'sentence', structured: false, keySpans: {}, span: statement.span,
      text: { value: statement.text, span: statement.span },
    });
  }
  return roles;
}

const OWNERLESS = new Set(['their', 'its', 'his', 'her', 'your']);
const GENERIC_HEADS = new Set(['staff', 'personnel', 'owner', 'owners', 'users', 'people', 'employees', 'individuals', 'members', 'team', 'teams']);
const QUALIFIERS = new Set(['authorized', 'authorised', 'designated', 'appropriate', 'relevant', 'responsible', 'trained', 'qualified', 'approved', 'privileged', 'federal', 'internal', 'key', 'system']);

/** Whether the word at token `at` of the statement reads as the verb `lemma` (not a noun of the same stem). */
function isVerb(statement: Statement, at: number, lemma: string): boolean {
  const reading = readStatement(statement);
  if (!reading) return false;
  const index = tokenAt(reading, statement.tokens[at].start);
  return index !== undefined && reading.tokens[index].lemma === lemma && (reading.tokens[index].pos === 'VERB' || reading.tokens[index].pos === 'AUX');
}

/**
 * Whether a negation from offset `from` on denies what the statement says. The word scan is the fast prefilter
 * (no negating word, no denial); the reader decides the scope.
 */
function deniedFrom(statement: Statement, from: number): boolean {
  if (!statement.tokens.some((token) => NEGATING_WORDS.has(token.word))) return false;
  const reading = readStatement(statement);
  // Past the document's reading budget, the word scan's verdict: a negating word denies.
  if (!reading) return true;
  return reading.negations.some((index) => reading.tokens[index].start >= from) || reading.modality === 'prohibition';
}

const NEGATING_WORDS = new Set(POLARITY.negations);
/** Words from "by" to the agent's head word: "by the Information Security team". */
const MAX_AGENT_WORDS = 6;

/**
 * The passive voice: "Keys are destroyed by Security Engineering at end of life", "Rotation is approved by the
 * CISO". The English reader finds the form of "be" and the participle, and the agent of its "by" phrase; the agent
 * (ending in a team or position word) holds the duties the words before it name. Only a statement with "by" after
 * its first words is read (the fast prefilter).
 */
function passiveAgent(statement: Statement): RoleModel | undefined {
  const tokens = statement.tokens;
  // The fast prefilter: "by" after the first words with a team or position word a few words after it, and duties
  // named before it. Only such a statement is read.
  const by = tokens.findIndex((token, index) => token.word === 'by' && index >= 2 && tokens.slice(index + 1, index + 1 + MAX_AGENT_WORDS).some((after) => TEAM_HEADS.has(after.word)));
  if (by < 0 || dutyValues({ ...statement, tokens: tokens.slice(0, by) }, 0).length === 0) return undefined;
  const reading = readStatement(statement);
  const agent = reading?.passive?.agent;
  if (!reading || !agent || reading.passive?.by === undefined) return undefined;
  let head = -1;
  for (let index = agent.from; index < agent.to; index++) if (TEAM_HEADS.has(reading.tokens[index].word)) head = index;
  if (head < 0) return undefined;
  // "by their owners", "by authorized staff": people in general, not a named role or team.
  if (reading.tokens.slice(reading.passive.by + 1, agent.from).some((token) => OWNERLESS.has(token.word))) return undefined;
  if (GENERIC_HEADS.has(reading.tokens[head].word) && reading.tokens.slice(agent.from, head).every((token) => QUALIFIERS.has(token.word))) return undefined;
  if (reading.negations.length > 0 || reading.modality === 'prohibition') return undefined;
  const byStart = reading.tokens[reading.passive.by].start;
  const duties = dutyValues({ ...statement, tokens: tokens.filter((token) => token.end <= byStart) }, 0);
  if (duties.length === 0) return undefined;
  const span = readSpan(statement, reading, { from: agent.from, to: head + 1 });
  const title = { value: statement.text.slice(reading.tokens[agent.from].start, reading.tokens[head].end), span };
  return {
    title, assignee: title, id: { value: slug(title.value), span },
    responsibilities: duties, alternates: [], source: 'sentence', structured: false, keySpans: {}, span: statement.span,
    text: { value: statement.text, span: statement.span },
  };
}

/** The same role read twice (a table row and a sentence) is one role holding both readings' duties. */
function mergeRoles(roles: RoleModel[]): RoleModel[] {
  const byName = new Map<string, RoleModel>();
  const out: RoleModel[] = [];
  for (const role of roles) {
    const key = role.title ? role.title.value.toLowerCase().replace(/^the\s+/, '').replace(/s$/, '').trim() : undefined;
    const existing = key !== undefined ? byName.get(key) : undefined;
    // Two table rows of one name stay two roles (unknown-role reports the duplicate id); other readings merge into the first.
    if (existing && !(existing.source === 'table' && role.source === 'table') && !(existing.source === 'yaml' || role.source === 'yaml')) {
      for (const duty of role.responsibilities) if (!existing.responsibilities.some((held) => held.value === duty.value)) existing.responsibilities.push(duty);
      continue;
    }
    if (key !== undefined) byName.set(key, role);
    out.push(role);
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
