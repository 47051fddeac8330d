import { assessCryptography } from '../crypto/assess';
import { g, type Rule } from './rule';

export const cryptoperiodMissing: Rule = {
  id: 'cryptoperiod-missing',
  // Its finding says more than the control pack's topic finding for the same gap.
  replaces: ['key-rotation-missing'],
  control: 'CEK-12',
  guidelines: [g.audit('CEK-01', 1)],
  severity: 'warning',
  description: 'The policy sets out its cryptography but gives no rotation period (cryptoperiod) for any key type (CEK-12: keys are rotated per their cryptoperiod).',
  fixable: false,
  formats: ['yaml', 'markdown'],
  blocks: false,
  check(context) {
    const assessment = assessCryptography(context.doc, context.config, context.today);
    if (!assessment.statesCryptography || assessment.facts.cryptoperiods.length > 0) return [];
    const span = assessment.facts.section?.keySpan ?? context.doc.anchor;
    return [{
      span,
      message: 'No rotation period is stated for any key type: give cryptoperiods for the main keys (for example data-encryption and key-wrapping keys at most 2 years, master keys about 1 year; SP 800-57 Part 1 Rev. 5 Table 1).',
    }];
  },
};
