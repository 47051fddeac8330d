import { addMonths } from '../dates';
import { g, type Rule } from '../rule';
import type { RuleFinding } from '../types';
import { isoDateOf, roleName } from './helpers';

export const roleTrainingMissing: Rule = {
  id: 'role-training-missing',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 6), g.audit('CEK-01', 6)],
  severity: 'warning',
  description: 'A role shows no training date, or its training is older than `roles.training_months` (default 12).',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const months = context.config.roles.trainingMonths;
    const findings: RuleFinding[] = [];
    const tableRoles = context.policy.roles.filter((role) => role.source === 'table');
    if (tableRoles.length > 0 && !tableRoles.some((role) => role.trained)) {
      const text = `${context.policy.section('roles')?.bodyText ?? ''} ${context.policy.section('training')?.bodyText ?? ''}`.toLowerCase();
      if (!/\btrain/.test(text) || !/(assignee|role|staff|personnel|engineer|holder)/.test(text)) {
        findings.push({ span: context.policy.rolesSpan ?? context.doc.anchor, message: 'The roles table shows no training of the assignees: add a Trained column with dates, or state in the section that role holders are trained.' });
      }
      return findings;
    }
    for (const role of context.policy.roles) {
      const where = role.id?.span ?? role.title?.span ?? role.span;
      if (!role.trained) {
        findings.push({
          span: where,
          message: `Role \`${roleName(role)}\` shows no training date: record when its assignee was last trained on cryptographic practice (\`trained: YYYY-MM-DD\`).`,
          suggestions: role.node ? [context.edits.fix('Add trained date (today)', context.edits.insertMapField(role.node, 'trained', context.today))] : [],
        });
        continue;
      }
      const date = isoDateOf(role.trained.value ? { kind: 'scalar', value: role.trained.value, span: role.trained.span } : undefined);
      if (date && addMonths(date, months) < context.today) {
        findings.push({ span: role.trained.span, message: `Role \`${roleName(role)}\` was last trained on ${date}, more than ${months} months ago: renew the training and update the date.` });
      }
    }
    return findings;
  },
};
