import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const BYOK = 'byok: { supported: false, hyok: false }';

ruleTester('byok-incomplete', {
  valid: [
    { name: 'not offered, not a CSP', code: yaml },
    { name: 'offered with every detail', code: edit(yaml, BYOK, 'byok: { supported: true, hyok: false, tenant_key_separation: true, provisioning: "KMS import API", contractual_guarantees: "DPA annex 4" }') },
  ],
  invalid: [
    {
      name: 'offered without details',
      code: edit(yaml, BYOK, 'byok: { supported: true, hyok: false }'),
      errors: [{ range: [27, 1, 27, 5], text: 'byok', severity: 'warning', message: 'BYOK is offered but `byok` does not state `tenant_key_separation`, `provisioning`, `contractual_guarantees`: say how customer keys are provisioned and separated, and what is guaranteed.' }],
      output: null,
      suggestions: [edit(yaml, BYOK, 'byok: { supported: true, hyok: false, tenant_key_separation: true, provisioning: TBD, contractual_guarantees: TBD }')],
    },
    {
      name: 'a CSP must state tenant key separation even without BYOK',
      code: edit(edit(yaml, 'actor: MP', 'actor: CSP'), 'tenant_key_isolation: true', 'tenant_key_isolation: false'),
      errors: [{ range: [27, 1, 27, 5], text: 'byok', message: /State `tenant_key_separation` in `byok` even without BYOK/ }],
      suggestions: [edit(edit(edit(yaml, 'actor: MP', 'actor: CSP'), 'tenant_key_isolation: true', 'tenant_key_isolation: false'), BYOK, 'byok: { supported: false, hyok: false, tenant_key_separation: true }')],
    },
    {
      name: 'Markdown front matter offering BYOK without details',
      code: edit(example('key-management-policy.md'), 'governance: { body: Security Committee, review_months: 12 }\n', 'governance: { body: Security Committee, review_months: 12 }\nbyok: { supported: true }\n'),
      fileName: 'p.md',
      errors: [{ range: [12, 1, 12, 5], text: 'byok', message: /does not state `hyok`, `tenant_key_separation`, `provisioning`, `contractual_guarantees`/ }],
    },
  ],
});
