import { isFilled } from '../model/model';
import { g, type Rule } from './rule';
import { missingAt } from './helpers';

export const approvalEvidenceMissing: Rule = {
  id: 'approval-evidence-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2)],
  severity: 'warning',
  description: 'The approval names no record an auditor can inspect (policy registry entry, board minutes, executive sign-off).',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const approval = context.policy.field('approval');
    if (approval?.kind !== 'map' || approval.entries.some((entry) => entry.key === 'evidence')) return [];
    if (!isFilled(approval)) return [];
    return [{
      span: missingAt(context, 'approval'),
      message: '`approval` has no `evidence`: name the approval record (policy registry entry, change board minutes or executive sign-off).',
      suggestions: () => [context.edits.fix('Add approval evidence', context.edits.insertMapField(approval, 'evidence', 'TBD'))],
    }];
  },
};
