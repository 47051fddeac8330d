import { g, type Rule } from './rule';
import { addBlock, missingAt, placeAt, speaksProse, headingTitle } from './helpers';

export const approvalMissing: Rule = {
  id: 'approval-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2), g.ccm('CEK-01', 1), g.impl('CEK-02', 2)],
  severity: 'error',
  description: 'No record of formal approval: who approved the policy and when (`approval: {by, date}`, an Approved-by label with a date, an approval table, or a revision-history row that records the approval).',
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
        suggestions: () => [context.edits.fix(`Add approval ${missing.join(' and ')}`, ...missing.map((key) => context.edits.insertMapField(approval, key, 'TBD')))],
        data: { missing },
      }];
    }
    const element = context.judgement.element('approval');
    if (approval || element.met) return [];
    const { approvedBy, approvalDate } = context.policy.meta;
    if (element.cause === 'unsigned' && approvedBy) {
      return [{ span: approvedBy.span, message: `The approval (${approvedBy.source}) is not filled in or signed: record who approved the policy and when.` }];
    }
    if (approvedBy || approvalDate) {
      const found = (approvedBy ?? approvalDate)!;
      return [{
        span: found.span,
        message: `The policy names ${approvedBy ? 'an approver' : 'an approval date'} (${found.source}) but no ${approvedBy ? 'approval date' : 'approver'}: record who approved it and when.`,
      }];
    }
    const section = context.policy.section('approval');
    return [{
      span: placeAt(context, { topics: ['approval'] }),
      message: section
        ? `The ${headingTitle(section)} section records no approver and date: name who approved the policy (e.g. the security committee or CISO) and when.`
        : speaksProse(context)
          ? 'The policy shows no formal approval. Add a line such as `**Approved by:** Security Committee, 2026-03-10` (or an approval table, or a revision-history row that says "Approved") naming the approving body and the date.'
          : 'The policy shows no formal approval. Add `approval: {by, date, evidence}` naming the approving body (e.g. security committee, CISO) and the record of it.',
      suggestions: () => [addBlock(context, 'approval', { by: 'TBD', date: 'TBD', evidence: 'TBD' })],
    }];
  },
};
