import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');
const TRIGGERS = '  triggers: [new KMS, algorithm deprecation, regulatory change]\n';

ruleTester('review-triggers-missing', {
  valid: [
    { name: 'triggers listed', code: yaml },
    { name: 'Markdown policy', code: markdown, fileName: 'p.md' },
    { name: 'a Review section that names triggers', code: edit(markdown, 'review: { last: 2026-03-10, next: 2027-03-10, interval_months: 12, triggers: [new KMS, algorithm deprecation, regulatory change] }\n', ''), fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'no triggers key',
      code: edit(yaml, TRIGGERS, ''),
      errors: [{ range: [10, 1, 10, 7], text: 'review', severity: 'info', message: /lists no `triggers`/ }],
      output: null,
      suggestions: [edit(yaml, TRIGGERS, '  triggers:\n    - new key management service\n    - encryption algorithm deprecation\n    - regulatory or industry requirement change\n')],
    },
    {
      name: 'an empty triggers list',
      code: edit(yaml, TRIGGERS, '  triggers: []\n'),
      errors: [{ range: [14, 3, 14, 11], text: 'triggers' }],
      suggestions: [edit(yaml, TRIGGERS, '  triggers: [ new key management service, encryption algorithm deprecation, regulatory or industry requirement change ]\n')],
    },
    {
      name: 'a Review section that only gives the calendar',
      code: edit(edit(markdown, 'review: { last: 2026-03-10, next: 2027-03-10, interval_months: 12, triggers: [new KMS, algorithm deprecation, regulatory change] }\n', ''), 'Reviewed at least annually, and upon significant change: a new KMS, deprecation of an algorithm or a\nregulatory change.', 'Reviewed every year in March.'),
      fileName: 'p.md',
      errors: [{ range: [64, 1, 64, 30], text: 'Reviewed every year in March.', severity: 'info', message: /names no events that trigger an out-of-cycle review/ }],
    },
  ],
});
