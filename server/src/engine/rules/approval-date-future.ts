import { g, type Rule } from './rule';
import { isoDateOf } from './helpers';

export const approvalDateFuture: Rule = {
  id: 'approval-date-future',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2), g.ccm('CEK-01', 1), g.impl('CEK-02', 2)],
  severity: 'error',
  description: 'The approval date is after today: a policy cannot have been approved in the future.',
  fixable: false,
  formats: ['yaml', 'markdown'],
  check(context) {
    const node = context.policy.at('approval', 'date');
    const date = isoDateOf(node);
    if (!node || !date || date <= context.today) return [];
    return [{ span: node.span, message: `Approval date ${date} is in the future (today is ${context.today}); record the date the approval was actually given.` }];
  },
};
