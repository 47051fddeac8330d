import { assessCryptography } from '../crypto/assess';
import { describeSource, mentionPhrase } from '../crypto/describe';
import { successorFix } from '../crypto/fixes';
import { dataOf, spanOf } from './algorithm-disallowed';
import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';

export const algorithmNotApproved: Rule = {
  id: 'algorithm-not-approved',
  control: 'CEK-04',
  guidelines: [g.audit('CEK-01', 1), g.audit('CEK-01', 4)],
  severity: 'warning',
  description: 'The policy approves an algorithm its cryptography profile does not list (bcrypt, Argon2, scrypt, ChaCha20-Poly1305 and X25519 are sound but not FIPS-approved); an error when the profile has the `fips` option.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  blocks: false,
  check(context) {
    const assessment = assessCryptography(context.doc, context.config, context.today);
    const findings: RuleFinding[] = [];
    for (const mention of assessment.mentions) {
      if (mention.stance !== 'approved' || mention.judgement.status !== 'not-approved') continue;
      const source = describeSource(assessment.choice.profile, mention.judgement.source);
      findings.push({
        span: spanOf(mention),
        message: `${mentionPhrase(mention)} is not an approved algorithm under ${assessment.profile} (${source})${assessment.choice.fips ? '; a FIPS-validated module cannot offer it' : ''}.`,
        ...(assessment.choice.fips ? { severity: 'error' as const } : {}),
        suggestions: () => [successorFix(context.doc, context.edits, assessment.choice, mention)],
        data: dataOf(mention, assessment.profile),
      });
    }
    return findings;
  },
};
