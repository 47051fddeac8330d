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
// A scanner grade allows, without naming them, the TLS versions it tolerates (scannerGrades.ts: capped at B since 2020-01-31).
const GRADE_B = 'Internet-facing TLS endpoints must achieve an SSL Labs grade of B or better.';
const gradeB = markdownPolicy(`Stored data is encrypted with AES-256. ${GRADE_B} Certificates are renewed yearly.`);
const GRADE_A = 'Internet-facing TLS endpoints must achieve an SSL Labs grade of A or better.';
const gradeA = markdownPolicy(`Stored data is encrypted with AES-256. ${GRADE_A}`);
const gradeBoth = markdownPolicy('Stored data is encrypted with AES-256. Our endpoints are rated A+ by Qualys SSL Labs; partner endpoints may hold a grade of B on SSL Labs.');
const YAML_GRADE = 'Public endpoints must keep an SSL Labs grade of B or better.';
const gradeYaml = yamlPolicy(['{ name: AES, key_size: 256, mode: GCM }'], `enforcement:\n  baselines: "${YAML_GRADE}"\n`);
const gradeFolded = yamlPolicy(['{ name: AES, key_size: 256, mode: GCM }'], 'enforcement:\n  baselines: >-\n    Public endpoints must keep\n    an SSL Labs grade of B or better.\n');
const PROHIBITS_TLS10 = markdownPolicy('TLS 1.0 must not be used. Endpoints must achieve an SSL Labs grade of B or better.');
const FOLDED = '>-\n    Public endpoints must keep\n    an SSL Labs grade of B or better.';

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
    { name: 'an SSL Labs grade of A excludes TLS 1.0 and 1.1 (capped at B) from 2020-01-31', code: gradeA, fileName: 'p.md', today: '2020-01-31' },
    { name: 'a grade of B, but the policy states its TLS versions: what it says in so many words wins', code: markdownPolicy('TLS 1.2 and TLS 1.3 are approved for data in transit. Endpoints must achieve an SSL Labs grade of B or better.'), fileName: 'p.md' },
    { name: 'a grade of B or lower named as refused', code: markdownPolicy('Stored data is encrypted with AES-256. An SSL Labs grade of B or lower is not acceptable for any endpoint.'), fileName: 'p.md' },
    { name: 'a grade under a prohibited heading', code: markdownPolicy('## Prohibited configurations\n\nEndpoints that only reach an SSL Labs grade of C.'), fileName: 'p.md' },
    { name: 'SSL Labs named with no grade', code: markdownPolicy('Stored data is encrypted with AES-256. TLS configuration is scanned weekly via the SSL Labs API.'), fileName: 'p.md' },
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
    {
      name: 'an SSL Labs grade of B or better tolerates TLS 1.0 and TLS 1.1: an error for each, on the grade sentence, with no quick fix that would rewrite it',
      code: gradeB,
      fileName: 'p.md',
      errors: [
        { range: rangeIn(gradeB, GRADE_B), text: GRADE_B, severity: 'error', message: 'TLS 1.0 (which the SSL Labs grade B the policy asks for tolerates) is disallowed under nist (NIST SP 800-52 Rev. 2 §3.1; RFC 8996), but the policy approves it. (A server that supports it can get grade B at best, since 2020-01-31: Qualys SSL Labs, "SSL Labs Grade Change for TLS 1.0 and TLS 1.1 Protocols" (blog, 2018-11-19; update of 2020-01-31: servers that support TLS 1.0 or TLS 1.1 are capped to B on www.ssllabs.com). Ask for grade A- or better, or state the TLS versions allowed.)' },
        { range: rangeIn(gradeB, GRADE_B), text: GRADE_B, message: /^TLS 1\.1 \(which the SSL Labs grade B the policy asks for tolerates\) is disallowed under nist/ },
      ],
      suggestions: [],
    },
    {
      name: 'before 2020-01-31 even grade A tolerated TLS 1.0 and 1.1',
      code: gradeA,
      fileName: 'p.md',
      today: '2020-01-30',
      errors: [{ range: rangeIn(gradeA, GRADE_A), message: /^TLS 1\.0 \(which the SSL Labs grade A the policy asks for tolerates\).*\(Before 2020-01-31 a server that supports it could still get grade A; Qualys SSL Labs/ }, { range: rangeIn(gradeA, GRADE_A), message: /^TLS 1\.1 / }],
    },
    {
      name: 'two grades in one paragraph: only the sentence that accepts B',
      code: gradeBoth,
      fileName: 'p.md',
      errors: [{ range: rangeIn(gradeBoth, 'partner endpoints may hold a grade of B on SSL Labs.'), message: /^TLS 1\.0 / }, { range: rangeIn(gradeBoth, 'partner endpoints may hold a grade of B on SSL Labs.'), message: /^TLS 1\.1 / }],
    },
    {
      name: 'YAML: the grade asked for in any text value, located exactly in a quoted scalar',
      code: gradeYaml,
      errors: [{ range: rangeIn(gradeYaml, YAML_GRADE), text: YAML_GRADE, message: /^TLS 1\.0 \(which the SSL Labs grade B/ }, { range: rangeIn(gradeYaml, YAML_GRADE), message: /^TLS 1\.1 / }],
    },
    {
      name: 'YAML: a folded value is located as a whole',
      code: gradeFolded,
      errors: [{ range: rangeIn(gradeFolded, FOLDED), text: FOLDED, message: /^TLS 1\.0 / }, { range: rangeIn(gradeFolded, FOLDED), message: /^TLS 1\.1 / }],
    },
    {
      name: 'a grade of B when the policy prohibits TLS 1.0 by name: TLS 1.1 only',
      code: PROHIBITS_TLS10,
      fileName: 'p.md',
      errors: [{ range: rangeIn(PROHIBITS_TLS10, 'Endpoints must achieve an SSL Labs grade of B or better.'), message: /^TLS 1\.1 \(which the SSL Labs grade B/ }],
    },
  ],
});
