import { g, type Rule } from './rule';
import { addBlock, placeAt, speaksProse } from './helpers';

export const byokMissing: Rule = {
  id: 'byok-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 8)],
  severity: 'error',
  description: 'An organisation that holds customer or tenant data (a CSP, MP, OSP or AP, declared or inferred) does not state whether customers can bring or hold their own keys (BYOK/HYOK), even if the answer is no.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const { judgement, policy } = context;
    if (judgement.applicability(g.audit('CEK-01', 8)).status !== 'applies') return [];
    if (policy.field('byok') || judgement.element('customerKeys').met) return [];
    const subject = policy.actor.basis === 'inferred' ? 'The policy describes a service that holds customer data, but it' : `As ${policy.actorCodes.join('/')}, the policy`;
    return [{
      span: placeAt(context, { topics: ['byok'] }),
      message: speaksProse(context)
        ? `${subject} does not say whether customers can bring or hold their own keys: state the BYOK/HYOK stance, even when it is not offered (e.g. "Customers may supply their own keys through the KMS (BYOK); HYOK is not offered").`
        : `${subject} must state its BYOK/HYOK stance for downstream tenants, even when not offered: add \`byok: {supported, hyok}\`.`,
      suggestions: () => [addBlock(context, 'byok', { supported: false, hyok: false })],
    }];
  },
};
