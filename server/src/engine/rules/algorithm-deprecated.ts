import { describeSource, mentionPhrase } from '../crypto/describe';
import { mentionFindings } from './algorithm-disallowed';
import { g, type Rule } from './rule';

export const algorithmDeprecated: Rule = {
  id: 'algorithm-deprecated',
  control: 'CEK-04',
  guidelines: [g.audit('CEK-01', 1), g.audit('CEK-01', 4)],
  severity: 'warning',
  description: 'The policy approves an algorithm, key size, mode or protocol version that its cryptography profile deprecates today, with the date it becomes disallowed.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  blocks: false,
  check(context) {
    return mentionFindings(context, (mention, assessment, source) => {
      if (mention.stance !== 'approved' || mention.judgement.status !== 'deprecated') return undefined;
      const next = mention.judgement.next;
      const when = next ? `; ${next.status} from ${next.from} (${describeSource(assessment.choice.profile, next.source)})` : '';
      return { message: `${mentionPhrase(mention)} is deprecated under ${assessment.profile} (${source})${when}.${mention.judgement.note ? ` Note: ${mention.judgement.note}.` : ''}` };
    });
  },
};
