import { g, type Rule } from './rule';
import { absentKeys, missingAt, quoteList } from './helpers';

export const byokIncomplete: Rule = {
  id: 'byok-incomplete',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 8), g.audit('CEK-02', 4), g.audit('CEK-02', 10)],
  severity: 'warning',
  description: 'BYOK is offered but the policy does not say how keys are provisioned, separated per tenant, whether HYOK and contractual guarantees exist; a CSP must state tenant key separation in any case.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const byok = context.policy.field('byok');
    if (byok?.kind !== 'map') return [];
    const supported = byok.entries.find((entry) => entry.key === 'supported')?.value;
    const offered = supported?.kind === 'scalar' && supported.value === true;
    const required = offered ? ['hyok', 'tenant_key_separation', 'provisioning', 'contractual_guarantees']
      : context.policy.actorCodes.includes('CSP') ? ['tenant_key_separation'] : [];
    const missing = absentKeys(byok, required);
    if (missing.length === 0) return [];
    return [{
      span: missingAt(context, 'byok'),
      message: offered
        ? `BYOK is offered but \`byok\` does not state ${quoteList(missing)}: say how customer keys are provisioned and separated, and what is guaranteed.`
        : `As a CSP, state \`tenant_key_separation\` in \`byok\` even without BYOK: tenants rely on their keys being separated.`,
      suggestions: [context.edits.fix(`Add ${missing.join(', ')}`, ...missing.map((key) => context.edits.insertMapField(byok, key, key === 'provisioning' || key === 'contractual_guarantees' ? 'TBD' : true)))],
      data: { missing },
    }];
  },
};
