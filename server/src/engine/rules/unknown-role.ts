import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';
import { nearMiss, roleName } from './helpers';

export const unknownRole: Rule = {
  id: 'unknown-role',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 9)],
  severity: 'error',
  description: 'An alternate names no role of the policy (near misses are fixed), or two roles share an id, so the succession plan points nowhere.',
  fixable: 'safe',
  formats: ['yaml', 'markdown'],
  summary: false,
  check(context) {
    const roles = context.policy.roles;
    const ids = roles.flatMap((role) => (role.id ? [role.id.value] : []));
    const findings: RuleFinding[] = [];
    roles.forEach((role, index) => {
      if (role.id && roles.slice(0, index).some((other) => other.id?.value === role.id!.value)) {
        findings.push({ span: role.id.span, message: `Role id \`${role.id.value}\` is used twice: alternates cannot tell the roles apart; give each role its own id.` });
      }
    });
    for (const role of roles) {
      for (const alternate of role.alternates) {
        if (ids.includes(alternate.value)) continue;
        const suggestion = nearMiss(alternate.value, ids);
        const source = context.doc.text.slice(alternate.span.start, alternate.span.end);
        findings.push({
          span: alternate.span,
          message: suggestion
            ? `Alternate \`${source}\` of role \`${roleName(role)}\` is not a role id; did you mean \`${suggestion}\`?`
            : `Alternate \`${source}\` of role \`${roleName(role)}\` names no role of this policy (roles: ${ids.join(', ') || 'none'}).`,
          fix: suggestion && role.source === 'yaml' ? { title: `Change to ${suggestion}`, edits: [{ start: alternate.span.start, end: alternate.span.end, newText: suggestion }] } : undefined,
          data: { alternate: alternate.value, suggestion },
        });
      }
    }
    return findings;
  },
};
