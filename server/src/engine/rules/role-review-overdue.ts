import { g, type Rule } from './rule';
import { roleDateFindings } from './helpers';

export const roleReviewOverdue: Rule = {
  id: 'role-review-overdue',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 7)],
  severity: 'warning',
  description: 'A role assignment recorded per role (a roles list, or a table with a Reviewed column) shows no review date, or was last reviewed more than `roles.review_months` (default 12) ago.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const months = context.config.roles.reviewMonths;
    return roleDateFindings(context, {
      field: 'reviewed',
      months,
      missingMessage: (role) => `Role \`${role}\` shows no review date: record when the assignment was last reviewed (\`reviewed: YYYY-MM-DD\`; at least annually).`,
      staleMessage: (role, date) => `The assignment of role \`${role}\` was last reviewed on ${date}, more than ${months} months ago: review it and update the date.`,
    });
  },
};
