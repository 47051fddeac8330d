import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');

ruleTester('enforcement-missing', {
  valid: [
    { name: 'complete YAML policy', code: yaml },
    { name: 'a Key Lifecycle section', code: markdown, fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'no CI/CD check named',
      code: edit(yaml, '  cicd: "Pipeline policy checks block unencrypted buckets and plaintext secrets"\n', ''),
      errors: [{ range: [20, 1, 20, 12], text: 'enforcement', severity: 'warning', message: /lacks `cicd`/ }],
      output: null,
      suggestions: [edit(yaml, '  cicd: "Pipeline policy checks block unencrypted buckets and plaintext secrets"\n', '  cicd: TBD\n')],
    },
    {
      name: 'Markdown without a lifecycle or enforcement section',
      code: markdown.slice(0, markdown.indexOf('## Key Lifecycle')) + markdown.slice(markdown.indexOf('## BYOK')),
      fileName: 'p.md',
      errors: [{ range: [2, 1, 2, 5], text: 'kind', severity: 'error', message: /^The policy states no baseline of approved algorithms, key sizes or encryption defaults\. State the approved algorithms and key sizes, and how they are enforced/ }],
    },
  ],
});
