import { ruleTester } from '../helpers/ruleTester';
import { markdownPolicy, rangeIn, yamlPolicy } from '../crypto/fixtures';

const passwords = markdownPolicy('Passwords are hashed with bcrypt.');
const chacha = yamlPolicy(['{ name: ChaCha20-Poly1305, use: encryption }']);

ruleTester('algorithm-not-approved', {
  valid: [
    { name: 'PBKDF2 for passwords', code: markdownPolicy('Passwords are hashed with PBKDF2-HMAC-SHA256.'), fileName: 'p.md' },
    { name: 'a prohibited Blowfish', code: markdownPolicy('Blowfish is prohibited.'), fileName: 'p.md' },
    { name: 'Argon2id under BSI TR-02102-1', code: markdownPolicy('Passwords are hashed with Argon2id.'), fileName: 'p.md', config: { profile: 'bsi-tr-02102-1' } },
  ],
  invalid: [
    {
      name: 'bcrypt: a warning in nist',
      code: passwords,
      fileName: 'p.md',
      errors: [{ range: rangeIn(passwords, 'bcrypt'), severity: 'warning', message: 'bcrypt for password-hashing is not an approved algorithm under nist (NIST SP 800-140C Rev. 2 (not listed)).' }],
    },
    {
      name: 'bcrypt: an error with the fips option',
      code: passwords,
      fileName: 'p.md',
      config: { profile: 'nist+fips' },
      errors: [{ range: rangeIn(passwords, 'bcrypt'), severity: 'error', message: /a FIPS-validated module cannot offer it\.$/ }],
    },
    {
      name: 'ChaCha20-Poly1305 in YAML',
      code: chacha,
      errors: [{ range: rangeIn(chacha, 'ChaCha20-Poly1305'), text: 'ChaCha20-Poly1305' }],
    },
    {
      name: 'AES-128 under CNSA 2.0 (AES-256 only)',
      code: yamlPolicy(['{ name: AES, key_size: 128 }']),
      config: { profile: 'cnsa-2.0' },
      errors: [{ range: rangeIn(yamlPolicy(['{ name: AES, key_size: 128 }']), 'AES'), message: /^AES-128 for encryption is not an approved algorithm under cnsa-2\.0/ }],
      suggestions: [yamlPolicy(['{ name: AES, key_size: 256 }'])],
    },
  ],
});
