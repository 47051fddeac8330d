import { readDate } from '../dates';
import type { SectionKey } from '../model';
import type { RuleContext } from '../rule';
import type { Span } from '../types';
import type { PNode, PScalar } from '../yamlModel';
import { isPlaceholderText } from '../placeholder';

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

/** Every field the model reads as a date, with a readable path. */
export function dateFields(context: RuleContext): { path: string; node: PNode }[] {
  const { policy } = context;
  const fields: { path: string; node: PNode }[] = [];
  const add = (path: string, node: PNode | undefined) => {
    if (node) fields.push({ path, node });
  };
  add('approval.date', policy.at('approval', 'date'));
  add('review.last', policy.at('review', 'last'));
  add('review.next', policy.at('review', 'next'));
  add('effective_date', policy.at('effective_date'));
  const roles = policy.field('roles');
  if (roles?.kind === 'seq') {
    roles.items.forEach((role, index) => {
      add(`roles[${index}].trained`, policy.at('roles', index, 'trained'));
      add(`roles[${index}].reviewed`, policy.at('roles', index, 'reviewed'));
    });
  }
  return fields;
}

/** The review interval in months the document states, if it states a whole number. */
export function statedInterval(context: RuleContext): number | undefined {
  const node = context.policy.at('review', 'interval_months');
  return node?.kind === 'scalar' && typeof node.value === 'number' && Number.isInteger(node.value) && node.value > 0 ? node.value : undefined;
}

/** The interval reviews are held to: the stated one, capped at the configured maximum (12: "at least annually"). */
export function effectiveInterval(context: RuleContext): number {
  return Math.min(statedInterval(context) ?? context.config.review.maxIntervalMonths, context.config.review.maxIntervalMonths);
}
