import { ruleTester } from '../helpers/ruleTester';
import { markdownPolicy, rangeIn } from '../crypto/fixtures';

const yaml = ['kind: crypto-policy', 'id: POL-CR-01', 'cryptography:', '  algorithms: [AES-256-GCM, TLS 1.3]', '  key_generation: KMS', ''].join('\n');
const markdown = markdownPolicy('Data is encrypted with AES-256-GCM, in transit with TLS 1.3, and tokens are signed with ECDSA P-256. Keys are generated in the KMS.');

ruleTester('cryptoperiod-missing', {
  valid: [
    { name: 'a cryptoperiod in YAML', code: yaml.replace('  key_generation: KMS', '  key_generation: KMS\n  cryptoperiods: [{ key_type: symmetric-master, months: 12 }]') },
    { name: 'a rotation period in prose', code: `${markdown}\nKeys are rotated every 90 days.\n`, fileName: 'p.md' },
    { name: 'a policy that does not set out its cryptography', code: markdownPolicy('We encrypt data with AES-256.'), fileName: 'p.md' },
  ],
  invalid: [
    { name: 'YAML section without cryptoperiods', code: yaml, errors: [{ range: rangeIn(yaml, 'cryptography'), text: 'cryptography', severity: 'warning' }] },
    { name: 'Markdown with three algorithms and no rotation', code: markdown, fileName: 'p.md', errors: [{ range: rangeIn(markdown, 'kind'), message: /^No rotation period is stated for any key type/ }] },
  ],
});
