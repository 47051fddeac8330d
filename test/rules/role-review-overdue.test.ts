import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');
const REVIEWED = '    reviewed: 2026-05-04\n  - id: incident-lead';

ruleTester('role-review-overdue', {
  valid: [
    { name: 'reviewed this year', code: yaml },
    { name: 'the table section states the yearly review', code: markdown, fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'no reviewed date',
      code: edit(yaml, REVIEWED, '  - id: incident-lead'),
      errors: [{ range: [47, 9, 47, 23], text: 'platform-admin', severity: 'warning', message: 'Role `platform-admin` shows no review date: record when the assignment was last reviewed (`reviewed: YYYY-MM-DD`; at least annually).' }],
      output: null,
      suggestions: [edit(yaml, REVIEWED, '    reviewed: 2026-11-24\n  - id: incident-lead')],
    },
    {
      name: 'last reviewed over a year ago',
      code: yaml,
      today: '2027-05-05',
      errors: [
        { range: [39, 15, 39, 25], text: '2026-05-04', message: 'The assignment of role `policy-owner` was last reviewed on 2026-05-04, more than 12 months ago: review it and update the date.' },
        { range: [46, 15, 46, 25] }, { range: [53, 15, 53, 25] }, { range: [60, 15, 60, 25] }, { range: [67, 15, 67, 25] },
      ],
    },
  ],
});
