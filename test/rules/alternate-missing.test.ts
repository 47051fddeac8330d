import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');
const ALTERNATES = '    alternates: [incident-lead]\n';

ruleTester('alternate-missing', {
  valid: [
    { name: 'every role has an alternate', code: yaml },
    { name: 'every table row has one', code: markdown, fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'no alternates key: one suggestion per other role',
      code: edit(yaml, ALTERNATES, ''),
      errors: [{ range: [40, 9, 40, 22], text: 'key-custodian', severity: 'warning', message: 'Role `key-custodian` has no alternate: name a role whose holders are trained to stand in (continuity and succession).' }],
      output: null,
      suggestions: ['policy-owner', 'platform-admin', 'incident-lead'].map((id) => edit(yaml, ALTERNATES, `    alternates:\n      - ${id}\n`)),
    },
    {
      name: 'only itself as alternate',
      code: edit(yaml, ALTERNATES, '    alternates: [key-custodian]\n'),
      errors: [{ range: [40, 9, 40, 22], text: 'key-custodian' }],
      suggestions: ['policy-owner', 'platform-admin', 'incident-lead'].map((id) => edit(yaml, ALTERNATES, `    alternates: [key-custodian, ${id}]\n`)),
    },
    {
      name: 'an empty Alternates cell',
      code: edit(markdown, '| incident-response | Policy Owner |', '| incident-response |  |'),
      fileName: 'p.md',
      errors: [{ range: [31, 3, 31, 16], text: 'Incident Lead' }],
    },
  ],
});
