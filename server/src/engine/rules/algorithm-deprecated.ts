import { assessCryptography } from '../crypto/assess';
import { describeSource, mentionPhrase } from '../crypto/describe';
import { successorFix } from '../crypto/fixes';
import { dataOf, spanOf } from './algorithm-disallowed';
import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';

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
    const assessment = assessCryptography(context.doc, context.config, context.today);
    const findings: RuleFinding[] = [];
    for (const mention of assessment.mentions) {
      if (mention.stance !== 'approved' || mention.judgement.status !== 'deprecated') continue;
      const source = describeSource(assessment.choice.profile, mention.judgement.source);
      const next = mention.judgement.next;
      const when = next ? `; ${next.status} from ${next.from} (${describeSource(assessment.choice.profile, next.source)})` : '';
      findings.push({
        span: spanOf(mention),
        message: `${mentionPhrase(mention)} is deprecated under ${assessment.profile} (${source})${when}.${mention.judgement.note ? ` Note: ${mention.judgement.note}.` : ''}`,
        suggestions: () => [successorFix(context.doc, context.edits, assessment.choice, mention)],
        data: dataOf(mention, assessment.profile),
      });
    }
    return findings;
  },
};
