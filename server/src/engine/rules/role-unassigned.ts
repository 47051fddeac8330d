import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';
import { roleName } from './helpers';

export const roleUnassigned: Rule = {
  id: 'role-unassigned',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 3), g.audit('CEK-01', 5), g.ccm('CEK-02', 2)],
  severity: 'error',
  description: 'A role names no assignee (team or person), so its responsibilities are mapped to nobody. A role that is itself a team or position (a Role column with no Assignee column) is its own assignee.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const findings: RuleFinding[] = [];
    for (const role of context.policy.roles) {
      if (role.assignee) continue;
      findings.push({
        span: role.id?.span ?? role.title?.span ?? role.span,
        message: `Role \`${roleName(role)}\` has no assignee: name the team or person who holds it (e.g. KMS administrators, platform security).`,
        suggestions: () => role.node ? [context.edits.fix('Add an assignee', context.edits.insertMapField(role.node, 'assignee', 'TBD'))] : [],
      });
    }
    return findings;
  },
};
