import { addMonths } from '../parse/dates';
import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';
import { effectiveInterval, reviewDate, statedInterval } from './helpers';

export const reviewIntervalTooLong: Rule = {
  id: 'review-interval-too-long',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2), g.ccm('CEK-01', 2), g.impl('CEK-02', 6)],
  severity: 'error',
  description: 'The review interval, or the gap from the last to the next review, is longer than 12 months (CEK-01: at least annually).',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const findings: RuleFinding[] = [];
    const max = context.config.review.maxIntervalMonths;
    const intervalNode = context.policy.at('review', 'interval_months');
    const interval = statedInterval(context);
    if (intervalNode && interval !== undefined && interval > max) {
      findings.push({
        span: intervalNode.span,
        message: `A ${interval}-month review interval is longer than ${max} months; CEK-01 requires review at least annually.`,
        suggestions: [context.edits.fix(`Set interval_months to ${max}`, context.edits.replaceValue(intervalNode, max))],
      });
    }
    const cadence = context.policy.meta.reviewCadence;
    if (!intervalNode && cadence && interval !== undefined && interval > max) {
      findings.push({ span: cadence.span, message: `A review cadence of "${cadence.value}" (${cadence.source}) is longer than ${max} months; CEK-01 requires review at least annually.` });
    }
    const last = reviewDate(context, 'last')?.iso;
    const nextFound = reviewDate(context, 'next');
    const next = nextFound?.iso;
    const nextNode = context.policy.at('review', 'next');
    if (last && next && nextFound && next > addMonths(last, max)) {
      const corrected = addMonths(last, effectiveInterval(context));
      findings.push({
        span: nextFound.span,
        message: `The next review (${next}) is more than ${max} months after the last (${last}); it should be no later than ${addMonths(last, max)}.`,
        suggestions: [context.edits.fix(`Set the next review to ${corrected}`, nextNode ? context.edits.replaceValue(nextNode, corrected) : { start: nextFound.span.start, end: nextFound.span.end, newText: corrected })],
      });
    }
    return findings;
  },
};
