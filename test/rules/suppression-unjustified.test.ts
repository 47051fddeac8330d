import { edit, withoutOwner, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const noOwner = withoutOwner(yaml);
const markdown = edit(example('key-management-policy.md'), 'governance: { body: Security Committee, review_months: 12 }\n', '');

ruleTester('suppression-unjustified', {
  valid: [
    { name: 'a suppression with a reason', code: edit(noOwner, 'kind: crypto-policy\n', '# cek-policy-disable-next-line owner-missing -- owner recorded in the ISMS register\nkind: crypto-policy\n') },
  ],
  invalid: [
    {
      name: 'no reason',
      code: edit(noOwner, 'kind: crypto-policy\n', '# cek-policy-disable-next-line owner-missing\nkind: crypto-policy\n'),
      errors: [{ range: [2, 1, 2, 45], text: '# cek-policy-disable-next-line owner-missing', severity: 'warning', message: 'Suppression of owner-missing gives no reason: add `-- <why this is accepted>` (and `(until YYYY-MM-DD)` if it is temporary).' }],
      output: null,
    },
    {
      name: 'no rule named: hides everything',
      code: edit(noOwner, 'kind: crypto-policy\n', '# cek-policy-disable-next-line -- legacy document\nkind: crypto-policy\n'),
      errors: [{ range: [2, 1, 2, 50], message: /names no rule/ }],
    },
    {
      name: 'Markdown HTML comment without a reason',
      code: edit(markdown, '# Encryption and Key Management Policy\n', '# Encryption and Key Management Policy\n\n<!-- cek-policy-disable governance-missing -->\n'),
      fileName: 'p.md',
      errors: [{ range: [15, 1, 15, 47], text: '<!-- cek-policy-disable governance-missing -->' }],
    },
  ],
});
