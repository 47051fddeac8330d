import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');

ruleTester('review-interval-too-long', {
  valid: [
    { name: '12 months', code: yaml },
    { name: 'Markdown policy', code: example('key-management-policy.md'), fileName: 'p.md' },
    { name: 'shorter interval', code: edit(edit(yaml, 'interval_months: 12', 'interval_months: 6'), 'next: 2027-05-04', 'next: 2026-11-04') },
  ],
  invalid: [
    {
      name: 'an 18-month interval',
      code: edit(yaml, 'interval_months: 12', 'interval_months: 18'),
      errors: [{ range: [13, 20, 13, 22], text: '18', severity: 'error', message: 'A 18-month review interval is longer than 12 months; CEK-01 requires review at least annually.' }],
      output: null,
      suggestions: [yaml],
    },
    {
      name: 'next more than 12 months after last',
      code: edit(yaml, 'next: 2027-05-04', 'next: 2027-09-01'),
      errors: [{ range: [12, 9, 12, 19], text: '2027-09-01', message: 'The next review (2027-09-01) is more than 12 months after the last (2026-05-04); it should be no later than 2027-05-04.' }],
      suggestions: [yaml],
    },
    {
      name: 'Markdown front matter',
      code: edit(example('key-management-policy.md'), 'interval_months: 12', 'interval_months: 18'),
      fileName: 'p.md',
      errors: [{ range: [10, 64, 10, 66], text: '18' }],
      suggestions: [example('key-management-policy.md')],
    },
  ],
});
