import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');

ruleTester('date-format', {
  valid: [
    { name: 'ISO dates everywhere', code: yaml },
    { name: 'Markdown policy', code: markdown, fileName: 'p.md' },
    { name: 'a placeholder date is the placeholder rule\'s', code: edit(yaml, 'date: 2026-05-04', 'date: TBD') },
  ],
  invalid: [
    {
      name: 'slashes: normalised by a safe fix',
      code: edit(yaml, 'date: 2026-05-04', 'date: 2026/05/04'),
      errors: [{ range: [9, 39, 9, 49], text: '2026/05/04', severity: 'error', message: '`approval.date` should be an ISO date: write `2026-05-04` instead of `2026/05/04`.' }],
      output: yaml,
    },
    {
      name: 'a written-out date in quotes keeps its quotes',
      code: edit(yaml, '  last: 2026-05-04', '  last: "May 4, 2026"'),
      errors: [{ range: [11, 9, 11, 22], text: '"May 4, 2026"' }],
      output: edit(yaml, '  last: 2026-05-04', '  last: "2026-05-04"'),
    },
    {
      name: 'ambiguous day/month: no guess, two suggestions',
      code: edit(yaml, '    trained: 2026-02-01\n    reviewed: 2026-05-04\n  - id: key-custodian', '    trained: 03/04/2026\n    reviewed: 2026-05-04\n  - id: key-custodian'),
      errors: [{ range: [38, 14, 38, 24], text: '03/04/2026', message: '`roles[0].trained` is ambiguous: "03/04/2026" could be day/month or month/day. Write it as an ISO date (YYYY-MM-DD).' }],
      output: null,
      suggestions: [
        edit(yaml, '    trained: 2026-02-01\n    reviewed: 2026-05-04\n  - id: key-custodian', '    trained: 2026-03-04\n    reviewed: 2026-05-04\n  - id: key-custodian'),
        edit(yaml, '    trained: 2026-02-01\n    reviewed: 2026-05-04\n  - id: key-custodian', '    trained: 2026-04-03\n    reviewed: 2026-05-04\n  - id: key-custodian'),
      ],
    },
    {
      name: 'not a calendar date',
      code: edit(yaml, 'next: 2027-05-04', 'next: 2027-02-30'),
      errors: [{ range: [12, 9, 12, 19], text: '2027-02-30', message: '`review.next` must be a date (YYYY-MM-DD): "2027-02-30" is not a calendar date.' }],
      output: null,
    },
    {
      name: 'Markdown front matter, CRLF',
      code: edit(markdown, 'date: 2026-03-10', 'date: 10 March 2026').replace(/\n/g, '\r\n'),
      fileName: 'p.md',
      errors: [{ range: [9, 43, 9, 56], text: '10 March 2026' }],
      output: markdown.replace(/\n/g, '\r\n'),
    },
  ],
});
