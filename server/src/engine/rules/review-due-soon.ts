import { daysBetween } from '../parse/dates';
import { g, type Rule } from './rule';
import { plural, reviewDate } from './helpers';

export const reviewDueSoon: Rule = {
  id: 'review-due-soon',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2), g.impl('CEK-02', 6)],
  severity: 'info',
  description: 'The next review is due within `review.due_soon_days` (default 30) days.',
  fixable: false,
  formats: ['yaml', 'markdown'],
  check(context) {
    const found = reviewDate(context, 'next');
    const next = found?.iso;
    if (!found || !next || next < context.today) return [];
    const days = daysBetween(context.today, next);
    if (days > context.config.review.dueSoonDays) return [];
    return [{
      span: found.span,
      message: days === 0 ? `The policy review is due today (${next}).` : `The policy review is due in ${plural(days, 'day')} (${next}); plan it now.`,
      data: { due: next, days },
    }];
  },
};
