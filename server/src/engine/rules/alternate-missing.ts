import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';
import { roleField, roleName } from './helpers';

export const alternateMissing: Rule = {
  id: 'alternate-missing',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 9)],
  severity: 'warning',
  description: 'A role has no alternate (another role that stands in on absence or turnover), so continuity of its key duties is not planned.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const findings: RuleFinding[] = [];
    const roles = context.policy.roles;
    for (const role of roles) {
      const own = role.id?.value;
      if (role.alternates.some((alternate) => alternate.value !== own)) continue;
      const others = roles.filter((other) => other !== role && other.id).map((other) => other.id!.value).slice(0, 3);
      const list = roleField(role, 'alternates');
      findings.push({
        span: role.id?.span ?? role.title?.span ?? role.span,
        message: `Role \`${roleName(role)}\` has no alternate: name a role whose holders are trained to stand in (continuity and succession).`,
        suggestions: role.node ? others.map((other) => context.edits.fix(`Add ${other} as alternate`,
          list?.kind === 'seq' ? context.edits.appendSeqItem(list, other)
            : list ? context.edits.replaceValue(list, [other]) : context.edits.insertMapField(role.node!, 'alternates', [other]))) : [],
      });
    }
    return findings;
  },
};
