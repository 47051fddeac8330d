import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const BYOK = 'byok: { supported: false, hyok: false }   # stated, even when not offered\n';

ruleTester('byok-missing', {
  valid: [
    { name: 'stance stated', code: yaml },
    { name: 'an AI customer (no downstream tenants) need not state it', code: edit(edit(yaml, BYOK, ''), 'actor: MP', 'actor: AIC') },
    { name: 'a BYOK stance in a sentence outside any BYOK section', code: (() => { const md = example('key-management-policy.md'); return md.slice(0, md.indexOf('## BYOK')) + md.slice(md.indexOf('## Monitoring')) + '\nCustomers can bring their own keys (BYOK) through the provider KMS.\n'; })(), fileName: 'p.md' },
    { name: 'a BYOK section', code: example('key-management-policy.md').replace('actor: AP', 'actor: OSP'), fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'a model provider without a byok stance',
      code: edit(yaml, BYOK, ''),
      errors: [{ range: [2, 1, 2, 5], text: 'kind', severity: 'error', message: 'As MP, the policy must state its BYOK/HYOK stance for downstream tenants, even when not offered: add `byok: {supported, hyok}`.' }],
      output: null,
      suggestions: [edit(yaml, BYOK, 'byok:\n  supported: false\n  hyok: false\n')],
    },
    {
      name: 'actor from config when the document does not say',
      code: edit(edit(yaml, BYOK, ''), 'actor: MP\n', ''),
      config: { actor: ['CSP'] },
      errors: [{ range: [2, 1, 2, 5], text: 'kind', message: /^As CSP,/ }],
    },
    {
      name: 'an OSP Markdown policy without a BYOK section',
      code: (() => { const md = example('key-management-policy.md').replace('actor: AP', 'actor: OSP'); return md.slice(0, md.indexOf('## BYOK')) + md.slice(md.indexOf('## Monitoring')); })(),
      fileName: 'p.md',
      errors: [{ range: [2, 1, 2, 5], text: 'kind', message: /^As OSP,/ }],
    },
  ],
});
