import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const COORDINATION = 'coordination: { upstream: [cloud provider KMS], downstream: [application providers] }';

ruleTester('coordination-missing', {
  valid: [
    { name: 'both sides for a model provider', code: yaml },
    { name: 'a Coordination section', code: example('key-management-policy.md'), fileName: 'p.md' },
    { name: 'a CSP needs only downstream', code: edit(edit(yaml, 'actor: MP', 'actor: CSP'), COORDINATION, 'coordination: { downstream: [model providers] }') },
  ],
  invalid: [
    {
      name: 'no coordination',
      code: edit(yaml, COORDINATION + '\n', ''),
      errors: [{ range: [2, 1, 2, 5], text: 'kind', severity: 'warning', message: 'As MP, name the upstream and downstream parties your key roles coordinate with: add `coordination: {upstream, downstream}`.' }],
      output: null,
      suggestions: [edit(yaml, COORDINATION + '\n', 'coordination:\n  upstream:\n    - TBD\n  downstream:\n    - TBD\n')],
    },
    {
      name: 'no downstream tenants listed',
      code: edit(yaml, COORDINATION, 'coordination: { upstream: [cloud provider KMS], downstream: [] }'),
      errors: [{ range: [29, 1, 29, 13], text: 'coordination', message: '`coordination` lists no `downstream` parties; as MP the policy must name them.' }],
    },
    {
      name: 'Markdown without a Coordination section (an AP needs upstream)',
      code: example('key-management-policy.md').slice(0, example('key-management-policy.md').indexOf('## Coordination')),
      fileName: 'p.md',
      errors: [{ range: [2, 1, 2, 5], text: 'kind', message: /^As AP, name the upstream parties/ }],
    },
  ],
});
