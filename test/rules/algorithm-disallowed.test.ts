import { ruleTester } from '../helpers/ruleTester';
import { markdownPolicy, rangeIn, yamlPolicy } from '../crypto/fixtures';

const tdea = yamlPolicy(['{ name: AES, key_size: 256, mode: GCM }', '{ name: 3DES, use: encryption }   # payment links']);
const tls10 = yamlPolicy(['{ name: TLS, version: "1.0" }']);
const p192 = yamlPolicy(['{ name: ECDSA, curve: P-192, use: signature }']);
const table = markdownPolicy([
  '| Use          | Algorithm | Key size | Status   |',
  '|--------------|-----------|----------|----------|',
  '| Data at rest | 3DES      | 168-bit  | Approved |',
  '| Signatures   | ECDSA     | P-192    | Approved |',
].join('\n'));
const sentence = markdownPolicy('Services must use TLS 1.2 or TLS 1.3; TLS 1.0 and TLS 1.1 are disabled. SHA-1 is used for digital signatures.');
const legacy = markdownPolicy('RC4 is kept for legacy systems only.');

ruleTester('algorithm-disallowed', {
  valid: [
    { name: 'AES-256-GCM and TLS 1.3', code: yamlPolicy(['{ name: AES, key_size: 256, mode: GCM }', '{ name: TLS, version: "1.3" }']) },
    { name: 'a prohibited weak algorithm', code: yamlPolicy(['{ name: 3DES, status: prohibited }', '{ name: MD5, status: prohibited }']) },
    { name: 'HMAC-SHA1 is acceptable', code: markdownPolicy('Webhooks are signed with HMAC-SHA1.'), fileName: 'p.md' },
    { name: 'MD5 only for non-security checksums', code: markdownPolicy('MD5 may be used only for non-security checksums of build artefacts.'), fileName: 'p.md' },
    { name: 'a setting named after SSL means TLS', code: markdownPolicy('Object storage clients set `MINIO_USE_SSL=true`.'), fileName: 'p.md' },
    { name: 'one sentence approves some versions and disables others', code: markdownPolicy('TLS 1.2 and TLS 1.3 are required; TLS 1.0 and TLS 1.1 must be disabled.'), fileName: 'p.md' },
    { name: 'a prohibited row names its replacement', code: markdownPolicy('## Prohibited algorithms\n\n| Algorithm | Replacement |\n|---|---|\n| 3DES | Replace with AES-256 |'), fileName: 'p.md' },
    { name: 'before the 3DES transition it is deprecated, not disallowed', code: tdea, today: '2023-12-31' },
  ],
  invalid: [
    {
      name: '3DES for encryption after 2023 (YAML keeps its comment)',
      code: tdea,
      today: '2024-01-01',
      errors: [{ range: rangeIn(tdea, '3DES'), text: '3DES', severity: 'error', message: '3DES for encryption is disallowed under nist (NIST SP 800-131A Rev. 2 §2 Table 1; NIST news of 2023-06-29), but the policy approves it.' }],
      suggestions: [tdea.replace('{ name: 3DES, use: encryption }   # payment links', '{ name: AES-256, use: encryption }   # payment links')],
    },
    {
      name: 'TLS 1.0',
      code: tls10,
      errors: [{ range: rangeIn(tls10, 'TLS'), message: /^TLS 1\.0 is disallowed under nist \(NIST SP 800-52 Rev\. 2 §3\.1; RFC 8996\)/ }],
      suggestions: [tls10.replace('version: "1.0"', 'version: "1.2"')],
    },
    {
      name: 'ECDSA on P-192',
      code: p192,
      errors: [{ range: rangeIn(p192, 'ECDSA'), message: /^ECDSA P-192 for signature is disallowed under nist/ }],
      suggestions: [p192.replace('P-192', 'P-256')],
    },
    {
      name: 'a Markdown table keeps its column widths',
      code: table,
      fileName: 'p.md',
      errors: [{ range: rangeIn(table, '3DES'), text: '3DES' }, { range: rangeIn(table, 'ECDSA'), text: 'ECDSA' }],
      suggestions: [table.replace('| 3DES      |', '| AES-256   |')],
    },
    {
      name: 'a sentence: the disabled versions are not findings, SHA-1 signatures are',
      code: sentence,
      fileName: 'p.md',
      errors: [{ range: rangeIn(sentence, 'SHA-1'), text: 'SHA-1', message: /^SHA-1 for signature is disallowed/ }],
      suggestions: [sentence.replace('SHA-1 is used', 'SHA-256 is used')],
    },
    {
      name: 'a disallowed algorithm kept for legacy systems is a warning',
      code: legacy,
      fileName: 'p.md',
      errors: [{ range: rangeIn(legacy, 'RC4'), severity: 'warning', message: /^The policy keeps RC4 for encryption for legacy use, but nist disallows it/ }],
    },
  ],
});
