import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');

ruleTester('role-unassigned', {
  valid: [
    { name: 'every role assigned', code: yaml },
    { name: 'every table row assigned', code: markdown, fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'no assignee: reported on the role id, suggestion inserts it after the title',
      code: edit(yaml, '    assignee: ML Platform Team\n', ''),
      errors: [{ range: [47, 9, 47, 23], text: 'platform-admin', severity: 'error', message: 'Role `platform-admin` has no assignee: name the team or person who holds it (e.g. KMS administrators, platform security).' }],
      output: null,
      suggestions: [edit(yaml, '    assignee: ML Platform Team\n', '    assignee: TBD\n')],
    },
    {
      name: 'an empty Assignee cell in the table',
      code: edit(markdown, '| Incident Lead | Security Operations |', '| Incident Lead |  |'),
      fileName: 'p.md',
      errors: [{ range: [31, 3, 31, 16], text: 'Incident Lead' }],
    },
  ],
});
