import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');
const TRAINED = '    trained: 2026-02-01\n    reviewed: 2026-05-04\n  - id: platform-admin';

ruleTester('role-training-missing', {
  valid: [
    { name: 'every role trained this year', code: yaml },
    { name: 'the table section states training of assignees', code: markdown, fileName: 'p.md' },
    { name: 'a longer training cycle in config', code: yaml, today: '2027-06-01', config: { roles: { reviewMonths: 24, trainingMonths: 24 } } },
  ],
  invalid: [
    {
      name: 'no trained date: suggestion records today',
      code: edit(yaml, TRAINED, '    reviewed: 2026-05-04\n  - id: platform-admin'),
      errors: [{ range: [40, 9, 40, 22], text: 'key-custodian', severity: 'warning', message: 'Role `key-custodian` shows no training date: record when its assignee was last trained on cryptographic practice (`trained: YYYY-MM-DD`).' }],
      output: null,
      suggestions: [edit(yaml, TRAINED, '    trained: 2026-11-24\n    reviewed: 2026-05-04\n  - id: platform-admin')],
    },
    {
      name: 'training older than 12 months',
      code: edit(yaml, TRAINED, '    trained: 2025-09-30\n    reviewed: 2026-05-04\n  - id: platform-admin'),
      errors: [{ range: [45, 14, 45, 24], text: '2025-09-30', message: 'Role `key-custodian` was last trained on 2025-09-30, more than 12 months ago: renew the training and update the date.' }],
    },
  ],
});
