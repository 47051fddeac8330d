import { edit, example, ruleTester } from '../helpers/ruleTester';

const markdown = example('key-management-policy.md');
const BODY = '# Key Policy\n\n**Owner:** Head of Security\n**Version:** 1.0\n\n## Scope\n\nKeys are generated in the KMS, rotated yearly and destroyed at end of life; data at rest is encrypted with AES-256 and all traffic uses TLS 1.2 or higher.\n';

ruleTester('draft-policy', {
  valid: [
    { name: 'a policy in force', code: markdown, fileName: 'p.md' },
    { name: 'a plain version', code: BODY, fileName: 'p.md', force: true },
    { name: 'a Markdown link and an HTML-ish tag are no placeholders', code: `${BODY}\nSee [the company handbook](handbook.md) and <br> the [KMS runbook].\n`, fileName: 'p.md', force: true },
  ],
  invalid: [
    {
      name: '`live: false` in the header: on the status value',
      code: edit(markdown, 'kind: crypto-policy\n', 'kind: crypto-policy\nlive: false\n'),
      fileName: 'p.md',
      errors: [{ range: [3, 7, 3, 12], text: 'false', severity: 'error', message: /^The document is marked `false` \(front matter `live`\), not in force\. An auditor examines an approved policy in force/ }],
      output: null,
    },
    {
      name: 'a version that says it is a template',
      code: edit(BODY, '**Version:** 1.0', '**Version:** 0.1 (TEMPLATE)'),
      fileName: 'p.md',
      force: true,
      errors: [{ range: [1, 3, 1, 13], text: 'Key Policy', message: /versioned as `0\.1 \(TEMPLATE\)`/ }],
    },
    {
      name: 'a notice that the document is a placeholder',
      code: `${BODY}\n> **NOTICE**: This is a placeholder policy document; complete all TODO sections before use.\n`,
      fileName: 'p.md',
      force: true,
      errors: [{ range: [1, 3, 1, 13], text: 'Key Policy', message: /a template or draft by its own words/ }],
    },
    {
      name: 'a filled body that still names the organisation as a placeholder: on the first, the others related',
      code: `${BODY}\nThis policy applies to all systems of **[Company Name]**; {{ meta-organisation.name }} owns it.\n`,
      fileName: 'p.md',
      force: true,
      errors: [{ range: [10, 41, 10, 55], text: '[Company Name]', message: /an unfilled template: the organisation is still `\[Company Name\]`, `\{\{ meta-organisation\.name \}\}` \(2 places in the text\)/ }],
    },
    {
      name: 'unclosed brackets before a placeholder (each opener looks only a placeholder\'s length ahead) do not hide it',
      code: `${BODY}\nThe ${'< '.repeat(2000)}rules of [Company Name] apply.\n`,
      fileName: 'p.md',
      force: true,
      errors: [{ range: [10, 4014, 10, 4028], text: '[Company Name]', message: /the organisation is still `\[Company Name\]` \(1 place in the text\)/ }],
    },
    {
      name: 'mostly unfilled template',
      code: '# Key Policy\n\n## Principles\n\n[TODO: Define strategic principles]\n\n## Scope\n\n- [TODO]\n- All locations: [TODO]\n- Keys are rotated yearly.\n',
      fileName: 'p.md',
      force: true,
      errors: [{ range: [1, 3, 1, 13], text: 'Key Policy', message: /an unfilled template \(3 of 4 statements are placeholders\)/ }],
    },
  ],
});
