import { g, type Rule } from './rule';
import { placeAt, speaksProse, headingTitle } from './helpers';

/** Guidelines met only by roles holding certain duties (when they apply to the organisation). */
const ROLE_DEPENDENT = [g.audit('CEK-02', 2), g.audit('CEK-02', 4)];

export const rolesMissing: Rule = {
  id: 'roles-missing',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 1), g.audit('CEK-02', 3), g.audit('CEK-01', 5), g.ccm('CEK-02', 2)],
  severity: 'error',
  description: 'The policy assigns no CEK duties to roles or teams: no `roles:` list, roles table, role subsections, labelled role bullets or sentences such as "The Security Team is responsible for key rotation".',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const { policy } = context;
    if (policy.roles.length > 0) return [];
    const entry = policy.entry('roles');
    const section = policy.section('roles');
    // With no role at all, the guidelines that ask for AI-specific and isolation duties are unmet for the same reason.
    const guidelines = [...rolesMissing.guidelines, ...ROLE_DEPENDENT.filter((ref) => context.judgement.applicability(ref).status === 'applies')];
    if (!entry && section?.hasContent) {
      return [{ guidelines, span: section.headingSpan, message: `The ${headingTitle(section)} section names no role or team with a CEK duty: add a table \`Role | Team | Responsibilities\`, a subsection per role, or sentences such as "Security Engineering is responsible for key generation and rotation."` }];
    }
    return [{
      guidelines,
      span: entry ? entry.keySpan : placeAt(context, { topics: ['roles'] }),
      message: speaksProse(context, 'roles')
        ? 'The policy assigns no CEK roles. Add a Roles and Responsibilities section mapping each duty (key generation and rotation, KMS operation, encryption enforcement, incident response, policy oversight) to a team, in a table `Role | Team | Responsibilities | Alternates` or in sentences such as "The CISO owns this policy and oversees the key management program. Security Engineering is responsible for key generation, rotation and destruction. Platform Operations operates the KMS and enforces encryption. Security Operations responds to key compromise incidents."'
        : 'The policy assigns no CEK roles. Add `roles:` mapping each duty (key generation, rotation, KMS operation, incident response, ...) to a role, a team and an alternate.',
      suggestions: () => entry ? [] : [context.edits.fix('Add a roles list', context.edits.insertRootField('roles', [{
        id: 'key-custodian', title: 'Key Custodian', assignee: 'TBD',
        responsibilities: context.requiredDuties.filter((duty) => duty.startsWith('key-')), alternates: [], trained: 'TBD', reviewed: 'TBD',
      }]))],
    }];
  },
};
