import { daysBetween } from '../parse/dates';
import { reviewDue } from '../requirements/review';
import { g, type Rule } from './rule';
import { plural } from './helpers';

export const reviewDueSoon: Rule = {
  id: 'review-due-soon',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2), g.impl('CEK-02', 6)],
  severity: 'info',
  description: 'The next review is due within `review.due_soon_days` (default 30) days.',
  fixable: false,
  formats: ['yaml', 'markdown'],
  check(context) {
    const due = reviewDue(context);
    if (!due || due.due < context.today) return [];
    const days = daysBetween(context.today, due.due);
    if (days > context.config.review.dueSoonDays) return [];
    return [{
      span: due.from.span,
      message: days === 0 ? `The policy review is due today (${due.due}).` : `The policy review is due in ${plural(days, 'day')} (${due.due}); plan it now.`,
      data: { due: due.due, days },
    }];
  },
};
