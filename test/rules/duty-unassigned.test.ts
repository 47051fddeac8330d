import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');
const INCIDENT = '    responsibilities: [incident-response]';

ruleTester('duty-unassigned', {
  valid: [
    { name: 'every MP duty held', code: yaml },
    { name: 'every AP duty held in the table', code: markdown, fileName: 'p.md' },
    { name: 'a duty removed by config', code: edit(yaml, INCIDENT, '    responsibilities: [policy-oversight]'), config: { duties: { add: [], remove: ['incident-response'] } } },
  ],
  invalid: [
    {
      name: 'incident response held by nobody: suggestions append it to a role',
      code: edit(yaml, INCIDENT, '    responsibilities: []'),
      errors: [{ range: [32, 1, 32, 6], text: 'roles', severity: 'error', message: 'No role holds `incident-response`, required for MP: add it to the responsibilities of the role that performs it. Responds to cryptographic incidents (key compromise, algorithm breaks).' }],
      output: null,
      suggestions: [
        edit(edit(yaml, INCIDENT, '    responsibilities: []'), '    responsibilities: [policy-oversight]', '    responsibilities: [policy-oversight, incident-response]'),
        edit(edit(yaml, INCIDENT, '    responsibilities: []'), 'key-destruction]', 'key-destruction, incident-response]'),
        edit(edit(yaml, INCIDENT, '    responsibilities: []'), 'ai-workload-encryption]', 'ai-workload-encryption, incident-response]'),
      ],
    },
    {
      name: 'a CSP needs BYOK provisioning and tenant isolation',
      code: edit(edit(yaml, 'actor: MP', 'actor: CSP'), 'upstream-coordination, downstream-coordination', 'upstream-coordination, downstream-coordination, operational-support'),
      errors: [
        { range: [32, 1, 32, 6], message: /`tenant-isolation`, required for CSP/ },
        { range: [32, 1, 32, 6], message: /`byok-provisioning`, required for CSP/ },
      ],
    },
    {
      name: 'a duty added by config, in the Markdown table',
      code: markdown,
      fileName: 'p.md',
      config: { duties: { add: ['kms-operation'], remove: [] } },
      errors: [{ range: [24, 4, 24, 30], text: 'Roles and Responsibilities', message: /^No role holds `kms-operation`: / }],
    },
  ],
});
