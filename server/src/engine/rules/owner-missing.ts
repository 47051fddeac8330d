import { g, type Rule } from './rule';
import { addBlock, missingAt, placeAt, speaksProse } from './helpers';

export const ownerMissing: Rule = {
  id: 'owner-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2)],
  severity: 'error',
  description: 'No designated policy owner: no `owner` field, no Owner label or document-control row, and no Policy Owner role with a name.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const owner = context.policy.field('owner');
    if (owner?.kind === 'map' && !owner.entries.some((entry) => entry.key === 'name')) {
      return [{
        span: missingAt(context, 'owner'),
        message: '`owner` names no person: add `name` (the designated policy owner) next to the role.',
        suggestions: () => [context.edits.fix('Add owner name', context.edits.insertMapField(owner, 'name', 'TBD'))],
      }];
    }
    // An owner that is there but unfilled is the placeholder rule's finding.
    if (owner || context.policy.meta.owner || context.judgement.element('owner').met) return [];
    return [{
      span: placeAt(context, { topics: ['owner'] }),
      message: speaksProse(context)
        ? 'The policy names no owner. Add a line such as `**Owner:** Head of Security` under the title (or an Owner row in the document-control table) so an auditor sees who is accountable for it.'
        : 'The policy has no designated owner. Add `owner: {name, role}` so an auditor can see who is accountable for it.',
      suggestions: () => [addBlock(context, 'owner', { name: 'TBD', role: 'TBD' })],
    }];
  },
};
