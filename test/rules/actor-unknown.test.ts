import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const NO_ACTOR = edit(yaml, 'actor: MP\n', '');
const THIN = '---\nkind: crypto-policy\n---\n# Key Policy\n\nKeys are rotated yearly.\n';
const SHORT_NO_AI = `${THIN}\nAuthorized staff rotate, encrypt and back up keys monthly. Privileged users access the keys only with two-factor authentication and a passphrase. If both are lost or compromised, new keys are rotated in by authorized staff.\n`;

ruleTester('actor-unknown', {
  valid: [
    { name: 'declared actor', code: yaml },
    { name: 'actor from config', code: NO_ACTOR, config: { actor: ['CSP'] } },
    { name: 'structured fields that say the organisation hosts tenants and runs AI', code: NO_ACTOR },
    { name: 'enough prose to infer from (an LLM platform holding customer data)', code: `${THIN}\nOur LLM platform stores customer prompts and embeddings; each tenant's data is encrypted with its own key.\n`, fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'a thin Markdown policy: info on the title, a quick fix per actor',
      code: THIN,
      fileName: 'p.md',
      errors: [{ range: [2, 1, 2, 5], text: 'kind', severity: 'info', message: /^The policy does not declare its SSRM role and says too little to infer it: CEK-01 auditing guideline 8 and CEK-02 auditing guidelines 2, 4 and 10 are not assessed/ }],
      output: null,
      suggestions: ['CSP', 'MP', 'OSP', 'AP', 'AIC'].map((actor) => `---\nkind: crypto-policy\nactor: ${actor}\n---\n# Key Policy\n\nKeys are rotated yearly.\n`),
    },
    {
      name: 'a short policy that never mentions AI: AI guidelines decided, the customer question left open',
      code: SHORT_NO_AI,
      fileName: 'p.md',
      errors: [{ range: [2, 1, 2, 5], text: 'kind', severity: 'info', message: /CEK-01 auditing guideline 8 and CEK-02 auditing guideline 10 \(customers and tenants\) are not assessed/ }],
      output: null,
      suggestions: ['CSP', 'MP', 'OSP', 'AP', 'AIC'].map((actor) => SHORT_NO_AI.replace('kind: crypto-policy\n', `kind: crypto-policy\nactor: ${actor}\n`)),
    },
  ],
});
