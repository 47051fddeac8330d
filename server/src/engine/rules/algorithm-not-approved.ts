import { mentionPhrase } from '../crypto/describe';
import { mentionFindings } from './algorithm-disallowed';
import { g, type Rule } from './rule';

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
    return mentionFindings(context, (mention, assessment, source) => {
      if (mention.stance !== 'approved' || mention.judgement.status !== 'not-approved') return undefined;
      return {
        message: `${mentionPhrase(mention)} is not an approved algorithm under ${assessment.profile} (${source})${assessment.choice.fips ? '; a FIPS-validated module cannot offer it' : ''}.`,
        ...(assessment.choice.fips ? { severity: 'error' as const } : {}),
      };
    });
  },
};
