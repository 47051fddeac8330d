import { g, type Rule } from './rule';
import { hasFieldOrSection, missingAt } from './helpers';

/** Providers with downstream tenants must state their customer-key stance. */
const PROVIDERS = ['CSP', 'MP', 'OSP'];

export const byokMissing: Rule = {
  id: 'byok-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 8), g.audit('CEK-02', 4), g.audit('CEK-02', 10)],
  severity: 'error',
  description: 'A provider (CSP, MP or OSP) does not state whether it offers BYOK/HYOK to downstream tenants (`byok` or a BYOK section), even if the answer is no.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const providers = context.policy.actorCodes.filter((actor) => PROVIDERS.includes(actor));
    if (providers.length === 0 || hasFieldOrSection(context, 'byok', 'byok')) return [];
    return [{
      span: missingAt(context),
      message: `As ${providers.join('/')}, the policy must state its BYOK/HYOK stance for downstream tenants, even when not offered: add \`byok: {supported, hyok}\`.`,
      suggestions: [context.edits.fix('State that BYOK/HYOK is not offered', context.edits.insertRootField('byok', { supported: false, hyok: false }))],
    }];
  },
};
