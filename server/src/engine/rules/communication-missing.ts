import { g, type Rule } from './rule';
import { addBlock, partialBlock, placeAt, quoteList, speaksProse } from './helpers';

export const communicationMissing: Rule = {
  id: 'communication-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 3), g.impl('CEK-02', 3), g.ccm('CEK-02', 2)],
  severity: 'error',
  description: 'The policy does not say to whom and how it is communicated, or what proves it (`communication: {audiences, channels, evidence}`, or a statement such as "the policy is published on the intranet and acknowledged by every engineer").',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const template = { audiences: ['security engineering', 'platform operations', 'DevOps', 'compliance'], channels: ['TBD'], evidence: 'TBD' };
    if (context.policy.field('communication')) {
      return partialBlock(context, {
        key: 'communication', keys: ['audiences', 'evidence'], template,
        message: (missing) => `\`communication\` lacks ${quoteList(missing)}: name the teams that must know the policy and the evidence that they were told (bulletins, training records, acknowledgments).`,
      });
    }
    if (context.judgement.element('communication').met) return [];
    return [{
      span: placeAt(context, { topics: ['communication'] }),
      message: speaksProse(context)
        ? 'The policy does not say how it is communicated. Add a Communication section with a sentence such as "The policy is published on the intranet, announced to security engineering, platform operations, DevOps and compliance, and acknowledged by every engineer in the LMS."'
        : 'The policy does not say how it is communicated. Add `communication: {audiences, channels, evidence}`: the teams that must know it and the proof they do (bulletins, training records, acknowledgments).',
      suggestions: () => [addBlock(context, 'communication', template)],
    }];
  },
};
