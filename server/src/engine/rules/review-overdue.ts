import { addMonths, daysBetween } from '../parse/dates';
import { g, type Rule } from './rule';
import { effectiveInterval, plural, reviewDate } from './helpers';

export const reviewOverdue: Rule = {
  id: 'review-overdue',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2), g.ccm('CEK-01', 2), g.impl('CEK-02', 6)],
  severity: 'error',
  description: 'The next review date has passed (or, without one, the last review is older than the review interval).',
  fixable: false,
  formats: ['yaml', 'markdown'],
  check(context) {
    const next = reviewDate(context, 'next');
    if (next) {
      if (!next.iso || next.iso >= context.today) return [];
      return [{
        span: next.span,
        message: `The policy review was due on ${next.iso}, ${plural(daysBetween(next.iso, context.today), 'day')} ago: review the policy, then record the new \`last\` and \`next\` dates.`,
        data: { due: next.iso },
      }];
    }
    const last = reviewDate(context, 'last');
    if (!last?.iso) return [];
    const due = addMonths(last.iso, effectiveInterval(context));
    if (due >= context.today) return [];
    return [{
      span: last.span,
      message: `The last review (${last.iso}) is more than ${effectiveInterval(context)} months ago; the review was due on ${due}.`,
      data: { due },
    }];
  },
};
