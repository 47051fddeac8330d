import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');
const COMMUNICATION = 'communication:\n  audiences: [security engineering, ml platform, devops, compliance]\n  channels: [wiki, onboarding, security bulletin]\n  evidence: "LMS acknowledgments"\n';

ruleTester('communication-missing', {
  valid: [
    { name: 'complete YAML policy', code: yaml },
    { name: 'Markdown Communication section', code: markdown, fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'no communication',
      code: edit(yaml, COMMUNICATION, ''),
      errors: [{ range: [2, 1, 2, 5], text: 'kind', severity: 'error', message: /does not say how it is communicated/ }],
      output: null,
      suggestions: [edit(yaml, COMMUNICATION, 'communication:\n  audiences:\n    - security engineering\n    - platform operations\n    - DevOps\n    - compliance\n  channels:\n    - TBD\n  evidence: TBD\n')],
    },
    {
      name: 'no evidence: inserted after channels',
      code: edit(yaml, '  evidence: "LMS acknowledgments"\n', ''),
      errors: [{ range: [15, 1, 15, 14], text: 'communication', message: '`communication` lacks `evidence`: name the teams that must know the policy and the evidence that they were told (bulletins, training records, acknowledgments).' }],
      suggestions: [edit(yaml, '  evidence: "LMS acknowledgments"\n', '  evidence: TBD\n')],
    },
    {
      name: 'Markdown without the section',
      code: markdown.slice(0, markdown.indexOf('## Communication')) + markdown.slice(markdown.indexOf('## Review')),
      fileName: 'p.md',
      errors: [{ range: [2, 1, 2, 5], text: 'kind' }],
    },
  ],
});
