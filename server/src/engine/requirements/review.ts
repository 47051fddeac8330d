import { cadenceIn } from '../evidence/cadence';
import { addMonths, readDate } from '../parse/dates';
import { isPlaceholderText } from '../parse/placeholder';
import type { PNode } from '../parse/yamlModel';
import type { Span } from '../types';
import type { EvidenceContext } from './types';

/** A date as written, and how it compares: a month-precision date stands for its whole month. */
export interface DateFact {
  raw: string;
  span: Span;
  source: string;
  /** The tree node, when the date is a structured field (fixes edit it). */
  node?: PNode;
  /** The earliest day it can mean (its first day for "June 2026"); undefined when it is not a readable date. */
  earliest?: string;
  /** The latest day it can mean (its last day for "June 2026"). */
  latest?: string;
  placeholder: boolean;
}

export function dateFact(raw: string, span: Span, source: string, node?: PNode): DateFact {
  const placeholder = isPlaceholderText(raw);
  const reading = placeholder ? undefined : readDate(raw);
  if (reading?.kind === 'iso' || reading?.kind === 'normalizable') return { raw, span, source, node, earliest: reading.iso, latest: reading.iso, placeholder };
  if (reading?.kind === 'month') return { raw, span, source, node, earliest: reading.start, latest: reading.end, placeholder };
  return { raw, span, source, node, placeholder };
}

function nodeFact(node: PNode | undefined, context: EvidenceContext, source: string): DateFact | undefined {
  if (!node) return undefined;
  const raw = node.kind === 'scalar' && node.value !== null ? String(node.value) : '';
  return dateFact(raw, node.span.start === node.span.end ? node.span : node.span, source, node);
}

export interface IntervalFact {
  months: number;
  span: Span;
  source: string;
  node?: PNode;
}

/** What the document says about its own review: the cadence, and the last and next review dates. */
export interface ReviewFacts {
  interval?: IntervalFact;
  last?: DateFact;
  next?: DateFact;
  /** The date reviews count from when no review is recorded: the approval, else the effective date. */
  anchor?: DateFact;
}

/**
 * Review facts from the structured `review` block first, then from metadata kept in the body (labels,
 * tables), then from what the prose says ("reviewed at least annually"). The first source that says
 * something wins for each fact.
 */
export function reviewFacts(context: EvidenceContext): ReviewFacts {
  const { policy } = context;
  const facts: ReviewFacts = {};
  const review = policy.field('review');
  const intervalNode = policy.at('review', 'interval_months');
  if (intervalNode?.kind === 'scalar' && typeof intervalNode.value === 'number' && Number.isInteger(intervalNode.value) && intervalNode.value > 0) {
    facts.interval = { months: intervalNode.value, span: intervalNode.span, source: '`review.interval_months`', node: intervalNode };
  }
  facts.last = nodeFact(policy.at('review', 'last'), context, '`review.last`');
  facts.next = nodeFact(policy.at('review', 'next'), context, '`review.next`');
  // The body's metadata stands in only when the structured block is absent.
  if (!review) {
    const { lastReviewed, nextReview, reviewCadence } = policy.meta;
    if (lastReviewed) facts.last = dateFact(lastReviewed.value, lastReviewed.span, lastReviewed.source);
    if (nextReview) facts.next = dateFact(nextReview.value, nextReview.span, nextReview.source);
    const cadence = reviewCadence && !isPlaceholderText(reviewCadence.value) ? cadenceIn(reviewCadence.value) : undefined;
    if (reviewCadence && cadence) facts.interval = { months: cadence.months, span: reviewCadence.span, source: reviewCadence.source };
  }
  if (!facts.interval) {
    for (const hit of policy.evidence('policyReview')) {
      const cadence = cadenceIn(hit.statement.text);
      if (!cadence) continue;
      facts.interval = { months: cadence.months, span: hit.span, source: 'the policy text' };
      break;
    }
  }
  // With a structured review block its own dates govern: an unfilled one is no review, whatever the approval date.
  if (review) return facts;
  const approvalDate = policy.at('approval', 'date');
  if (approvalDate) facts.anchor = nodeFact(approvalDate, context, '`approval.date`');
  else if (policy.meta.approvalDate) facts.anchor = dateFact(policy.meta.approvalDate.value, policy.meta.approvalDate.span, policy.meta.approvalDate.source);
  else if (policy.meta.effectiveDate) facts.anchor = dateFact(policy.meta.effectiveDate.value, policy.meta.effectiveDate.span, policy.meta.effectiveDate.source);
  return facts;
}

/** The interval reviews are held to: the stated one, capped at the configured maximum (12: "at least annually"). */
export function effectiveInterval(context: EvidenceContext, facts = reviewFacts(context)): number {
  const max = context.config.review.maxIntervalMonths;
  return Math.min(facts.interval?.months ?? max, max);
}

/** When the next review is due: the stated next date, else the last review (or approval) plus the interval. */
export function reviewDue(context: EvidenceContext, facts = reviewFacts(context)): { due: string; from: DateFact; stated: boolean } | undefined {
  if (facts.next?.latest) return { due: facts.next.latest, from: facts.next, stated: true };
  const from = facts.last?.latest ? facts.last : facts.anchor?.latest ? facts.anchor : undefined;
  if (!from?.latest) return undefined;
  return { due: addMonths(from.latest, effectiveInterval(context, facts)), from, stated: false };
}
