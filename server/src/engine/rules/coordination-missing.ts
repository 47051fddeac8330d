import { g, type Rule } from './rule';
import { textList } from '../model/model';
import { missingAt, quoteList } from './helpers';

const NEEDS_UPSTREAM = ['MP', 'OSP', 'AP', 'AIC'];
const NEEDS_DOWNSTREAM = ['CSP', 'MP', 'OSP'];

export const coordinationMissing: Rule = {
  id: 'coordination-missing',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 10), g.audit('CEK-01', 8)],
  severity: 'warning',
  description: 'The policy does not name the upstream cryptographic services or downstream tenants its roles coordinate with, as the actor requires (`coordination: {upstream, downstream}` or a Coordination section).',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const actors = context.policy.actorCodes;
    const needed = [
      ...(actors.some((actor) => NEEDS_UPSTREAM.includes(actor)) ? ['upstream'] : []),
      ...(actors.some((actor) => NEEDS_DOWNSTREAM.includes(actor)) ? ['downstream'] : []),
    ];
    if (needed.length === 0) return [];
    const coordination = context.policy.field('coordination');
    if (!coordination) {
      if (context.policy.filledSection('coordination')) return [];
      return [{
        span: missingAt(context),
        message: `As ${actors.join('/')}, name the ${needed.join(' and ')} parties your key roles coordinate with: add \`coordination: {${needed.join(', ')}}\`.`,
        suggestions: [context.edits.fix('Add a coordination block', context.edits.insertRootField('coordination', Object.fromEntries(needed.map((key) => [key, ['TBD']]))))],
      }];
    }
    if (coordination.kind !== 'map') return [];
    const missing = needed.filter((key) => textList(coordination.entries.find((entry) => entry.key === key)?.value).length === 0);
    if (missing.length === 0) return [];
    return [{
      span: missingAt(context, 'coordination'),
      message: `\`coordination\` lists no ${quoteList(missing)} parties; as ${actors.join('/')} the policy must name them.`,
      suggestions: [context.edits.fix(`Add ${missing.join(', ')}`, ...missing.filter((key) => !coordination.entries.some((entry) => entry.key === key)).map((key) => context.edits.insertMapField(coordination, key, ['TBD'])))],
      data: { missing },
    }];
  },
};
