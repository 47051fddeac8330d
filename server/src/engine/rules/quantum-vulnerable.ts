import { assessCryptography, mentionLabel } from '../crypto/assess';
import { describeSource } from '../crypto/describe';
import { effectiveUse } from '../crypto/judge';
import { ALGORITHM_BY_ID } from '../crypto/registry';
import { dataOf, spanOf } from './algorithm-disallowed';
import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';

export const quantumVulnerable: Rule = {
  id: 'quantum-vulnerable',
  control: 'CEK-04',
  guidelines: [g.audit('CEK-01', 1)],
  severity: 'info',
  description: 'The policy approves quantum-vulnerable key establishment or signatures (RSA, DH, ECDH, ECDSA, EdDSA) and states no post-quantum plan; cites the dates its profile sets (NIST IR 8547 draft: 112-bit strength deprecated after 2030, all disallowed after 2035).',
  fixable: false,
  formats: ['yaml', 'markdown'],
  blocks: false,
  check(context) {
    const assessment = assessCryptography(context.doc, context.config, context.today);
    if (assessment.facts.postQuantum.length > 0) return [];
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const mention of assessment.mentions) {
      if (mention.stance !== 'approved' || !ALGORITHM_BY_ID.get(mention.algorithm)?.quantumVulnerable || seen.has(mention.algorithm)) continue;
      const status = mention.judgement.status;
      if (status === 'disallowed' || status === 'not-approved' || status === 'legacy-use') continue;
      const use = effectiveUse(mention);
      if (use !== 'key-establishment' && use !== 'signature' && use !== 'unspecified') continue;
      seen.add(mention.algorithm);
      const next = mention.judgement.next;
      const dates = next
        ? `${assessment.profile} makes ${mentionLabel(mention)} ${next.status} from ${next.from} (${describeSource(assessment.choice.profile, next.source)})`
        : `${assessment.profile} sets no date for it yet`;
      findings.push({
        span: spanOf(mention),
        message: `${mention.algorithm} is quantum-vulnerable and the policy states no post-quantum plan: ${dates}. Plan the move to ML-KEM (FIPS 203) and ML-DSA or SLH-DSA (FIPS 204, 205).`,
        data: dataOf(mention, assessment.profile),
      });
    }
    return findings;
  },
};
