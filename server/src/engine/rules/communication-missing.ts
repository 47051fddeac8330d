import { g, type Rule } from './rule';
import { quoteList, requireBlock } from './helpers';

export const communicationMissing: Rule = {
  id: 'communication-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 3), g.impl('CEK-02', 3), g.ccm('CEK-02', 2)],
  severity: 'error',
  description: 'The policy does not say to whom and how it is communicated, or what proves it (`communication: {audiences, channels, evidence}` or a Communication section).',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    return requireBlock(context, {
      key: 'communication',
      section: 'communication',
      keys: ['audiences', 'evidence'],
      template: { audiences: ['security engineering', 'platform operations', 'DevOps', 'compliance'], channels: ['TBD'], evidence: 'TBD' },
      missingMessage: 'The policy does not say how it is communicated. Add `communication: {audiences, channels, evidence}`: the teams that must know it and the proof they do (bulletins, training records, acknowledgments).',
      partialMessage: (missing) => `\`communication\` lacks ${quoteList(missing)}: name the teams that must know the policy and the evidence that they were told (bulletins, training records, acknowledgments).`,
    });
  },
};
