import { addMonths } from '../parse/dates';
import { effectiveInterval, reviewFacts } from '../requirements/review';
import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';

export const reviewIntervalTooLong: Rule = {
  id: 'review-interval-too-long',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2), g.ccm('CEK-01', 2), g.impl('CEK-02', 6)],
  severity: 'error',
  description: 'The review interval (a number, or a written cadence such as "biennial" or "every two years"), or the gap from the last to the next review, is longer than 12 months (CEK-01: at least annually).',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const findings: RuleFinding[] = [];
    const max = context.config.review.maxIntervalMonths;
    const facts = reviewFacts(context);
    if (facts.interval && facts.interval.months > max) {
      const node = facts.interval.node;
      findings.push({
        span: facts.interval.span,
        message: node
          ? `A ${facts.interval.months}-month review interval is longer than ${max} months; CEK-01 requires review at least annually.`
          : `The policy is reviewed every ${facts.interval.months} months (${facts.interval.source}), longer than ${max}; CEK-01 requires review at least annually: make it annual.`,
        suggestions: () => node ? [context.edits.fix(`Set interval_months to ${max}`, context.edits.replaceValue(node, max))] : [],
        data: { months: facts.interval.months },
      });
    }
    const last = facts.last?.latest;
    const next = facts.next?.latest;
    if (last && next && facts.next && next > addMonths(last, max)) {
      const corrected = addMonths(last, effectiveInterval(context, facts));
      const stated = facts.next;
      findings.push({
        span: stated.span,
        message: `The next review (${next}) is more than ${max} months after the last (${last}); it should be no later than ${addMonths(last, max)}.`,
        suggestions: () => [context.edits.fix(`Set the next review to ${corrected}`, stated.node ? context.edits.replaceValue(stated.node, corrected) : { start: stated.span.start, end: stated.span.end, newText: corrected })],
      });
    }
    return findings;
  },
};
