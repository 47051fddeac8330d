import { g, type Rule } from './rule';
import { missingAt } from './helpers';

export const rolesMissing: Rule = {
  id: 'roles-missing',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 1), g.audit('CEK-02', 3), g.audit('CEK-01', 5), g.ccm('CEK-02', 1)],
  severity: 'error',
  description: 'The policy defines no CEK roles (`roles:` list, or a roles table under Roles and Responsibilities) mapping duties to teams.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    if (context.policy.roles.length > 0) return [];
    const entry = context.policy.entry('roles');
    const section = context.policy.section('roles');
    if (!entry && section?.hasContent) {
      return [{ span: section.headingSpan, message: 'The Roles and Responsibilities section has no roles table (Role | Assignee | Responsibilities | Alternates): map each duty to a role and a team.' }];
    }
    return [{
      span: entry ? entry.keySpan : missingAt(context),
      message: 'The policy assigns no CEK roles. Add `roles:` mapping each duty (key generation, rotation, KMS operation, incident response, ...) to a role, a team and an alternate.',
      suggestions: entry ? [] : [context.edits.fix('Add a roles list', context.edits.insertRootField('roles', [{
        id: 'key-custodian', title: 'Key Custodian', assignee: 'TBD',
        responsibilities: context.requiredDuties.filter((duty) => duty.startsWith('key-')), alternates: [], trained: 'TBD', reviewed: 'TBD',
      }]))],
    }];
  },
};
