import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');
const SCOPE = 'scope: { kms: true, hsm: true, storage: true, network: true, tenant_key_isolation: true, ai_assets: true }';

ruleTester('scope-incomplete', {
  valid: [
    { name: 'every area stated', code: yaml },
    { name: 'false counts as stated', code: edit(yaml, 'hsm: true', 'hsm: false') },
    { name: 'a Scope section naming every area', code: markdown, fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'no scope at all',
      code: edit(yaml, SCOPE + '\n', ''),
      errors: [{ range: [2, 1, 2, 5], text: 'kind', severity: 'error', message: /has no `scope`/ }],
      output: null,
      suggestions: [edit(yaml, SCOPE + '\n', 'scope:\n  kms: true\n  hsm: true\n  storage: true\n  network: true\n  tenant_key_isolation: true\n  ai_assets: true\n')],
    },
    {
      name: 'two areas unstated: one warning, both inserted in schema order',
      code: edit(yaml, SCOPE, 'scope: { kms: true, storage: true, network: true, ai_assets: true }'),
      errors: [{ range: [19, 1, 19, 6], text: 'scope', severity: 'warning', message: '`scope` does not state `hsm`, `tenant_key_isolation`: set each to true or false so an auditor sees what the policy covers.' }],
      suggestions: [yaml],
    },
    {
      name: 'a Scope section that misses areas',
      code: edit(markdown, 'Covers the key management service (KMS) and hardware security modules (HSM) we use, encryption of\nstorage and of network traffic, tenant key isolation for customer workspaces, and AI assets: models,\nprompts, embeddings and training data.', 'Covers encryption of storage and network traffic.'),
      fileName: 'p.md',
      errors: [{ range: [18, 4, 18, 9], text: 'Scope', severity: 'warning', message: 'The Scope section does not mention `kms`, `hsm`, `tenant_key_isolation`, `ai_assets`; say whether each is covered.' }],
    },
  ],
});
