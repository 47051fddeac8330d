import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');

ruleTester('review-overdue', {
  valid: [
    { name: 'next review ahead', code: yaml },
    { name: 'due today is not overdue', code: yaml, today: '2027-05-04' },
    { name: 'Markdown policy', code: example('key-management-policy.md'), fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'a review log in Markdown whose latest review fell due (its header row is no data)',
      code: '---\nkind: crypto-policy\n---\n# Key Policy\n\nThis policy is reviewed annually.\n\n| Review date | Reviewer | Outcome |\n|---|---|---|\n| 2024-05-02 | CISO | No change |\n| 2025-04-30 | CISO | Updated |\n',
      fileName: 'p.md',
      today: '2026-12-07',
      errors: [{ range: [11, 3, 11, 13], text: '2025-04-30', severity: 'error', message: 'The last review (2025-04-30) is more than 12 months ago: the review was due on 2026-04-30, 221 days ago.' }],
      output: null,
    },
    {
      name: 'next review passed',
      code: yaml,
      today: '2027-05-05',
      errors: [{ range: [12, 9, 12, 19], text: '2027-05-04', severity: 'error', message: 'The policy review was due on 2027-05-04, 1 day ago: review the policy, then record the new last and next review dates.' }],
      output: null,
    },
    {
      name: 'no next date: last review older than the interval',
      code: edit(yaml, '  next: 2027-05-04\n', ''),
      today: '2027-06-01',
      errors: [{ range: [11, 9, 11, 19], text: '2026-05-04', message: 'The last review (2026-05-04) is more than 12 months ago: the review was due on 2027-05-04, 28 days ago.' }],
    },
    {
      name: 'emoji before the date on the same line: UTF-16 columns',
      code: edit(yaml, '  next: 2027-05-04', '  next: "2025-01-31" # 🔐 booked').replace('  next: "2025-01-31" # 🔐 booked', '  "🔐": x\n  next: "2025-01-31"'),
      errors: [{ range: [13, 9, 13, 21], text: '"2025-01-31"' }],
    },
    {
      name: 'Markdown front matter',
      code: example('key-management-policy.md'),
      fileName: 'p.md',
      today: '2027-03-11',
      errors: [{ range: [10, 35, 10, 45], text: '2027-03-10' }],
    },
  ],
});
