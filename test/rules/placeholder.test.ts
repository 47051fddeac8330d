import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');
const OWNER = 'owner: { name: Lena Okafor, role: Head of Security }';

ruleTester('placeholder', {
  valid: [
    { name: 'filled YAML policy', code: yaml },
    { name: 'filled Markdown policy', code: markdown, fileName: 'p.md' },
    { name: 'false and numbers are values', code: yaml },
  ],
  invalid: [
    {
      name: 'a mustache placeholder for the owner',
      code: edit(yaml, OWNER, 'owner: { name: "{{owner_name}}", role: Head of Security }'),
      errors: [{ range: [8, 16, 8, 32], text: '"{{owner_name}}"', severity: 'warning', message: '`owner.name` is unfilled (`{{owner_name}}`): replace the template value with the real one.' }],
      output: null,
    },
    {
      name: 'TBD, a bracket placeholder and an empty value',
      code: edit(edit(yaml, 'approval: { by: Risk Committee,', 'approval: { by: TBD,'), '    assignee: Security Governance Office', '    assignee: [Company Name]'),
      errors: [
        { range: [9, 17, 9, 20], text: 'TBD', message: '`approval.by` is unfilled (`TBD`): replace the template value with the real one.' },
        { range: [35, 15, 35, 29], text: '[Company Name]', message: '`roles[0].assignee` is unfilled (`[Company Name]`): replace the template value with the real one.' },
      ],
    },
    {
      name: 'an empty value is reported on its key, with the control of the field',
      code: edit(yaml, 'governance: { body: Risk Committee, review_months: 12 }', 'governance:\n  body:\n  review_months: 12'),
      errors: [{ range: [29, 3, 29, 7], text: 'body', message: '`governance.body` is unfilled (empty): replace the template value with the real one.' }],
    },
    {
      name: 'a placeholder assignee in the Markdown roles table',
      code: edit(markdown, '| Incident Lead | Security Operations |', '| Incident Lead | [Team Name] |'),
      fileName: 'p.md',
      errors: [{ range: [31, 19, 31, 30], text: '[Team Name]', message: '`Incident Lead assignee` is unfilled (`[Team Name]`): replace the template value with the real one.' }],
    },
  ],
});
