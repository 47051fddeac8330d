import { ruleTester } from '../helpers/ruleTester';
import { markdownPolicy, rangeIn } from '../crypto/fixtures';

const yaml = ['kind: crypto-policy', 'id: POL-CR-01', 'cryptography:', '  algorithms: [AES-256-GCM, TLS 1.3]', '  cryptoperiods: [{ key_type: symmetric-master, months: 12 }]', ''].join('\n');
const markdown = markdownPolicy('Data is encrypted with AES-256-GCM, in transit with TLS 1.3, and tokens are signed with ECDSA P-256. Keys are rotated every 90 days.');

ruleTester('key-generation-unspecified', {
  valid: [
    { name: 'key_generation in YAML', code: yaml.replace('  cryptoperiods', '  key_generation: "HSM, SP 800-90A CTR_DRBG"\n  cryptoperiods') },
    { name: 'keys generated in an HSM', code: `${markdown}\nKeys are generated inside the HSM.\n`, fileName: 'p.md' },
    { name: 'an approved DRBG named', code: `${markdown}\nAll keys come from an approved DRBG.\n`, fileName: 'p.md' },
  ],
  invalid: [
    { name: 'YAML section without key generation', code: yaml, errors: [{ range: rangeIn(yaml, 'cryptography'), severity: 'warning' }] },
    { name: 'Markdown with no generation source', code: markdown, fileName: 'p.md', errors: [{ range: rangeIn(markdown, 'kind'), message: /^The policy does not say how keys are generated/ }] },
  ],
});
