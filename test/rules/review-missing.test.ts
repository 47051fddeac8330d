import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');
const REVIEW = 'review:\n  last: 2026-05-04\n  next: 2027-05-04\n  interval_months: 12\n  triggers: [new KMS, algorithm deprecation, regulatory change]\n';
const noReview = edit(yaml, REVIEW, '');

ruleTester('review-missing', {
  valid: [
    { name: 'complete YAML policy', code: yaml },
    { name: 'complete Markdown policy', code: markdown, fileName: 'p.md' },
    { name: 'a Review section stands in for the field', code: edit(markdown, 'review: { last: 2026-03-10, next: 2027-03-10, interval_months: 12, triggers: [new KMS, algorithm deprecation, regulatory change] }\n', ''), fileName: 'p.md' },
    { name: 'only last: a first review may still be pending', code: edit(yaml, '  next: 2027-05-04\n', '').replace('  last: 2026-05-04\n', '  last: TBD\n') },
  ],
  invalid: [
    {
      name: 'no review: suggestion inserts a whole schedule from today',
      code: noReview,
      errors: [{ range: [2, 1, 2, 5], text: 'kind', severity: 'error', message: /states no review schedule/ }],
      output: null,
      suggestions: [edit(noReview, 'approval: { by: Risk Committee, date: 2026-05-04, evidence: "RC-2026-05 minutes" }\n', 'approval: { by: Risk Committee, date: 2026-05-04, evidence: "RC-2026-05 minutes" }\nreview:\n  last: 2026-11-24\n  next: 2027-11-24\n  interval_months: 12\n  triggers:\n    - new key management service\n    - encryption algorithm deprecation\n    - regulatory or industry requirement change\n')],
    },
    {
      name: 'last without next: safe fix sets next = last + interval, right after last',
      code: edit(yaml, '  next: 2027-05-04\n', ''),
      errors: [{ range: [10, 1, 10, 7], text: 'review', message: '`review` has no `next` date: with the last review on 2026-05-04 and a 12-month interval, the next is due 2027-05-04.' }],
      output: yaml,
    },
    {
      name: 'a 6-month interval is used, in a flow map, CRLF kept',
      code: 'kind: crypto-policy\r\nreview: { last: 2026-05-04, interval_months: 6 }\r\n',
      errors: [{ range: [2, 1, 2, 7], text: 'review', message: /next is due 2026-11-04/ }],
      output: 'kind: crypto-policy\r\nreview: { last: 2026-05-04, next: 2026-11-04, interval_months: 6 }\r\n',
    },
    {
      name: 'review without any date',
      code: edit(yaml, REVIEW, 'review:\n  interval_months: 12\n  triggers: [new KMS]\n'),
      errors: [{ range: [10, 1, 10, 7], text: 'review', message: /neither `last` nor `next`/ }],
      output: null,
      suggestions: [edit(yaml, REVIEW, 'review:\n  last: 2026-11-24\n  next: 2027-11-24\n  interval_months: 12\n  triggers: [new KMS]\n')],
    },
    {
      name: 'Markdown without review field or Review section',
      code: (() => { const md = edit(markdown, 'review: { last: 2026-03-10, next: 2027-03-10, interval_months: 12, triggers: [new KMS, algorithm deprecation, regulatory change] }\n', ''); return md.slice(0, md.indexOf('## Review')) + md.slice(md.indexOf('## Coordination')); })(),
      fileName: 'p.md',
      errors: [{ range: [2, 1, 2, 5], text: 'kind', message: /states no review schedule/ }],
    },
  ],
});
