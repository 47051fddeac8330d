import { g, type Rule } from './rule';
import { addBlock, missingAt, placeAt, speaksProse } from './helpers';

export const governanceMissing: Rule = {
  id: 'governance-missing',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 8)],
  severity: 'error',
  description: 'No governance body (a committee or board) oversees CEK role assignment at least annually (`governance: {body, review_months}`, or a statement such as "the security committee reviews role assignments annually").',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const months = context.policy.at('governance', 'review_months');
    if (months?.kind === 'scalar' && typeof months.value === 'number' && months.value > 12) {
      return [{ span: months.span, message: `Governance reviews role assignment every ${months.value} months; it must do so at least annually (12).`, suggestions: () => [context.edits.fix('Set review_months to 12', context.edits.replaceValue(months, 12))] }];
    }
    const governance = context.policy.field('governance');
    if (governance?.kind === 'map' && !governance.entries.some((entry) => entry.key === 'body')) {
      return [{ span: missingAt(context, 'governance'), message: '`governance` names no `body`: say which committee or board oversees role assignment.', suggestions: () => [context.edits.fix('Add governance body', context.edits.insertMapField(governance, 'body', 'TBD'))] }];
    }
    if (governance || context.judgement.element('governance').met) return [];
    return [{
      span: placeAt(context, { topics: ['governance', 'roles'] }),
      message: speaksProse(context)
        ? 'No governance body oversees CEK role assignment: name the committee or board that reviews who holds CEK roles and how they fit the cryptographic risk posture, at least annually (e.g. "The Security Steering Committee reviews CEK role assignments annually").'
        : 'No governance body oversees CEK role assignment. Add `governance: {body, review_months}` (e.g. the risk committee, every 12 months).',
      suggestions: () => [addBlock(context, 'governance', { body: 'TBD', review_months: 12 })],
    }];
  },
};
