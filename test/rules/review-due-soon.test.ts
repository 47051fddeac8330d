import { example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');

ruleTester('review-due-soon', {
  valid: [
    { name: 'far from due', code: yaml },
    { name: 'overdue is not "due soon"', code: yaml, today: '2027-05-05' },
    { name: 'outside a shorter window', code: yaml, today: '2027-04-20', config: { review: { maxIntervalMonths: 12, dueSoonDays: 7 } } },
  ],
  invalid: [
    {
      name: 'due in 14 days',
      code: yaml,
      today: '2027-04-20',
      errors: [{ range: [12, 9, 12, 19], text: '2027-05-04', severity: 'info', message: 'The policy review is due in 14 days (2027-05-04); plan it now.' }],
      output: null,
    },
    { name: 'due today', code: yaml, today: '2027-05-04', errors: [{ range: [12, 9, 12, 19], message: 'The policy review is due today (2027-05-04).' }] },
    {
      name: 'Markdown front matter',
      code: example('key-management-policy.md'),
      fileName: 'p.md',
      today: '2027-03-01',
      errors: [{ range: [10, 35, 10, 45], text: '2027-03-10', message: 'The policy review is due in 9 days (2027-03-10); plan it now.' }],
    },
  ],
});
