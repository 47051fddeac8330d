import type { PolicyDocument } from '../parse/document';
import { ACTORS, dutyFromText, isActor } from './duties';
import { readDate } from '../parse/dates';
import { normalizeHeading, type MarkdownSection, type MarkdownTable } from '../parse/markdown';
import { isPlaceholderText } from '../parse/placeholder';
import type { Span } from '../types';
import { entryOf, type PEntry, type PMap, type PNode, type PScalar } from '../parse/yamlModel';

/** Markdown body sections that can stand in for a structured field, found by heading (numbering and case ignored). */
export const SECTION_HEADINGS = {
  scope: ['scope', 'scope and applicability', 'applicability'],
  roles: ['roles and responsibilities', 'roles', 'responsibilities', 'roles responsibilities'],
  enforcement: ['key lifecycle', 'key management lifecycle', 'key lifecycle management', 'enforcement', 'implementation', 'policy enforcement'],
  byok: ['byok', 'bring your own key', 'bring your own key byok', 'customer managed keys', 'byok/hyok', 'byok and hyok'],
  monitoring: ['monitoring', 'compliance monitoring', 'monitoring and compliance', 'monitoring and audit'],
  training: ['training', 'training and awareness', 'awareness', 'awareness and training'],
  communication: ['communication', 'policy communication', 'communication and awareness'],
  review: ['review', 'policy review', 'review and maintenance', 'review and update', 'maintenance'],
  governance: ['governance', 'role governance', 'governance and oversight'],
  coordination: ['coordination', 'upstream and downstream dependencies', 'dependencies', 'supply chain coordination', 'upstream and downstream coordination'],
  approval: ['approval', 'approvals', 'policy approval'],
  owner: ['ownership', 'policy owner', 'owner'],
} as const;

export type SectionKey = keyof typeof SECTION_HEADINGS;

/** Policy metadata as organisations write it, wherever they keep it. */
export type MetaKey = 'owner' | 'approvedBy' | 'approvalDate' | 'lastReviewed' | 'nextReview' | 'reviewCadence' | 'effectiveDate';

export interface MetaValue {
  value: string;
  span: Span;
  /** Where it was found, for messages: "front matter `policy_owner`", "bold header **Owner**", "revision table". */
  source: string;
}

/** Front matter (or YAML root) keys people use for the same facts. */
export const META_KEYS: Record<MetaKey, string[]> = {
  owner: ['policy_owner', 'document_owner', 'owner_name', 'owned_by'],
  approvedBy: ['approved_by', 'approver', 'approval_by'],
  approvalDate: ['approval_date', 'approved_on', 'approved_date', 'date_approved'],
  lastReviewed: ['last_reviewed', 'last_review', 'last_review_date', 'reviewed_on'],
  nextReview: ['next_review', 'next_review_date', 'review_due', 'review_date'],
  reviewCadence: ['review_cadence', 'review_frequency', 'review_cycle', 'review_interval'],
  effectiveDate: ['effective_date', 'effective', 'effective_on'],
};

/** Bold header labels (normalised) for the same facts: `**Policy Owner**: Jane`. */
export const META_LABELS: Record<MetaKey, string[]> = {
  owner: ['owner', 'policy owner', 'document owner', 'owned by'],
  approvedBy: ['approved by', 'approver', 'approval'],
  approvalDate: ['approval date', 'approved on', 'date approved'],
  lastReviewed: ['last reviewed', 'last review', 'last review date', 'reviewed on'],
  nextReview: ['next review', 'next review date', 'review due', 'review date'],
  reviewCadence: ['review cadence', 'review frequency', 'review cycle', 'review interval'],
  effectiveDate: ['effective date', 'effective'],
};

/** Months in a written cadence: "Annual" 12, "Quarterly" 3, "every 2 years" 24, "18 months" 18. */
export function cadenceMonths(text: string): number | undefined {
  const lower = text.trim().toLowerCase();
  if (/^(annual(ly)?|yearly|every year|once a year|12 months)$/.test(lower)) return 12;
  if (/^(semi-?annual(ly)?|bi-?annual(ly)?|twice a year|every 6 months|half-?yearly)$/.test(lower)) return 6;
  if (/^quarterly$/.test(lower)) return 3;
  if (/^monthly$/.test(lower)) return 1;
  if (/^biennial(ly)?$/.test(lower)) return 24;
  let match = /^(?:every\s+)?(\d+)\s*months?$/.exec(lower);
  if (match) return Number(match[1]);
  match = /^every\s+(\d+)\s*years?$/.exec(lower);
  if (match) return Number(match[1]) * 12;
  return undefined;
}

export interface TextValue {
  value: string;
  span: Span;
}

export interface RoleModel {
  id?: TextValue;
  title?: TextValue;
  assignee?: TextValue;
  responsibilities: TextValue[];
  alternates: TextValue[];
  trained?: TextValue;
  reviewed?: TextValue;
  /** The role's mapping (YAML) or table row (Markdown). */
  span: Span;
  /** Present for YAML roles: the mapping fixes edit. */
  node?: PMap;
  source: 'yaml' | 'table';
  /** Key spans of the role's fields, for pointing at a field that is there but wrong. */
  keySpans: Partial<Record<string, Span>>;
}

/** The policy as rules see it: structured fields first, Markdown sections as the alternative evidence. */
export class PolicyModel {
  readonly root?: PMap;
  readonly actors: TextValue[];
  readonly roles: RoleModel[];
  /** Where roles are declared: the `roles` key or the roles table; undefined when nowhere. */
  readonly rolesSpan?: Span;
  /** Metadata found outside our schema (front matter aliases, bold header, revision table). */
  readonly meta: Partial<Record<MetaKey, MetaValue>>;

  constructor(readonly doc: PolicyDocument, defaultActors: string[] = []) {
    this.root = doc.root;
    this.actors = readActors(this.root, defaultActors);
    const { roles, span } = readRoles(this);
    this.roles = roles;
    this.rolesSpan = span;
    this.meta = readMeta(this);
  }

  get format() {
    return this.doc.format;
  }

  /** The actor codes that apply (document's, else config's), known codes only. */
  get actorCodes(): string[] {
    return this.actors.map((actor) => actor.value).filter(isActor);
  }

  entry(key: string): PEntry | undefined {
    return entryOf(this.root, key);
  }

  field(key: string): PNode | undefined {
    return this.entry(key)?.value;
  }

  at(...path: (string | number)[]): PNode | undefined {
    let node: PNode | undefined = this.root;
    for (const step of path) {
      if (!node) return undefined;
      if (typeof step === 'number') node = node.kind === 'seq' ? node.items[step] : undefined;
      else node = node.kind === 'map' ? entryOf(node, step)?.value : undefined;
    }
    return node;
  }

  /** The first body section whose heading matches the requirement. */
  section(key: SectionKey): MarkdownSection | undefined {
    const names: readonly string[] = SECTION_HEADINGS[key];
    return this.doc.markdown?.sections.find((section) => names.includes(section.normalized));
  }

  /** A section that is there and says something beyond placeholders. */
  filledSection(key: SectionKey): MarkdownSection | undefined {
    const section = this.section(key);
    return section?.hasContent ? section : undefined;
  }
}

/** A value counts as stated when it is not empty and not a template placeholder. */
export function isFilled(node: PNode | undefined): boolean {
  if (!node) return false;
  if (node.kind === 'scalar') return typeof node.value === 'boolean' || typeof node.value === 'number' || (typeof node.value === 'string' && !isPlaceholderText(node.value));
  if (node.kind === 'seq') return node.items.some(isFilled);
  return node.entries.some((entry) => isFilled(entry.value));
}

export function scalarText(node: PNode | undefined): string | undefined {
  if (!node || node.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

export function asScalar(node: PNode | undefined): PScalar | undefined {
  return node && node.kind === 'scalar' ? node : undefined;
}

/** Strings of a list, or of a single scalar written where a list is expected. */
export function textList(node: PNode | undefined): TextValue[] {
  if (!node) return [];
  const items = node.kind === 'seq' ? node.items : [node];
  const out: TextValue[] = [];
  for (const item of items) {
    const text = scalarText(item);
    if (text !== undefined) out.push({ value: text, span: item.span });
  }
  return out;
}

function readActors(root: PMap | undefined, defaults: string[]): TextValue[] {
  const node = entryOf(root, 'actor')?.value;
  const declared = textList(node).map((actor) => ({ value: actor.value.trim().toUpperCase(), span: actor.span }));
  if (declared.length > 0) return declared;
  return defaults.filter((actor) => (ACTORS as readonly string[]).includes(actor)).map((value) => ({ value, span: { start: 0, end: 0 } }));
}

function textValue(node: PNode | undefined): TextValue | undefined {
  const text = scalarText(node);
  return text === undefined || !node ? undefined : { value: text, span: node.span };
}

function readRoles(model: PolicyModel): { roles: RoleModel[]; span?: Span } {
  const entry = model.entry('roles');
  if (entry) {
    const roles: RoleModel[] = [];
    if (entry.value.kind === 'seq') {
      for (const item of entry.value.items) {
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
          keySpans,
        });
      }
    }
    return { roles, span: entry.keySpan };
  }
  const section = model.section('roles');
  const table = section?.tables.find(isRolesTable);
  if (!section || !table) return { roles: [], span: section?.headingSpan };
  return { roles: rolesFromTable(table), span: section.headingSpan };
}

const TABLE_COLUMNS: Record<string, keyof RoleModel | 'id'> = {
  role: 'title', 'role id': 'id', id: 'id', assignee: 'assignee', 'assigned to': 'assignee', owner: 'assignee', team: 'assignee',
  responsibilities: 'responsibilities', duties: 'responsibilities', alternates: 'alternates', alternate: 'alternates', backup: 'alternates', deputy: 'alternates',
  trained: 'trained', 'last trained': 'trained', training: 'trained', reviewed: 'reviewed', 'last reviewed': 'reviewed',
};

function isRolesTable(table: MarkdownTable): boolean {
  const columns = table.header.map((cell) => normalizeHeading(cell.text));
  return columns.includes('role') && columns.some((column) => TABLE_COLUMNS[column] === 'responsibilities');
}

/** Role ids for table rows come from the Role column ("Key Custodian" -> key-custodian). */
function rolesFromTable(table: MarkdownTable): RoleModel[] {
  const columns = table.header.map((cell) => TABLE_COLUMNS[normalizeHeading(cell.text)]);
  return table.rows.map((row) => {
    const role: RoleModel = { responsibilities: [], alternates: [], span: { start: row[0]?.span.start ?? table.span.start, end: row[row.length - 1]?.span.end ?? table.span.end }, source: 'table', keySpans: {} };
    row.forEach((cell, index) => {
      const column = columns[index];
      if (!column) return;
      const value: TextValue = { value: cell.text, span: cell.span };
      if (column === 'responsibilities' || column === 'alternates') {
        role[column] = splitCell(cell.source, cell.span.start).map((part) => ({ ...part, value: dutyFromText(part.value) }));
      } else if (cell.text !== '') {
        (role as unknown as Record<string, TextValue>)[column] = value;
      }
    });
    if (!role.id && role.title) role.id = { value: dutyFromText(role.title.value), span: role.title.span };
    return role;
  });
}

/** Splits "a, b; c" inside one table cell, keeping each part's exact span. */
function splitCell(text: string, start: number): TextValue[] {
  const parts: TextValue[] = [];
  let offset = 0;
  for (const piece of text.split(/([,;]|<br\s*\/?>)/)) {
    if (/^([,;]|<br\s*\/?>)$/.test(piece)) {
      offset += piece.length;
      continue;
    }
    const lead = piece.length - piece.trimStart().length;
    const value = piece.trim();
    if (value !== '' && !isPlaceholderText(value)) parts.push({ value, span: { start: start + offset + lead, end: start + offset + lead + value.length } });
    offset += piece.length;
  }
  return parts;
}

function readMeta(model: PolicyModel): Partial<Record<MetaKey, MetaValue>> {
  const meta: Partial<Record<MetaKey, MetaValue>> = {};
  const keys = Object.keys(META_KEYS) as MetaKey[];
  for (const key of keys) {
    for (const alias of META_KEYS[key]) {
      const entry = model.entry(alias);
      const text = scalarText(entry?.value);
      if (entry && text !== undefined) {
        meta[key] = { value: text, span: entry.value.span, source: `front matter \`${alias}\`` };
        break;
      }
      if (entry && entry.value.kind === 'scalar' && entry.value.value === null) {
        meta[key] = { value: '', span: entry.keySpan, source: `front matter \`${alias}\`` };
        break;
      }
    }
  }
  for (const label of model.doc.markdown?.labels ?? []) {
    const key = keys.find((candidate) => META_LABELS[candidate].includes(label.normalized));
    if (key && !meta[key]) meta[key] = { value: label.value, span: label.valueSpan, source: `bold header **${label.label}**` };
  }
  // The revision history fills what the header leaves out (often the approval date).
  const revision = revisionApproval(model.doc.markdown?.tables ?? []);
  if (revision) {
    meta.approvedBy ??= revision.approvedBy;
    meta.approvalDate ??= revision.approvalDate;
  }
  return meta;
}

/** The latest approved row of a revision-history / document-control table (Version | Date | Approver | Changes). */
function revisionApproval(tables: MarkdownTable[]): Partial<Record<MetaKey, MetaValue>> | undefined {
  for (const table of tables) {
    const columns = table.header.map((cell) => normalizeHeading(cell.text));
    const dateColumn = columns.findIndex((column) => column === 'date' || column.endsWith(' date'));
    const approverColumn = columns.findIndex((column) => column.includes('approv'));
    if (!columns.some((column) => column.includes('version') || column === 'rev' || column.includes('revision')) || dateColumn < 0 || approverColumn < 0) continue;
    let best: { iso: string; row: MarkdownTable['rows'][number] } | undefined;
    for (const row of table.rows) {
      const date = row[dateColumn];
      const reading = date ? readDate(date.text) : undefined;
      const iso = reading && (reading.kind === 'iso' || reading.kind === 'normalizable') ? reading.iso : undefined;
      if (iso && row[approverColumn]?.text && (!best || iso > best.iso)) best = { iso, row };
    }
    if (!best) continue;
    const approver = best.row[approverColumn];
    const date = best.row[dateColumn];
    return {
      approvedBy: { value: approver.text, span: approver.span, source: 'revision table' },
      approvalDate: { value: date.text, span: date.span, source: 'revision table' },
    };
  }
  return undefined;
}
