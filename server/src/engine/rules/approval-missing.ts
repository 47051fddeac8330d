import { g, type Rule } from './rule';
import { hasFieldOrSection, missingAt } from './helpers';

export const approvalMissing: Rule = {
  id: 'approval-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2), g.ccm('CEK-01', 1), g.impl('CEK-02', 2)],
  severity: 'error',
  description: 'No record of formal approval (`approval: {by, date}` or an Approval section).',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const approval = context.policy.field('approval');
    if (approval?.kind === 'map') {
      const missing = ['by', 'date'].filter((key) => !approval.entries.some((entry) => entry.key === key));
      if (missing.length === 0) return [];
      return [{
        span: missingAt(context, 'approval'),
        message: `\`approval\` lacks ${missing.map((key) => `\`${key}\``).join(' and ')}: record who approved the policy (e.g. the security committee or CISO) and when.`,
        suggestions: [context.edits.fix(`Add approval ${missing.join(' and ')}`, ...missing.map((key) => context.edits.insertMapField(approval, key, 'TBD')))],
        data: { missing },
      }];
    }
    if (hasFieldOrSection(context, 'approval', 'approval')) return [];
    const { approvedBy, approvalDate } = context.policy.meta;
    if (approvedBy && approvalDate) return [];
    if (approvedBy || approvalDate) {
      const found = (approvedBy ?? approvalDate)!;
      return [{
        span: found.span,
        message: `The policy names ${approvedBy ? 'an approver' : 'an approval date'} (${found.source}) but no ${approvedBy ? 'approval date' : 'approver'}: record who approved it and when.`,
      }];
    }
    return [{
      span: missingAt(context),
      message: 'The policy shows no formal approval. Add `approval: {by, date, evidence}` naming the approving body (e.g. security committee, CISO) and the record of it.',
      suggestions: [context.edits.fix('Add an approval block', context.edits.insertRootField('approval', { by: 'TBD', date: 'TBD', evidence: 'TBD' }))],
    }];
  },
};
