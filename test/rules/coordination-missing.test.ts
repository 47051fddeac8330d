import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const COORDINATION = 'coordination: { upstream: [cloud provider KMS], downstream: [application providers] }';
const NO_DUTIES = ['responsibilities: [upstream-coordination, downstream-coordination]', 'responsibilities: [policy-oversight]'];
const MARKDOWN = example('key-management-policy.md');

ruleTester('coordination-missing', {
  valid: [
    { name: 'both sides for a model provider', code: yaml },
    { name: 'roles that hold both coordination duties (no coordination block)', code: edit(yaml, COORDINATION + '\n', '') },
    { name: 'a Coordination section', code: example('key-management-policy.md'), fileName: 'p.md' },
    { name: 'a CSP needs only downstream', code: edit(edit(yaml, 'actor: MP', 'actor: CSP'), COORDINATION, 'coordination: { downstream: [model providers] }') },
  ],
  invalid: [
    {
      name: 'no coordination block and no coordination duty',
      code: edit(edit(yaml, COORDINATION + '\n', ''), NO_DUTIES[0], NO_DUTIES[1]),
      errors: [{ range: [2, 1, 2, 5], text: 'kind', severity: 'warning', message: 'As MP, name the upstream and downstream parties your key roles coordinate with: add `coordination: {upstream, downstream}`.' }],
      output: null,
      suggestions: [edit(edit(yaml, COORDINATION + '\n', 'coordination:\n  upstream:\n    - TBD\n  downstream:\n    - TBD\n'), NO_DUTIES[0], NO_DUTIES[1])],
    },
    {
      name: 'no downstream tenants listed',
      code: edit(edit(yaml, COORDINATION, 'coordination: { upstream: [cloud provider KMS], downstream: [] }'), NO_DUTIES[0], NO_DUTIES[1]),
      errors: [{ range: [29, 1, 29, 13], text: 'coordination', message: '`coordination` lists no `downstream` parties: as MP, name them.' }],
    },
    {
      name: 'Markdown without a Coordination section or duty (an AP needs upstream): on the roles section',
      code: edit(MARKDOWN.slice(0, MARKDOWN.indexOf('## Coordination')), '| upstream-coordination |', '| policy-oversight |'),
      fileName: 'p.md',
      errors: [{ range: [24, 4, 24, 30], text: 'Roles and Responsibilities', message: /^The policy states no coordination with upstream providers\. As AP, name who coordinates with the upstream providers whose key management you rely on/ }],
    },
  ],
});
