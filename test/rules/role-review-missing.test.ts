import { edit, example, ruleTester } from '../helpers/ruleTester';

/** The example without its governance block (whose `review_months` is itself a periodic review of assignments). */
const markdown = example('key-management-policy.md').replace('governance: { body: Security Committee, review_months: 12 }\n', '');
const REVIEW_SENTENCE = 'Role assignments are reviewed every year by the Security Committee; every';

ruleTester('role-review-missing', {
  valid: [
    { name: 'a sentence on reviewing role assignments', code: markdown, fileName: 'p.md' },
    { name: 'YAML roles carry their own review dates (role-review-overdue judges them)', code: example('key-management-policy.yaml') },
    { name: 'a quarterly key access review row', code: edit(markdown, REVIEW_SENTENCE, 'Every') + '\n| Audit Activity | Frequency | Owner |\n|---|---|---|\n| Key access review | Quarterly | Security Operations |\n', fileName: 'p.md' },
    { name: 'a Reviewed column in the roles table', code: edit(edit(markdown, REVIEW_SENTENCE, 'Every'), '| Role | Assignee | Responsibilities | Alternates |\n|------|----------|------------------|------------|\n| Policy Owner | CISO Office | policy-oversight | Crypto Architect |', '| Role | Assignee | Responsibilities | Alternates | Reviewed |\n|------|----------|------------------|------------|----------|\n| Policy Owner | CISO Office | policy-oversight | Crypto Architect | 2026-03-10 |'), fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'a roles table with no word on reviewing assignments: on the roles heading',
      code: edit(markdown, REVIEW_SENTENCE, 'Every'),
      fileName: 'p.md',
      errors: [{ range: [23, 4, 23, 30], text: 'Roles and Responsibilities', severity: 'error', message: /^The policy does not say that role assignments are reviewed: add a sentence such as/ }],
      output: null,
    },
    {
      name: 'reviewing exceptions is not reviewing role assignments',
      code: edit(markdown, REVIEW_SENTENCE, 'Approved exceptions are reviewed every year; every'),
      fileName: 'p.md',
      errors: [{ range: [23, 4, 23, 30], text: 'Roles and Responsibilities' }],
    },
  ],
});
