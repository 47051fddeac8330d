import { ruleTester } from '../helpers/ruleTester';
import { markdownPolicy, rangeIn, yamlPolicy } from '../crypto/fixtures';

const tdea = yamlPolicy(['{ name: 3DES, use: encryption }']);
const sha1 = markdownPolicy('File fingerprints use SHA-1.');
const ecb = yamlPolicy(['{ name: AES, key_size: 128, mode: ECB }']);
const rsa = yamlPolicy(['{ name: RSA, key_size: 2048, use: key-establishment }']);

ruleTester('algorithm-deprecated', {
  valid: [
    { name: 'AES-256-GCM', code: yamlPolicy(['{ name: AES, key_size: 256, mode: GCM }']) },
    { name: '3DES after 2023 is disallowed, not deprecated', code: tdea, today: '2024-01-01' },
    { name: 'SHA-1 after 2030 is disallowed, not deprecated', code: sha1, fileName: 'p.md', today: '2031-01-01' },
    { name: 'RSA-2048 until the end of 2030 is acceptable', code: rsa, today: '2030-12-31' },
    { name: 'a prohibited ECB', code: markdownPolicy('ECB mode must not be used.'), fileName: 'p.md' },
  ],
  invalid: [
    {
      name: '3DES in 2023, with the date it becomes disallowed',
      code: tdea,
      today: '2023-12-31',
      errors: [{ range: rangeIn(tdea, '3DES'), severity: 'warning', message: '3DES for encryption is deprecated under nist (NIST SP 800-131A Rev. 2 §2 Table 1); disallowed from 2024-01-01 (NIST SP 800-131A Rev. 2 §2 Table 1; NIST news of 2023-06-29).' }],
      suggestions: [tdea.replace('name: 3DES', 'name: AES-256')],
    },
    {
      name: 'SHA-1 with no security use stated',
      code: sha1,
      fileName: 'p.md',
      errors: [{ range: rangeIn(sha1, 'SHA-1'), message: /^SHA-1 for hash is deprecated under nist .*disallowed from 2031-01-01/ }],
      suggestions: [sha1.replace('SHA-1', 'SHA-256')],
    },
    {
      name: 'ECB mode',
      code: ecb,
      errors: [{ range: rangeIn(ecb, 'ECB'), message: /^ECB is deprecated under nist \(NIST SP 800-131A Rev\. 3 \(draft\) §3\)/ }],
      suggestions: [ecb.replace('mode: ECB', 'mode: GCM')],
    },
    {
      name: 'RSA-2048 for key establishment after 2030 (NIST IR 8547 draft)',
      code: rsa,
      today: '2031-01-01',
      errors: [{ range: rangeIn(rsa, 'RSA'), message: /^RSA-2048 for key-establishment is deprecated under nist .*disallowed from 2036-01-01/ }],
      suggestions: [rsa.replace('key_size: 2048', 'key_size: 3072')],
    },
  ],
});
