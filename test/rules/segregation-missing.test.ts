import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');
const SEGREGATION = 'segregation:\n  - [key-generation, encryption-enforcement]\n';

/** A Markdown policy whose roles are prose, with no word on segregation: the finding sits on the roles section. */
const PROSE = [
  '---', 'kind: crypto-policy', 'actor: AIC', '---', '# Key Policy', '',
  '## Roles and Responsibilities', '',
  '- **Security Engineering:** generates and rotates keys in the KMS.',
  '- **Platform Team:** enforces encryption defaults on every service.', '',
].join('\n');

ruleTester('segregation-missing', {
  valid: [
    { name: 'a segregation list', code: yaml },
    { name: 'segregated duties held by different teams in the roles table', code: markdown, fileName: 'p.md' },
    { name: 'a separation-of-duties sentence', code: `${PROSE}\nSeparation of duties: no one person both generates keys and enforces encryption.\n`, fileName: 'p.md' },
    { name: 'dual control for key recovery', code: `${PROSE}\nKey recovery requires dual control by two authorised custodians.\n`, fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'prose roles with no segregation requirement: on the roles heading, in Markdown words',
      code: PROSE,
      fileName: 'p.md',
      errors: [{ range: [7, 4, 7, 30], text: 'Roles and Responsibilities', severity: 'error', message: /^The policy does not require segregation of duties for key management: state that no one person or team both generates keys/ }],
    },
    {
      name: 'YAML roles where one team holds every segregated duty and no segregation list',
      code: edit(edit(yaml, SEGREGATION, ''), 'assignee: ML Platform Team', 'assignee: Model Security Team'),
      errors: [{ range: [2, 1, 2, 5], text: 'kind', message: /add `segregation:` with the duty pairs/ }],
      suggestions: [edit(edit(yaml, SEGREGATION, 'segregation:\n  - - key-generation\n    - encryption-enforcement\n  - - key-generation\n    - operational-support\n  - - encryption-enforcement\n    - operational-support\n'), 'assignee: ML Platform Team', 'assignee: Model Security Team')],
    },
  ],
});
