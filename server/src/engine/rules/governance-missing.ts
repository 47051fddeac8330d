import { g, type Rule } from './rule';
import { hasFieldOrSection, missingAt } from './helpers';

export const governanceMissing: Rule = {
  id: 'governance-missing',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 8)],
  severity: 'error',
  description: 'No governance body oversees role assignment at least annually (`governance: {body, review_months}` or a Governance section).',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const months = context.policy.at('governance', 'review_months');
    if (months?.kind === 'scalar' && typeof months.value === 'number' && months.value > 12) {
      return [{ span: months.span, message: `Governance reviews role assignment every ${months.value} months; it must do so at least annually (12).`, suggestions: [context.edits.fix('Set review_months to 12', context.edits.replaceValue(months, 12))] }];
    }
    const governance = context.policy.field('governance');
    if (governance?.kind === 'map' && !governance.entries.some((entry) => entry.key === 'body')) {
      return [{ span: missingAt(context, 'governance'), message: '`governance` names no `body`: say which committee or board oversees role assignment.', suggestions: [context.edits.fix('Add governance body', context.edits.insertMapField(governance, 'body', 'TBD'))] }];
    }
    if (hasFieldOrSection(context, 'governance', 'governance')) return [];
    return [{
      span: missingAt(context),
      message: 'No governance body oversees CEK role assignment. Add `governance: {body, review_months}` (e.g. the risk committee, every 12 months).',
      suggestions: [context.edits.fix('Add a governance block', context.edits.insertRootField('governance', { body: 'TBD', review_months: 12 }))],
    }];
  },
};
