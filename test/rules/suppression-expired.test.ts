import { edit, withoutOwner, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const noOwner = withoutOwner(yaml);
const directive = (until: string) => edit(noOwner, 'kind: crypto-policy\n', `# cek-policy-disable-next-line owner-missing -- interim owner pending (until ${until})\nkind: crypto-policy\n`);

ruleTester('suppression-expired', {
  valid: [
    { name: 'still running', code: directive('2027-01-31') },
    { name: 'ends today', code: directive('2026-11-24') },
  ],
  invalid: [
    {
      name: 'past its date',
      code: directive('2026-10-31'),
      errors: [{ range: [2, 1, 2, 89], severity: 'warning', message: 'This suppression of owner-missing expired on 2026-10-31; the findings it covered are reported again. Fix them or renew the suppression with a new reason.' }],
      output: null,
    },
    {
      name: 'an unreadable end date',
      code: directive('end of Q1'),
      errors: [{ range: [2, 1, 2, 88], message: 'The suppression\'s end date "end of Q1" is not a date (YYYY-MM-DD); the suppression still applies until it is corrected.' }],
    },
    {
      name: 'a Markdown HTML comment past its date',
      code: edit(edit(example('key-management-policy.md'), 'governance: { body: Security Committee, review_months: 12 }\n', ''), '---\n\n# Encryption', '---\n<!-- cek-policy-disable governance-missing -- interim (until 2026-01-01) -->\n\n# Encryption'),
      fileName: 'p.md',
      errors: [{ range: [12, 1, 12, 77], text: '<!-- cek-policy-disable governance-missing -- interim (until 2026-01-01) -->' }],
    },
  ],
});
