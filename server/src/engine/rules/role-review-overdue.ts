import { addMonths } from '../dates';
import { g, type Rule } from '../rule';
import type { RuleFinding } from '../types';
import { isoDateOf, roleName } from './helpers';

export const roleReviewOverdue: Rule = {
  id: 'role-review-overdue',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 7)],
  severity: 'warning',
  description: 'A role assignment shows no review date, or was last reviewed more than `roles.review_months` (default 12) ago.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const months = context.config.roles.reviewMonths;
    const findings: RuleFinding[] = [];
    const tableRoles = context.policy.roles.filter((role) => role.source === 'table');
    if (tableRoles.length > 0 && !tableRoles.some((role) => role.reviewed)) {
      const text = ['roles', 'review', 'governance'].map((key) => context.policy.section(key as 'roles')?.bodyText ?? '').join(' ').toLowerCase();
      if (!/(assignment|role)s?[^.]*review|review[^.]*(assignment|role)/.test(text)) {
        findings.push({ span: context.policy.rolesSpan ?? context.doc.anchor, message: 'The roles table shows no review of the assignments: add a Reviewed column with dates, or state how often role assignments are reviewed (at least annually).' });
      }
      return findings;
    }
    for (const role of context.policy.roles) {
      if (!role.reviewed) {
        findings.push({
          span: role.id?.span ?? role.title?.span ?? role.span,
          message: `Role \`${roleName(role)}\` shows no review date: record when the assignment was last reviewed (\`reviewed: YYYY-MM-DD\`; at least annually).`,
          suggestions: role.node ? [context.edits.fix('Add reviewed date (today)', context.edits.insertMapField(role.node, 'reviewed', context.today))] : [],
        });
        continue;
      }
      const date = isoDateOf({ kind: 'scalar', value: role.reviewed.value, span: role.reviewed.span });
      if (date && addMonths(date, months) < context.today) {
        findings.push({ span: role.reviewed.span, message: `The assignment of role \`${roleName(role)}\` was last reviewed on ${date}, more than ${months} months ago: review it and update the date.` });
      }
    }
    return findings;
  },
};
