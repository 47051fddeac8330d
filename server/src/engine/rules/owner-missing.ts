import { g, type Rule } from './rule';
import { hasFieldOrSection, missingAt } from './helpers';

export const ownerMissing: Rule = {
  id: 'owner-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2)],
  severity: 'error',
  description: 'No designated policy owner (`owner: {name, role}` or an Ownership section).',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const owner = context.policy.field('owner');
    if (owner?.kind === 'map' && !owner.entries.some((entry) => entry.key === 'name')) {
      return [{
        span: missingAt(context, 'owner'),
        message: '`owner` names no person: add `name` (the designated policy owner) next to the role.',
        suggestions: [context.edits.fix('Add owner name', context.edits.insertMapField(owner, 'name', 'TBD'))],
      }];
    }
    if (hasFieldOrSection(context, 'owner', 'owner') || context.policy.meta.owner) return [];
    return [{
      span: missingAt(context),
      message: 'The policy has no designated owner. Add `owner: {name, role}` so an auditor can see who is accountable for it.',
      suggestions: [context.edits.fix('Add an owner block', context.edits.insertRootField('owner', { name: 'TBD', role: 'TBD' }))],
    }];
  },
};
