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
    if (context.policy.actor.basis !== 'unknown') return [];
    return [{
      span: context.doc.anchor,
      message: 'The policy does not declare its SSRM role and says too little to infer it: CEK-01 auditing guideline 8 and CEK-02 auditing guidelines 2, 4 and 10 are not assessed. Declare `actor:` (CSP, MP, OSP, AP or AIC).',
      suggestions: () => ACTORS.map((actor) => context.edits.fix(`Declare actor: ${actor} (${ACTOR_NAMES[actor]})`, context.edits.insertRootField('actor', actor))),
    }];
  },
};
