import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';
import { placeAt, roleField, roleName, speaksProse } from './helpers';

export const alternateMissing: Rule = {
  id: 'alternate-missing',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 9)],
  severity: 'warning',
  description: 'Continuity of CEK roles is not planned: a role in a roles list (or a table with an Alternates column) names no alternate, or the policy names no alternates, deputies or succession for its roles at all.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const findings: RuleFinding[] = [];
    const roles = context.policy.roles;
    // Per role where roles record alternates per role (YAML roles; a table that has the column).
    const tableHasColumn = roles.some((other) => other.source === 'table' && other.alternates.length > 0);
    const perRole = roles.filter((role) => role.source === 'yaml' || (role.source === 'table' && tableHasColumn));
    // Candidates for the suggestions: the first few role ids (one more than needed, in case one is the role's own).
    const candidates = roles.filter((other) => other.id).slice(0, 4).map((other) => other.id!.value);
    for (const role of perRole) {
      const own = role.id?.value;
      if (role.alternates.some((alternate) => alternate.value !== own)) continue;
      const others = candidates.filter((id) => id !== own).slice(0, 3);
      const list = roleField(role, 'alternates');
      findings.push({
        span: role.id?.span ?? role.title?.span ?? role.span,
        message: `Role \`${roleName(role)}\` has no alternate: name a role whose holders are trained to stand in (continuity and succession).`,
        suggestions: () => role.node ? others.map((other) => context.edits.fix(`Add ${other} as alternate`,
          list?.kind === 'seq' ? context.edits.appendSeqItem(list, other)
            : list ? context.edits.replaceValue(list, [other]) : context.edits.insertMapField(role.node!, 'alternates', [other]))) : [],
      });
    }
    if (perRole.length > 0 || context.judgement.element('alternates').met) return findings;
    return [{
      span: placeAt(context, { topics: ['continuity', 'roles'] }),
      message: speaksProse(context, 'roles')
        ? 'The policy names no alternates for its CEK roles: say who stands in when a key custodian or KMS administrator is absent or leaves (e.g. an Alternates column, or "Each key custodian has a trained deputy; succession is planned by the security committee").'
        : 'No role names an alternate: add `alternates:` to each role.',
    }];
  },
};
