import { addMonths, readDate } from '../parse/dates';
import { META_KEYS, type HeadingTopic } from '../evidence/lexicon';
import type { RoleModel } from '../model/model';
import { isPlaceholderText } from '../parse/placeholder';
import type { PNode, PScalar } from '../parse/yamlModel';
import type { ElementResult, Evidence } from '../requirements/types';
import type { RuleContext } from './rule';
import type { RuleFinding, Span } from '../types';
import { MAX_SUGGESTION_CANDIDATES, MAX_SUGGESTION_ID_LENGTH } from '../parse/limits';

/** A date value as rules need it: the ISO date when it can be read unambiguously, else nothing (date-format reports). */
export function isoDateOf(node: PNode | undefined): string | undefined {
  if (!node || node.kind !== 'scalar' || typeof node.value !== 'string' || isPlaceholderText(node.value)) return undefined;
  const reading = readDate(node.value);
  return reading.kind === 'iso' || reading.kind === 'normalizable' ? reading.iso : undefined;
}

export function scalarNode(node: PNode | undefined): PScalar | undefined {
  return node?.kind === 'scalar' ? node : undefined;
}

/** Where to report that something is missing: the field's key when the field exists, else the document anchor. */
export function missingAt(context: RuleContext, key?: string): Span {
  const entry = key ? context.policy.entry(key) : undefined;
  return entry ? entry.keySpan : context.doc.anchor;
}

/**
 * Where a finding about a missing or incomplete piece belongs: the structured field's key when there is
 * one; else the heading of the body section about the topic; else the evidence that falls short; else the
 * document's anchor (the `kind` key or the title).
 */
export function placeAt(context: RuleContext, options: { field?: string; topics?: HeadingTopic[]; evidence?: Evidence[] }): Span {
  const entry = options.field ? context.policy.entry(options.field) : undefined;
  if (entry) return entry.keySpan;
  for (const topic of options.topics ?? []) {
    const section = context.policy.section(topic);
    if (section) return section.headingSpan;
  }
  const first = options.evidence?.[0];
  if (first) return first.span;
  return context.doc.anchor;
}

/** A section's heading without its numbering, for messages: "3.2 Approval" -> "Approval". */
export function headingTitle(section: { heading: string }): string {
  return section.heading.replace(/^\s*(section\s+)?([0-9]+(\.[0-9]+)*|[ivxlc]+|[a-z])[.)]?\s+/i, '').trim() || section.heading;
}

/** True when the finding speaks to a Markdown author about the body (no structured field of that name). */
export function speaksProse(context: RuleContext, field?: string): boolean {
  return context.doc.format === 'markdown' && !(field && context.policy.entry(field));
}

/** The gaps of unmet elements, as one phrase: "no approval date; no designated owner". */
export function gapsOf(elements: ElementResult[]): string {
  return elements.filter((element) => !element.met).map((element) => element.gap ?? `no ${element.label}`).join('; ');
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function quoteList(items: string[]): string {
  return items.map((item) => `\`${item}\``).join(', ');
}

const DATE_META = ['approvalDate', 'lastReviewed', 'nextReview', 'effectiveDate'] as const;

/** Every field the model reads as a date, with a readable path (our fields, their aliases, and body metadata). */
export function dateFields(context: RuleContext): { path: string; node: PNode }[] {
  const { policy } = context;
  const fields: { path: string; node: PNode }[] = [];
  const add = (path: string, node: PNode | undefined) => {
    if (node) fields.push({ path, node });
  };
  add('approval.date', policy.at('approval', 'date'));
  add('review.last', policy.at('review', 'last'));
  add('review.next', policy.at('review', 'next'));
  // Body metadata is a fallback: where the structured field exists, it governs.
  const structured: Record<(typeof DATE_META)[number], PNode | undefined> = {
    approvalDate: policy.at('approval', 'date'), lastReviewed: policy.at('review', 'last'), nextReview: policy.at('review', 'next'), effectiveDate: undefined,
  };
  for (const key of DATE_META) {
    for (const alias of META_KEYS[key]) add(alias, policy.field(alias));
    const meta = structured[key] ? undefined : policy.meta[key];
    // Body metadata (labels, tables) has no tree node: a scalar with its exact span stands in.
    if (meta && !meta.source.startsWith('front matter')) add(meta.source, { kind: 'scalar', value: meta.value, span: meta.span });
  }
  const roles = policy.field('roles');
  if (roles?.kind === 'seq') {
    roles.items.forEach((role, index) => {
      add(`roles[${index}].trained`, policy.at('roles', index, 'trained'));
      add(`roles[${index}].reviewed`, policy.at('roles', index, 'reviewed'));
    });
  }
  return fields;
}

/** Keys of a policy object that are absent (a stated `false` counts as stated). */
export function absentKeys(map: PNode | undefined, keys: readonly string[]): string[] {
  if (!map || map.kind !== 'map') return [...keys];
  return keys.filter((key) => !map.entries.some((entry) => entry.key === key));
}

/**
 * The common shape of "this block must state these keys" for a structured field: a field lacking keys gives
 * one finding at its key inserting them. Absent fields are the rule's own business (elements decide).
 */
export function partialBlock(context: RuleContext, options: {
  key: string;
  keys: readonly string[];
  template: Record<string, unknown>;
  message: (missing: string[]) => string;
  severity?: 'error' | 'warning' | 'info';
}): RuleFinding[] {
  const field = context.policy.field(options.key);
  if (field?.kind !== 'map') return [];
  const missing = absentKeys(field, options.keys);
  if (missing.length === 0) return [];
  return [{
    span: missingAt(context, options.key),
    message: options.message(missing),
    severity: options.severity,
    suggestions: () => [context.edits.fix(`Add ${missing.join(', ')}`, ...missing.map((key) => context.edits.insertMapField(field, key, options.template[key] ?? 'TBD')))],
    data: { missing },
  }];
}

/** A suggestion that inserts a whole block (front matter in Markdown, created when absent). */
export function addBlock(context: RuleContext, key: string, value: unknown): ReturnType<RuleContext['edits']['fix']> {
  return context.edits.fix(`Add ${/^[aeiou]/.test(key) ? 'an' : 'a'} ${key} block`, context.edits.insertRootField(key, value));
}

/** Assignee comparison: the same team written with other case or spacing is the same assignee. */
export function normalizeAssignee(value: string): string {
  return value.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Levenshtein distance, for near-miss ids; past `max` it stops early and returns `max + 1`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    let best = row[0];
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
      best = Math.min(best, row[j]);
    }
    if (best > max) return max + 1;
  }
  return row[b.length];
}

/**
 * The single candidate within distance 2 (or equal once case and separators are normalised). Bounded: ids longer
 * than the limit are not compared, and among too many candidates only the normalised match is looked for.
 */
export function nearMiss(value: string, candidates: string[]): string | undefined {
  if (value.length > MAX_SUGGESTION_ID_LENGTH) return undefined;
  const normalized = value.trim().toLowerCase().replace(/[\s_]+/g, '-');
  if (candidates.includes(normalized) && normalized !== value) return normalized;
  if (candidates.length > MAX_SUGGESTION_CANDIDATES) return undefined;
  const close = candidates.filter((candidate) => candidate.length <= MAX_SUGGESTION_ID_LENGTH && editDistance(normalized, candidate, 2) <= 2);
  return close.length === 1 ? close[0] : undefined;
}

/** The YAML node of a role field value, for edits. */
export function roleField(role: RoleModel, key: string): PNode | undefined {
  return role.node?.entries.find((entry) => entry.key === key)?.value;
}

/** A human name for a role in messages. */
export function roleName(role: RoleModel): string {
  return role.id?.value ?? role.title?.value ?? 'role';
}

/** Roles whose dated facts (trained, reviewed) are recorded per role: YAML roles, and table rows when the table has the column. */
export function datedRoles(context: RuleContext, field: 'trained' | 'reviewed'): RoleModel[] {
  const { roles } = context.policy;
  const yaml = roles.filter((role) => role.source === 'yaml');
  if (yaml.length > 0) return yaml;
  const table = roles.filter((role) => role.source === 'table');
  return table.some((role) => role[field]) ? table : [];
}

/** A dated fact per role (trained, reviewed): a date no older than `months`, on roles that record it per role. */
export function roleDateFindings(context: RuleContext, options: {
  field: 'trained' | 'reviewed';
  months: number;
  missingMessage: (role: string) => string;
  staleMessage: (role: string, date: string) => string;
}): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const role of datedRoles(context, options.field)) {
    const dated = role[options.field];
    if (!dated) {
      findings.push({
        span: role.id?.span ?? role.title?.span ?? role.span,
        message: options.missingMessage(roleName(role)),
        suggestions: () => role.node ? [context.edits.fix(`Add ${options.field} date (today)`, context.edits.insertMapField(role.node, options.field, context.today))] : [],
      });
      continue;
    }
    const date = isoDateOf({ kind: 'scalar', value: dated.value, span: dated.span });
    if (date && addMonths(date, options.months) < context.today) findings.push({ span: dated.span, message: options.staleMessage(roleName(role), date) });
  }
  return findings;
}
