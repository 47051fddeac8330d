import { example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');
const withoutRoles = yaml.slice(0, yaml.indexOf('roles:\n'));
const tableStart = markdown.indexOf('| Role |');
const tableEnd = markdown.indexOf('\n\nRole assignments');

ruleTester('roles-missing', {
  valid: [
    { name: 'a roles list', code: yaml },
    { name: 'a roles table', code: markdown, fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'no roles: the suggestion adds a key custodian stub for the key duties',
      code: withoutRoles,
      errors: [{ range: [2, 1, 2, 5], text: 'kind', severity: 'error', message: /assigns no CEK roles/ }],
      output: null,
      suggestions: [`${withoutRoles}roles:\n  - id: key-custodian\n    title: Key Custodian\n    assignee: TBD\n    responsibilities:\n      - key-generation\n      - key-rotation\n      - key-revocation\n      - key-destruction\n    alternates: []\n    trained: TBD\n    reviewed: TBD\n`],
    },
    {
      name: 'an empty roles list: reported on the key',
      code: `${withoutRoles}roles: []\n`,
      errors: [{ range: [32, 1, 32, 6], text: 'roles' }],
    },
    {
      name: 'a Roles section without a table',
      code: markdown.slice(0, tableStart) + 'Each team knows its duties.' + markdown.slice(tableEnd),
      fileName: 'p.md',
      errors: [{ range: [24, 4, 24, 30], text: 'Roles and Responsibilities', message: /^The Roles and Responsibilities section names no role or team with a CEK duty: add a table/ }],
    },
  ],
});
