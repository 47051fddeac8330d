import { g, type Rule } from './rule';
import { textList } from '../model/model';
import { addBlock, gapsOf, missingAt, placeAt, quoteList, speaksProse } from './helpers';

export const coordinationMissing: Rule = {
  id: 'coordination-missing',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 10)],
  severity: 'warning',
  description: 'The CEK roles do not coordinate with the upstream cryptographic services the organisation relies on and, where it holds customer or tenant data, with its downstream customers (key provisioning, tenant isolation, shared controls such as BYOK).',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const { judgement, policy } = context;
    const ref = g.audit('CEK-02', 10);
    if (judgement.applicability(ref).status !== 'applies') return [];
    const elements = judgement.elementsOf(ref);
    if (elements.every((element) => element.met)) return [];
    const needed = elements.map((element) => element.id);
    const who = policy.actorCodes.length > 0 ? `As ${policy.actorCodes.join('/')}, name` : 'Name';
    const coordination = policy.field('coordination');
    if (coordination?.kind === 'map') {
      const missing = needed.filter((key) => textList(coordination.entries.find((entry) => entry.key === key)?.value).length === 0);
      if (missing.length === 0) return [];
      return [{
        span: missingAt(context, 'coordination'),
        message: `\`coordination\` lists no ${quoteList(missing)} parties: ${policy.actorCodes.length > 0 ? `as ${policy.actorCodes.join('/')}, ` : ''}name them.`,
        suggestions: () => [context.edits.fix(`Add ${missing.join(', ')}`, ...missing.filter((key) => !coordination.entries.some((entry) => entry.key === key)).map((key) => context.edits.insertMapField(coordination, key, ['TBD'])))],
        data: { missing },
      }];
    }
    if (coordination) return [];
    return [{
      span: placeAt(context, { topics: ['coordination', 'roles'], evidence: elements.flatMap((element) => element.evidence) }),
      message: speaksProse(context)
        ? `The policy states ${gapsOf(elements)}. ${who} who coordinates ${needed.includes('downstream') ? 'with customers or tenants on key provisioning, tenant isolation and shared controls such as BYOK, and ' : ''}with the upstream providers whose key management you rely on (e.g. "Security Engineering coordinates key incidents and BYOK onboarding with customers, and key management with our cloud provider").`
        : `${who} the ${needed.join(' and ')} parties your key roles coordinate with: add \`coordination: {${needed.join(', ')}}\`.`,
      suggestions: () => [addBlock(context, 'coordination', Object.fromEntries(needed.map((key) => [key, ['TBD']])))],
    }];
  },
};
