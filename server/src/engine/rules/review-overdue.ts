import { addMonths, daysBetween } from '../dates';
import { g, type Rule } from '../rule';
import { effectiveInterval, isoDateOf, plural } from './helpers';

export const reviewOverdue: Rule = {
  id: 'review-overdue',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2), g.ccm('CEK-01', 2), g.impl('CEK-02', 6)],
  severity: 'error',
  description: 'The next review date has passed (or, without one, the last review is older than the review interval).',
  fixable: false,
  formats: ['yaml', 'markdown'],
  check(context) {
    const nextNode = context.policy.at('review', 'next');
    const next = isoDateOf(nextNode);
    if (nextNode && next) {
      if (next >= context.today) return [];
      return [{
        span: nextNode.span,
        message: `The policy review was due on ${next}, ${plural(daysBetween(next, context.today), 'day')} ago: review the policy, then record the new \`last\` and \`next\` dates.`,
        data: { due: next },
      }];
    }
    const lastNode = context.policy.at('review', 'last');
    const last = isoDateOf(lastNode);
    if (!lastNode || !last || nextNode) return [];
    const due = addMonths(last, effectiveInterval(context));
    if (due >= context.today) return [];
    return [{
      span: lastNode.span,
      message: `The last review (${last}) is more than ${effectiveInterval(context)} months ago; the review was due on ${due}.`,
      data: { due },
    }];
  },
};
