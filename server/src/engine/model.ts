import type { PolicyDocument } from './document';
import { ACTORS, dutyFromText, isActor } from './duties';
import { normalizeHeading, type MarkdownSection, type MarkdownTable } from './markdown';
import { isPlaceholderText } from './placeholder';
import type { Span } from './types';
import { entryOf, type PEntry, type PMap, type PNode, type PScalar } from './yamlModel';

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

  constructor(readonly doc: PolicyDocument, defaultActors: string[] = []) {
    this.root = doc.root;
    this.actors = readActors(this.root, defaultActors);
    const { roles, span } = readRoles(this);
    this.roles = roles;
    this.rolesSpan = span;
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
