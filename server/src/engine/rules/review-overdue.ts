import { daysBetween } from '../parse/dates';
import { effectiveInterval, reviewDue, reviewFacts } from '../requirements/review';
import { g, type Rule } from './rule';
import { plural } from './helpers';

export const reviewOverdue: Rule = {
  id: 'review-overdue',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2), g.ccm('CEK-01', 2), g.impl('CEK-02', 6)],
  severity: 'error',
  description: 'The review is overdue: the next review date has passed, or (without one) the last review, approval or effective date plus the review interval has. A month-precision date counts until the end of its month.',
  fixable: false,
  formats: ['yaml', 'markdown'],
  check(context) {
    const facts = reviewFacts(context);
    const due = reviewDue(context, facts);
    if (!due || due.due >= context.today) return [];
    const days = plural(daysBetween(due.due, context.today), 'day');
    if (due.stated) {
      return [{
        span: due.from.span,
        message: `The policy review was due on ${due.due}, ${days} ago: review the policy, then record the new last and next review dates.`,
        data: { due: due.due },
      }];
    }
    const interval = effectiveInterval(context, facts);
    const what = facts.last?.latest ? `The last review (${due.from.raw.trim()})` : `The policy was approved or took effect on ${due.from.raw.trim()} and records no later review; that`;
    return [{
      span: due.from.span,
      message: `${what} is more than ${interval} months ago: the review was due on ${due.due}, ${days} ago.`,
      data: { due: due.due },
    }];
  },
};
