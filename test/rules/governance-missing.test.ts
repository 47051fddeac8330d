import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const GOVERNANCE = 'governance: { body: Risk Committee, review_months: 12 }';

ruleTester('governance-missing', {
  valid: [
    { name: 'a sentence naming the committee that reviews role assignments', code: edit(example('key-management-policy.md'), 'governance: { body: Security Committee, review_months: 12 }\n', ''), fileName: 'p.md' },
    { name: 'a governance body', code: yaml },
    { name: 'the short form', code: edit(yaml, GOVERNANCE, 'governance: Risk Committee') },
    { name: 'Markdown front matter', code: example('key-management-policy.md'), fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'no governance',
      code: edit(yaml, GOVERNANCE + '\n', ''),
      errors: [{ range: [2, 1, 2, 5], text: 'kind', severity: 'error', message: 'No governance body oversees CEK role assignment. Add `governance: {body, review_months}` (e.g. the risk committee, every 12 months).' }],
      output: null,
      suggestions: [edit(yaml, GOVERNANCE + '\n', 'governance:\n  body: TBD\n  review_months: 12\n')],
    },
    {
      name: 'reviews every two years',
      code: edit(yaml, 'review_months: 12', 'review_months: 24'),
      errors: [{ range: [28, 52, 28, 54], text: '24', message: 'Governance reviews role assignment every 24 months; it must do so at least annually (12).' }],
      suggestions: [yaml],
    },
    {
      name: 'no body named',
      code: edit(yaml, GOVERNANCE, 'governance: { review_months: 12 }'),
      errors: [{ range: [28, 1, 28, 11], text: 'governance' }],
      suggestions: [edit(yaml, GOVERNANCE, 'governance: { body: TBD, review_months: 12 }')],
    },
    {
      name: 'Markdown front matter without governance',
      code: edit(edit(example('key-management-policy.md'), 'governance: { body: Security Committee, review_months: 12 }\n', ''), ' by the Security Committee', ''),
      fileName: 'p.md',
      errors: [{ range: [23, 4, 23, 30], text: 'Roles and Responsibilities', message: /^No governance body oversees CEK role assignment: name the committee or board/ }],
      suggestions: [edit(edit(example('key-management-policy.md'), 'governance: { body: Security Committee, review_months: 12 }\n', 'governance:\n  body: TBD\n  review_months: 12\n'), ' by the Security Committee', '')],

    },
  ],
});
