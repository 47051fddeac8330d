import type { GuidelineRef } from '../config/catalog';
import { AI_DUTIES, DUTY_DESCRIPTIONS, ISOLATION_DUTIES, OPERATIONAL_DUTIES, REQUIRED_DUTIES, isActor, isDutyId } from '../model/duties';
import { g, type Rule, type RuleContext } from './rule';
import type { RuleFinding } from '../types';

/** Each duty's own guidelines: CEK-02 auditing 1 for all, and the guidelines its description names. */
function guidelinesOf(duty: string): GuidelineRef[] {
  const refs = [g.audit('CEK-02', 1)];
  if (isDutyId(duty)) for (const number of DUTY_DESCRIPTIONS[duty].auditing) if (number !== 1) refs.push(g.audit('CEK-02', number));
  return refs;
}

/** Duty groups a guideline needs at least one of, when roles are read from prose. */
const GROUPS: { element: string; duties: readonly string[]; guidelines: GuidelineRef[]; when?: GuidelineRef; message: string }[] = [
  { element: 'rolesOperations', duties: OPERATIONAL_DUTIES, guidelines: [g.audit('CEK-02', 1), g.audit('CEK-02', 3), g.audit('CEK-01', 5)], message: 'No role is responsible for cryptographic operations: name the team that generates, rotates, revokes and destroys keys, operates the KMS/HSM, enforces encryption and responds to key compromise.' },
  { element: 'oversight', duties: ['policy-oversight'], guidelines: [g.audit('CEK-01', 5)], message: 'No role oversees the policy and cryptographic governance: name who owns and maintains it (e.g. "The CISO owns this policy and oversees the key management program").' },
  { element: 'aiDuties', duties: AI_DUTIES, guidelines: [g.audit('CEK-02', 2)], when: g.audit('CEK-02', 2), message: 'No role is responsible for AI-specific encryption: name who manages encryption for AI services (models, training data, prompts, LLM API integrations) and tenant isolation.' },
  { element: 'isolationDuties', duties: ISOLATION_DUTIES, guidelines: [g.audit('CEK-02', 4)], when: g.audit('CEK-02', 4), message: 'No role is responsible for encryption isolation in customer-facing AI services: name who sets up BYOK/HYOK and keeps tenants\' data and keys segregated.' },
];

export const dutyUnassigned: Rule = {
  id: 'duty-unassigned',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 1), g.audit('CEK-02', 2), g.audit('CEK-02', 4), g.audit('CEK-02', 10), g.audit('CEK-01', 5)],
  severity: 'error',
  description: 'A duty the organisation must cover is held by no role. In a roles list of duty ids, each required duty (by actor: e.g. `kms-operation`, `byok-provisioning` for a CSP) is checked; where roles are written as free text, each guideline\'s group of duties (operations, oversight, AI-specific, isolation) is.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const { roles, rolesSpan } = context.policy;
    if (roles.length === 0) return [];
    const span = rolesSpan ?? roles[0].span;
    const structured = roles.every((role) => role.structured);
    const findings: RuleFinding[] = structured ? structuredFindings(context, span) : [];
    // A guideline whose whole group of duties is unheld gets one finding (unless a duty of it was reported above).
    for (const group of GROUPS) {
      if (group.when && context.judgement.applicability(group.when).status !== 'applies') continue;
      if (context.judgement.element(group.element).met) continue;
      if (findings.some((finding) => group.duties.includes(String(finding.data?.duty)))) continue;
      findings.push({ span, severity: structured ? 'error' : 'warning', message: group.message, guidelines: group.guidelines, data: { group: group.element } });
    }
    if (structured) return findings;
    const held = new Set(roles.flatMap((role) => role.responsibilities.map((duty) => duty.value)));
    const unnamed = context.requiredDuties.filter((duty) => !held.has(duty) && !findings.some((finding) => GROUPS.find((group) => group.element === finding.data?.group)?.duties.includes(duty)));
    if (unnamed.length > 0 && findings.length === 0) {
      findings.push({ span, severity: 'info', message: `The roles name no one for ${unnamed.map((duty) => duty.replace(/-/g, ' ')).join(', ')}: say who performs ${unnamed.length === 1 ? 'it' : 'them'}.`, data: { duties: unnamed } });
    }
    return findings;
  },
};

/** Roles as duty ids: every required duty must be held (the actor decides which). */
function structuredFindings(context: RuleContext, span: RuleFinding['span']): RuleFinding[] {
  const { roles } = context.policy;
  const held = new Set(roles.flatMap((role) => role.responsibilities.map((duty) => duty.value)));
  const findings: RuleFinding[] = [];
  for (const duty of context.requiredDuties) {
    if (held.has(duty)) continue;
    const why = context.policy.actorCodes.filter((actor) => isActor(actor) && (REQUIRED_DUTIES[actor] as string[]).includes(duty));
    const meaning = isDutyId(duty) ? ` ${DUTY_DESCRIPTIONS[duty].text}` : '';
    findings.push({
      span,
      message: `No role holds \`${duty}\`${why.length ? `, required for ${why.join('/')}` : ''}: add it to the responsibilities of the role that performs it.${meaning}`,
      guidelines: guidelinesOf(duty),
      suggestions: () => roles.filter((role) => role.node).slice(0, 3).map((role) => {
        const list = role.node!.entries.find((entry) => entry.key === 'responsibilities')?.value;
        const edit = list?.kind === 'seq' ? context.edits.appendSeqItem(list, duty) : undefined;
        return context.edits.fix(`Assign ${duty} to ${role.id?.value ?? role.title?.value ?? 'role'}`, edit);
      }),
      data: { duty },
    });
  }
  return findings;
}
