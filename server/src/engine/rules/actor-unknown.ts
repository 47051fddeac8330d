import { ACTORS, ACTOR_NAMES } from '../model/duties';
import { g, type Rule } from './rule';

export const actorUnknown: Rule = {
  id: 'actor-unknown',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 8), g.audit('CEK-02', 2), g.audit('CEK-02', 4), g.audit('CEK-02', 10)],
  severity: 'info',
  description: 'The policy does not declare its SSRM role (`actor:`) and says too little to infer it, so the guidelines that depend on it (CEK-01 auditing 8, CEK-02 auditing 2, 4 and 10) are not assessed.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const { actor } = context.policy;
    if (actor.basis === 'declared' || actor.basis === 'config') return [];
    // Inferred traits may leave one question open: whether the organisation hosts customer or tenant data.
    if (actor.basis === 'inferred' && actor.hostsCustomerData !== undefined && actor.ai !== undefined) return [];
    const open = actor.basis === 'unknown' ? 'CEK-01 auditing guideline 8 and CEK-02 auditing guidelines 2, 4 and 10 are' : 'CEK-01 auditing guideline 8 and CEK-02 auditing guideline 10 (customers and tenants) are';
    return [{
      span: context.doc.anchor,
      message: `The policy does not declare its SSRM role and says too little to infer it: ${open} not assessed. Declare \`actor:\` (CSP, MP, OSP, AP or AIC).`,
      suggestions: () => ACTORS.map((actor) => context.edits.fix(`Declare actor: ${actor} (${ACTOR_NAMES[actor]})`, context.edits.insertRootField('actor', actor))),
    }];
  },
};
