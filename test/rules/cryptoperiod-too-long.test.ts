import { ruleTester } from '../helpers/ruleTester';
import { markdownPolicy, rangeIn, yamlPolicy } from '../crypto/fixtures';

const yaml = yamlPolicy(['{ name: AES, key_size: 256 }']).replace('key_type: symmetric-data-encryption, months: 12', 'key_type: symmetric-data-encryption, months: 36 }   # three years\n    - { key_type: symmetric-master, months: 12');
const markdown = markdownPolicy('Data encryption keys are rotated every 3 years. Master keys are rotated annually.');

ruleTester('cryptoperiod-too-long', {
  valid: [
    { name: 'within Table 1', code: yamlPolicy(['{ name: AES, key_size: 256 }']) },
    { name: 'private signature keys for 3 years', code: markdownPolicy('Signing keys are rotated every 3 years.'), fileName: 'p.md' },
    { name: 'a period of no named key type', code: markdownPolicy('Keys are rotated every 5 years.'), fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'YAML: 36 months for data-encryption keys (the comment stays)',
      code: yaml,
      errors: [{ range: rangeIn(yaml, '36'), text: '36', severity: 'warning', message: 'A 3-year cryptoperiod for a symmetric data-encryption key is longer than the 2-year SP 800-57 Part 1 Rev. 5 suggests (NIST SP 800-57 Part 1 Rev. 5 §5.3.6 Table 1 (originator-usage period up to 2 years)).' }],
      suggestions: [yaml.replace('months: 36 }   # three years', 'months: 24 }   # three years')],
    },
    {
      name: 'Markdown: every 3 years',
      code: markdown,
      fileName: 'p.md',
      errors: [{ range: rangeIn(markdown, 'every 3 years'), text: 'every 3 years' }],
      suggestions: [markdown.replace('every 3 years', 'every 24 months')],
    },
    {
      name: 'master keys rotated every two years',
      code: markdownPolicy('The master key is rotated every two years.'),
      fileName: 'p.md',
      errors: [{ range: rangeIn(markdownPolicy('The master key is rotated every two years.'), 'every two years'), message: /^A 2-year cryptoperiod for a symmetric master key is longer than the 1-year/ }],
    },
  ],
});
