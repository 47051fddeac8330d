import { addMonths, readDate } from '../parse/dates';
import { cadenceMonths, META_KEYS, type RoleModel, type SectionKey } from '../model/model';
import type { RuleContext } from './rule';
import type { RuleFinding, Span } from '../types';
import type { PNode, PScalar } from '../parse/yamlModel';
import { isPlaceholderText } from '../parse/placeholder';
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

/** True when the requirement is met by the structured field or by a filled Markdown section. */
export function hasFieldOrSection(context: RuleContext, key: string, section?: SectionKey): boolean {
  if (context.policy.entry(key)) return true;
  return Boolean(section && context.policy.filledSection(section));
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
    // Body metadata (bold header, revision table) has no tree node: a scalar with its exact span stands in.
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

/** The review interval in months the document states: `review.interval_months`, or a written cadence ("Annual"). */
export function statedInterval(context: RuleContext): number | undefined {
  const node = context.policy.at('review', 'interval_months');
  if (node?.kind === 'scalar' && typeof node.value === 'number' && Number.isInteger(node.value) && node.value > 0) return node.value;
  const cadence = context.policy.meta.reviewCadence;
  return cadence ? cadenceMonths(cadence.value) : undefined;
}

/** A review date from `review.last`/`review.next`, else from the document's own metadata (front matter, bold header). */
export function reviewDate(context: RuleContext, which: 'last' | 'next'): { iso?: string; span: Span; raw: string } | undefined {
  const node = context.policy.at('review', which);
  if (node) return { iso: isoDateOf(node), span: node.span, raw: context.doc.text.slice(node.span.start, node.span.end) };
  if (context.policy.field('review')) return undefined;
  const meta = context.policy.meta[which === 'last' ? 'lastReviewed' : 'nextReview'];
  if (!meta) return undefined;
  return { iso: isoDateOf({ kind: 'scalar', value: meta.value, span: meta.span }), span: meta.span, raw: meta.value };
}

/** The interval reviews are held to: the stated one, capped at the configured maximum (12: "at least annually"). */
export function effectiveInterval(context: RuleContext): number {
  return Math.min(statedInterval(context) ?? context.config.review.maxIntervalMonths, context.config.review.maxIntervalMonths);
}

/** Keys of a policy object that are absent (a stated `false` counts as stated). */
export function absentKeys(map: PNode | undefined, keys: readonly string[]): string[] {
  if (!map || map.kind !== 'map') return [...keys];
  return keys.filter((key) => !map.entries.some((entry) => entry.key === key));
}

/**
 * The common shape of "this block must state these keys": no field and no section -> one finding at the
 * anchor with a suggestion inserting the block; a field lacking keys -> one finding at its key inserting them.
 */
export function requireBlock(context: RuleContext, options: {
  key: string;
  section?: SectionKey;
  keys: readonly string[];
  template: Record<string, unknown>;
  missingMessage: string;
  partialMessage: (missing: string[]) => string;
  partialSeverity?: 'error' | 'warning' | 'info';
}): RuleFinding[] {
  const field = context.policy.field(options.key);
  if (!context.policy.entry(options.key)) {
    if (options.section && context.policy.filledSection(options.section)) return [];
    return [{
      span: context.doc.anchor,
      message: options.missingMessage,
      suggestions: [context.edits.fix(`Add a ${options.key} block`, context.edits.insertRootField(options.key, options.template))],
    }];
  }
  if (field?.kind !== 'map') return [];
  const missing = absentKeys(field, options.keys);
  if (missing.length === 0) return [];
  return [{
    span: missingAt(context, options.key),
    message: options.partialMessage(missing),
    severity: options.partialSeverity,
    suggestions: [context.edits.fix(`Add ${missing.join(', ')}`, ...missing.map((key) => context.edits.insertMapField(field, key, options.template[key] ?? 'TBD')))],
    data: { missing },
  }];
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

/**
 * A dated fact per role (trained, reviewed): YAML roles need a date no older than `months`; a roles table needs a
 * column with dates, or a sentence in the named sections that states the fact.
 */
export function roleDateFindings(context: RuleContext, options: {
  field: 'trained' | 'reviewed';
  months: number;
  sections: SectionKey[];
  statesFact: (text: string) => boolean;
  tableMessage: string;
  missingMessage: (role: string) => string;
  staleMessage: (role: string, date: string) => string;
}): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const tableRoles = context.policy.roles.filter((role) => role.source === 'table');
  if (tableRoles.length > 0 && !tableRoles.some((role) => role[options.field])) {
    const text = options.sections.map((key) => context.policy.section(key)?.bodyText ?? '').join(' ').toLowerCase();
    if (!options.statesFact(text)) findings.push({ span: context.policy.rolesSpan ?? context.doc.anchor, message: options.tableMessage });
    return findings;
  }
  for (const role of context.policy.roles) {
    const dated = role[options.field];
    if (!dated) {
      findings.push({
        span: role.id?.span ?? role.title?.span ?? role.span,
        message: options.missingMessage(roleName(role)),
        suggestions: role.node ? [context.edits.fix(`Add ${options.field} date (today)`, context.edits.insertMapField(role.node, options.field, context.today))] : [],
      });
      continue;
    }
    const date = isoDateOf({ kind: 'scalar', value: dated.value, span: dated.span });
    if (date && addMonths(date, options.months) < context.today) findings.push({ span: dated.span, message: options.staleMessage(roleName(role), date) });
  }
  return findings;
}
