import { g, type Rule } from './rule';
import { dateFact } from '../requirements/review';

export const approvalDateFuture: Rule = {
  id: 'approval-date-future',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2), g.ccm('CEK-01', 1), g.impl('CEK-02', 2)],
  severity: 'error',
  description: 'The approval date is after today: a policy cannot have been approved in the future. A month-precision date ("March 2027") is in the future once its first day is.',
  fixable: false,
  formats: ['yaml', 'markdown'],
  check(context) {
    const node = context.policy.at('approval', 'date');
    const meta = context.policy.field('approval') ? undefined : context.policy.meta.approvalDate;
    const fact = node
      ? dateFact(node.kind === 'scalar' && node.value !== null ? String(node.value) : '', node.span, '`approval.date`', node)
      : meta ? dateFact(meta.value, meta.span, meta.source) : undefined;
    if (!fact?.earliest || fact.earliest <= context.today) return [];
    const shown = fact.earliest === fact.latest ? fact.earliest : fact.raw.trim();
    return [{ span: fact.span, message: `Approval date ${shown} is in the future (today is ${context.today}); record the date the approval was actually given.` }];
  },
};
