import { assessCryptography } from '../crypto/assess';
import { g, type Rule } from './rule';

export const keyGenerationUnspecified: Rule = {
  id: 'key-generation-unspecified',
  // Its finding says more than the control pack's topic finding for the same gap.
  replaces: ['key-generation-missing'],
  control: 'CEK-10',
  guidelines: [g.audit('CEK-01', 1)],
  severity: 'warning',
  description: 'The policy sets out its cryptography but names no source for key generation: no approved random bit generator (SP 800-90A DRBG), HSM, KMS or library (CEK-10).',
  fixable: false,
  formats: ['yaml', 'markdown'],
  blocks: false,
  check(context) {
    const assessment = assessCryptography(context.doc, context.config, context.today);
    if (!assessment.statesCryptography || assessment.facts.generation.length > 0) return [];
    const span = assessment.facts.section?.keySpan ?? context.doc.anchor;
    return [{
      span,
      message: 'The policy does not say how keys are generated: name an approved random bit generator (SP 800-90A DRBG), the HSM or KMS that generates them, or the library used.',
    }];
  },
};
