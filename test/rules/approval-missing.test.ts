import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');
const APPROVAL = 'approval: { by: Risk Committee, date: 2026-05-04, evidence: "RC-2026-05 minutes" }\n';
const noApproval = edit(yaml, APPROVAL, '');

ruleTester('approval-missing', {
  valid: [
    { name: 'complete YAML policy', code: yaml },
    { name: 'complete Markdown policy', code: markdown, fileName: 'p.md' },
    { name: 'an Approval section', code: edit(markdown, 'approval: { by: Security Committee, date: 2026-03-10, evidence: "Policy registry entry PR-114" }\n', '') + '\n## Approval\n\nApproved by the Security Committee on 2026-03-10 (registry entry PR-114).\n', fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'no approval at all',
      code: noApproval,
      errors: [{ range: [2, 1, 2, 5], text: 'kind', message: /shows no formal approval/ }],
      output: null,
      suggestions: [edit(noApproval, 'owner: { name: Lena Okafor, role: Head of Security }\n', 'owner: { name: Lena Okafor, role: Head of Security }\napproval:\n  by: TBD\n  date: TBD\n  evidence: TBD\n')],
    },
    {
      name: 'approval without by and date: both inserted in order, in the flow map',
      code: edit(yaml, APPROVAL, 'approval: { evidence: "RC-2026-05 minutes" }\n'),
      errors: [{ range: [9, 1, 9, 9], text: 'approval', message: '`approval` lacks `by` and `date`: record who approved the policy (e.g. the security committee or CISO) and when.' }],
      suggestions: [edit(yaml, APPROVAL, 'approval: { by: TBD, date: TBD, evidence: "RC-2026-05 minutes" }\n')],
    },
    {
      name: 'block approval without date keeps the comment',
      code: edit(yaml, APPROVAL, 'approval:\n  by: Risk Committee # the RC, not the board\n  evidence: "RC-2026-05 minutes"\n'),
      errors: [{ range: [9, 1, 9, 9], text: 'approval' }],
      suggestions: [edit(yaml, APPROVAL, 'approval:\n  by: Risk Committee # the RC, not the board\n  date: TBD\n  evidence: "RC-2026-05 minutes"\n')],
    },
    {
      name: 'Markdown front matter without approval or an Approval section',
      code: edit(markdown, 'approval: { by: Security Committee, date: 2026-03-10, evidence: "Policy registry entry PR-114" }\n', ''),
      fileName: 'p.md',
      errors: [{ range: [2, 1, 2, 5], text: 'kind' }],
      suggestions: [edit(markdown, 'approval: { by: Security Committee, date: 2026-03-10, evidence: "Policy registry entry PR-114" }\n', 'approval:\n  by: TBD\n  date: TBD\n  evidence: TBD\n')],
    },
  ],
});
