import { ruleTester } from '../helpers/ruleTester';
import { markdownPolicy, rangeIn } from '../crypto/fixtures';

const rsa = markdownPolicy('Key exchange uses RSA 2048-bit keys; signatures use ECDSA P-384 and ECDSA P-256.');

ruleTester('quantum-vulnerable', {
  valid: [
    { name: 'a post-quantum plan is stated', code: markdownPolicy(`${'Key exchange uses RSA 2048-bit keys.'} We will move to post-quantum key establishment (ML-KEM) by 2030.`), fileName: 'p.md' },
    { name: 'RSA prohibited', code: markdownPolicy('RSA is prohibited for key exchange.'), fileName: 'p.md' },
    { name: 'symmetric only', code: markdownPolicy('Data is encrypted with AES-256-GCM.'), fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'RSA and ECDSA with no plan: one finding per algorithm, with the dates',
      code: rsa,
      fileName: 'p.md',
      errors: [
        { range: rangeIn(rsa, 'RSA 2048'), severity: 'info', message: 'RSA is quantum-vulnerable and the policy states no post-quantum plan: nist makes RSA-2048 deprecated from 2031-01-01 (NIST IR 8547 (draft) §4.1 Tables 2–4). Plan the move to ML-KEM (FIPS 203) and ML-DSA or SLH-DSA (FIPS 204, 205).' },
        { range: rangeIn(rsa, 'ECDSA P-384'), message: /^ECDSA is quantum-vulnerable .*ECDSA P-384 disallowed from 2036-01-01/ },
      ],
    },
  ],
});
