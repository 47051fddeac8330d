import { g, type Rule } from './rule';
import type { TextValue } from '../model/model';
import type { RuleFinding } from '../types';
import { normalizeAssignee, roleName } from './helpers';

export const sodConflict: Rule = {
  id: 'sod-conflict',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 5)],
  severity: 'error',
  description: 'One assignee holds two duties that must be segregated (default: any two of key generation, encryption enforcement and operational support), in one role, across roles held by the same team, or (warning) when an alternate stands in for a role. Duties read from free text give a warning.',
  fixable: false,
  formats: ['yaml', 'markdown'],
  check(context) {
    const holdings = new Map<string, { role: string; duty: TextValue; prose: boolean }[]>();
    for (const role of context.policy.roles) {
      if (!role.assignee) continue;
      const key = normalizeAssignee(role.assignee.value);
      const list = holdings.get(key) ?? [];
      for (const duty of role.responsibilities) list.push({ role: roleName(role), duty, prose: !role.structured });
      holdings.set(key, list);
    }
    const findings: RuleFinding[] = [];
    for (const [assignee, held] of holdings) {
      for (const [first, second] of context.segregation) {
        const a = held.find((holding) => holding.duty.value === first);
        const b = held.find((holding) => holding.duty.value === second);
        if (!a || !b) continue;
        const [earlier, later] = a.duty.span.start <= b.duty.span.start ? [a, b] : [b, a];
        const shown = context.policy.roles.find((role) => role.assignee && normalizeAssignee(role.assignee.value) === assignee)?.assignee?.value ?? assignee;
        findings.push({
          span: later.duty.span,
          // Duties read from free text may be worded more broadly than they are held: a warning, not an error.
          ...(earlier.prose || later.prose ? { severity: 'warning' as const } : {}),
          message: earlier.role === later.role
            ? `Role \`${later.role}\` holds both \`${earlier.duty.value}\` and \`${later.duty.value}\`, which must be segregated: give one of them to a different team.`
            : `${shown} holds both \`${earlier.duty.value}\` (role \`${earlier.role}\`) and \`${later.duty.value}\` (role \`${later.role}\`), which must be segregated: assign one of the roles to a different team.`,
          related: [{ span: earlier.duty.span, message: `\`${earlier.duty.value}\` held here by role \`${earlier.role}\`` }],
          data: { duties: [first, second], assignee: shown },
        });
      }
    }
    // Standing in: the alternate's team then holds the absent role's duties too (warning: it happens only on cover).
    const byId = new Map<string, typeof context.policy.roles>();
    for (const role of context.policy.roles) {
      if (!role.id) continue;
      const list = byId.get(role.id.value);
      if (list) list.push(role);
      else byId.set(role.id.value, [role]);
    }
    for (const role of context.policy.roles) {
      for (const alternate of role.alternates) {
        const stand = byId.get(alternate.value)?.find((other) => other !== role);
        if (!stand?.assignee || (role.assignee && normalizeAssignee(role.assignee.value) === normalizeAssignee(stand.assignee.value))) continue;
        for (const [first, second] of context.segregation) {
          const covered = role.responsibilities.find((duty) => duty.value === first || duty.value === second);
          const own = covered && stand.responsibilities.find((duty) => duty.value === (covered.value === first ? second : first));
          if (!covered || !own) continue;
          findings.push({
            span: alternate.span,
            severity: 'warning',
            message: `When \`${roleName(stand)}\` (${stand.assignee.value}) stands in for \`${roleName(role)}\`, it holds both \`${own.value}\` and \`${covered.value}\`, which must be segregated: name an alternate from another team.`,
            related: [{ span: own.span, message: `\`${own.value}\` held by role \`${roleName(stand)}\`` }],
            data: { duties: [first, second], alternate: alternate.value },
          });
          break;
        }
      }
    }
    return findings;
  },
};
