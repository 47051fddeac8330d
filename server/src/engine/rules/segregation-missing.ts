import { DEFAULT_SEGREGATION } from '../model/duties';
import { g, type Rule } from './rule';
import { placeAt, speaksProse } from './helpers';

export const segregationMissing: Rule = {
  id: 'segregation-missing',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 5)],
  severity: 'error',
  description: 'The policy neither requires segregation of duties or dual control for key management, nor shows the segregated duties (key generation, encryption enforcement, operational support) held by different teams.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    if (context.policy.field('segregation') || context.judgement.element('segregation').met) return [];
    return [{
      span: placeAt(context, { topics: ['segregation', 'roles'] }),
      message: speaksProse(context, 'segregation')
        ? 'The policy does not require segregation of duties for key management: state that no one person or team both generates keys and enforces encryption or operates the workloads, and that sensitive key operations need dual control (e.g. "Key generation, encryption enforcement and operational support are held by different teams; key recovery requires two authorised people").'
        : 'The policy does not require segregation of duties: add `segregation:` with the duty pairs no assignee may hold together (key generation, encryption enforcement, operational support).',
      suggestions: () => [context.edits.fix('Add the default segregation pairs', context.edits.insertRootField('segregation', context.config.segregation ?? DEFAULT_SEGREGATION))],
    }];
  },
};
