import { DUTY_DESCRIPTIONS, REQUIRED_DUTIES, isActor, isDutyId } from '../model/duties';
import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';

export const dutyUnassigned: Rule = {
  id: 'duty-unassigned',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 1), g.audit('CEK-02', 2), g.audit('CEK-02', 4), g.audit('CEK-02', 10)],
  severity: 'error',
  description: 'A duty the actor must cover (e.g. `kms-operation`, `incident-response`, `byok-provisioning` for a CSP) is held by no role.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const { roles, rolesSpan } = context.policy;
    if (roles.length === 0 || !rolesSpan) return [];
    const held = new Set(roles.flatMap((role) => role.responsibilities.map((duty) => duty.value)));
    const findings: RuleFinding[] = [];
    for (const duty of context.requiredDuties) {
      if (held.has(duty)) continue;
      const why = context.policy.actorCodes.filter((actor) => isActor(actor) && (REQUIRED_DUTIES[actor] as string[]).includes(duty));
      const meaning = isDutyId(duty) ? ` ${DUTY_DESCRIPTIONS[duty].text}` : '';
      findings.push({
        span: rolesSpan,
        message: `No role holds \`${duty}\`${why.length ? `, required for ${why.join('/')}` : ''}: add it to the responsibilities of the role that performs it.${meaning}`,
        suggestions: roles.filter((role) => role.node).slice(0, 3).map((role) => {
          const list = role.node!.entries.find((entry) => entry.key === 'responsibilities')?.value;
          const edit = list?.kind === 'seq' ? context.edits.appendSeqItem(list, duty) : undefined;
          return context.edits.fix(`Assign ${duty} to ${role.id?.value ?? role.title?.value ?? 'role'}`, edit);
        }),
        data: { duty },
      });
    }
    return findings;
  },
};
