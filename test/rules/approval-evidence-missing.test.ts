import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const APPROVAL = 'approval: { by: Risk Committee, date: 2026-05-04, evidence: "RC-2026-05 minutes" }';

ruleTester('approval-evidence-missing', {
  valid: [
    { name: 'complete YAML policy', code: yaml },
    { name: 'complete Markdown policy', code: example('key-management-policy.md'), fileName: 'p.md' },
    { name: 'evidence as a list', code: edit(yaml, APPROVAL, 'approval: { by: Risk Committee, date: 2026-05-04, evidence: [RC-2026-05 minutes, registry PR-9] }') },
  ],
  invalid: [
    {
      name: 'approval without evidence',
      code: edit(yaml, APPROVAL, 'approval: { by: Risk Committee, date: 2026-05-04 }'),
      errors: [{ range: [9, 1, 9, 9], text: 'approval', severity: 'warning', message: '`approval` has no `evidence`: name the approval record (policy registry entry, change board minutes or executive sign-off).' }],
      output: null,
      suggestions: [edit(yaml, APPROVAL, 'approval: { by: Risk Committee, date: 2026-05-04, evidence: TBD }')],
    },
    {
      name: 'block approval without evidence, CRLF',
      code: edit(yaml, APPROVAL + '\n', 'approval:\n  by: Risk Committee\n  date: 2026-05-04\n').replace(/\n/g, '\r\n'),
      errors: [{ range: [9, 1, 9, 9], text: 'approval' }],
      suggestions: [edit(yaml, APPROVAL + '\n', 'approval:\n  by: Risk Committee\n  date: 2026-05-04\n  evidence: TBD\n').replace(/\n/g, '\r\n')],
    },
    {
      name: 'Markdown front matter',
      code: edit(example('key-management-policy.md'), ', evidence: "Policy registry entry PR-114"', ''),
      fileName: 'p.md',
      errors: [{ range: [9, 1, 9, 9], text: 'approval' }],
      suggestions: [edit(example('key-management-policy.md'), ', evidence: "Policy registry entry PR-114"', ', evidence: TBD')],
    },
  ],
});
