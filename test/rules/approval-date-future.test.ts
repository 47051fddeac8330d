import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');

ruleTester('approval-date-future', {
  valid: [
    { name: 'approved in the past', code: yaml },
    { name: 'approved today', code: yaml, today: '2026-05-04' },
    { name: 'Markdown policy', code: example('key-management-policy.md'), fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'approved tomorrow',
      code: yaml,
      today: '2026-05-03',
      errors: [{ range: [9, 39, 9, 49], text: '2026-05-04', severity: 'error', message: 'Approval date 2026-05-04 is in the future (today is 2026-05-03); record the date the approval was actually given.' }],
      output: null,
    },
    {
      name: 'a non-ISO future date is still read',
      code: edit(yaml, 'date: 2026-05-04', 'date: "May 4, 2027"'),
      errors: [{ range: [9, 39, 9, 52], text: '"May 4, 2027"' }],
    },
    {
      name: 'Markdown front matter',
      code: example('key-management-policy.md'),
      fileName: 'p.md',
      today: '2026-03-09',
      errors: [{ range: [9, 43, 9, 53], text: '2026-03-10' }],
    },
  ],
});
