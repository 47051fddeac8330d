import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');

ruleTester('unknown-role', {
  valid: [
    { name: 'alternates name roles', code: yaml },
    { name: 'table alternates by role title', code: markdown, fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'a typo in an alternate: safe fix',
      code: edit(yaml, '    alternates: [incident-lead]', '    alternates: [incident-laed]'),
      errors: [{ range: [44, 18, 44, 31], text: 'incident-laed', severity: 'error', message: 'Alternate `incident-laed` of role `key-custodian` is not a role id; did you mean `incident-lead`?' }],
      output: yaml,
    },
    {
      name: 'a role id that a flow list cannot hold plain (a comma): the fix quotes it (found by the fuzzer)',
      code: edit(edit(yaml, '  - id: incident-lead', '  - id: i,ncident-lead'), '    alternates: [incident-lead]', '    alternates: [incident-lead]'),
      errors: [
        { range: [44, 18, 44, 31], text: 'incident-lead', message: 'Alternate `incident-lead` of role `key-custodian` is not a role id; did you mean `i,ncident-lead`?' },
      ],
      output: edit(edit(yaml, '  - id: incident-lead', '  - id: i,ncident-lead'), '    alternates: [incident-lead]', '    alternates: ["i,ncident-lead"]'),
    },
    {
      name: 'an alternate that is no role',
      code: edit(yaml, '    alternates: [incident-lead]', '    alternates: [ciso]'),
      errors: [{ range: [44, 18, 44, 22], text: 'ciso', message: /names no role of this policy \(roles: policy-owner, key-custodian, platform-admin, incident-lead, crypto-architect\)/ }],
      output: null,
    },
    {
      name: 'two roles with one id',
      code: edit(yaml, '  - id: incident-lead', '  - id: key-custodian'),
      errors: [
        { range: [44, 18, 44, 31], text: 'incident-lead', message: /names no role of this policy/ },
        { range: [54, 9, 54, 22], text: 'key-custodian', message: 'Role id `key-custodian` is used twice: alternates cannot tell the roles apart; give each role its own id.' },
      ],
    },
    {
      name: 'a table alternate that is no role',
      code: edit(markdown, '| incident-response | Policy Owner |', '| incident-response | Deputy CISO |'),
      fileName: 'p.md',
      errors: [{ range: [31, 61, 31, 72], text: 'Deputy CISO' }],
      output: null,
    },
  ],
});
