import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');

ruleTester('suppression-unused', {
  valid: [
    { name: 'no directives', code: yaml },
    { name: 'a directive that suppresses a finding', code: edit(edit(edit(yaml, 'owner: { name: Lena Okafor, role: Head of Security }\n', ''), 'title: Policy Owner', 'title: Policy Steward'), 'kind: crypto-policy\n', '# cek-policy-disable-next-line owner-missing -- ISMS register\nkind: crypto-policy\n') },
  ],
  invalid: [
    {
      name: 'nothing to suppress: the line is removed',
      code: edit(yaml, 'kind: crypto-policy\n', '# cek-policy-disable-next-line owner-missing -- ISMS register\nkind: crypto-policy\n'),
      errors: [{ range: [2, 1, 2, 62], severity: 'info', message: 'This suppression of owner-missing covers no finding; remove it so the audit trail stays accurate.' }],
      output: yaml,
    },
    {
      name: 'a trailing directive is removed with its leading space',
      code: edit(yaml, 'next: 2027-05-04', 'next: 2027-05-04 # cek-policy-disable-line review-overdue -- booked'),
      errors: [{ range: [12, 20, 12, 70] }],
      output: yaml,
    },
    {
      name: 'an unknown rule id: no fix',
      code: edit(yaml, 'kind: crypto-policy\n', '# cek-policy-disable-next-line owner-mising -- typo\nkind: crypto-policy\n'),
      errors: [{ range: [2, 1, 2, 52], message: 'This suppression names unknown rule `owner-mising`; it suppresses nothing.' }],
      output: null,
    },
    {
      name: 'a Markdown HTML comment that suppresses nothing: the line is removed',
      code: edit(example('key-management-policy.md'), '## Scope\n', '<!-- cek-policy-disable-next-line scope-incomplete -- reviewed by audit -->\n## Scope\n'),
      fileName: 'p.md',
      errors: [{ range: [18, 1, 18, 76], text: '<!-- cek-policy-disable-next-line scope-incomplete -- reviewed by audit -->' }],
      output: example('key-management-policy.md'),
    },
  ],
});
