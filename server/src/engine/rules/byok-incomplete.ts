import { g, type Rule } from './rule';
import { stanceOf } from '../evidence/stance';
import type { RuleFinding } from '../types';
import { absentKeys, missingAt, placeAt, quoteList, speaksProse } from './helpers';

export const byokIncomplete: Rule = {
  id: 'byok-incomplete',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 8)],
  severity: 'warning',
  description: 'BYOK is offered but the policy does not say how keys are provisioned, whether HYOK and contractual guarantees exist; or an organisation that holds tenant data does not state that tenant keys are kept separate.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const { judgement, policy } = context;
    if (judgement.applicability(g.audit('CEK-01', 8)).status !== 'applies') return [];
    const byok = policy.field('byok');
    const separated = judgement.element('tenantSeparation').met;
    if (byok?.kind === 'map') {
      const offered = stanceOf(byok.entries.find((entry) => entry.key === 'supported')?.value) === true;
      const required = offered ? ['hyok', 'tenant_key_separation', 'provisioning', 'contractual_guarantees'] : separated ? [] : ['tenant_key_separation'];
      const missing = absentKeys(byok, required);
      if (missing.length === 0) return [];
      return [{
        span: missingAt(context, 'byok'),
        message: offered
          ? `BYOK is offered but \`byok\` does not state ${quoteList(missing)}: say how customer keys are provisioned and separated, and what is guaranteed.`
          : 'State `tenant_key_separation` in `byok` even without BYOK: tenants rely on their keys being separated.',
        suggestions: () => [context.edits.fix(`Add ${missing.join(', ')}`, ...missing.map((key) => context.edits.insertMapField(byok, key, key === 'provisioning' || key === 'contractual_guarantees' ? 'TBD' : true)))],
        data: { missing },
      }];
    }
    if (byok || separated) return [];
    const findings: RuleFinding[] = [{
      span: placeAt(context, { topics: ['byok'], evidence: judgement.element('customerKeys').evidence }),
      message: speaksProse(context)
        ? 'The policy does not say that tenants\' keys are kept separate: state how customer or tenant data keys are isolated (e.g. "each tenant\'s data is encrypted under its own key hierarchy in the KMS").'
        : 'State tenant key separation (`byok.tenant_key_separation`): tenants rely on their keys being separated.',
    }];
    return findings;
  },
};
