import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ROOT, edit, example, ruleTester, run } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');

ruleTester('schema', {
  valid: [
    { name: 'the complete example', code: yaml },
    { name: 'Markdown front matter', code: example('key-management-policy.md'), fileName: 'p.md' },
    { name: 'short forms: owner as a name, actor as a list', code: edit(edit(yaml, 'owner: { name: Lena Okafor, role: Head of Security }', 'owner: Lena Okafor'), 'actor: MP', 'actor: [MP, AP]') },
    { name: 'organisation keys at the root are allowed', code: edit(yaml, 'id: POL-KM-01\n', 'id: POL-KM-01\ndocument_control: { classification: internal }\n') },
  ],
  invalid: [
    {
      name: 'a wrong type on the value',
      code: edit(yaml, 'interval_months: 12', 'interval_months: twelve'),
      errors: [{ range: [13, 20, 13, 26], text: 'twelve', severity: 'error', message: '`review.interval_months` must be integer.' }],
      output: null,
    },
    {
      name: 'a misspelt key inside review: reported on the key',
      code: edit(yaml, 'interval_months: 12', 'intervall_months: 12'),
      errors: [{ range: [13, 3, 13, 19], text: 'intervall_months', message: '`intervall_months` is not a field of `review`; check the spelling (see the schema for the allowed fields).' }],
    },
    {
      name: 'an unknown actor',
      code: edit(yaml, 'actor: MP', 'actor: XYZ'),
      errors: [{ range: [6, 8, 6, 11], text: 'XYZ', message: '`actor` must be one of `CSP`, `MP`, `OSP`, `AP`, `AIC` or a list.' }],
    },
    {
      name: 'owner as a number: one finding that names both accepted forms',
      code: edit(yaml, 'owner: { name: Lena Okafor, role: Head of Security }', 'owner: 42'),
      errors: [{ range: [8, 8, 8, 10], text: '42', message: '`owner` must be a string or an object.' }],
    },
    {
      name: 'a role with responsibilities as a string',
      code: edit(yaml, '    responsibilities: [policy-oversight]', '    responsibilities: policy-oversight'),
      errors: [{ range: [36, 23, 36, 39], text: 'policy-oversight', message: '`roles.0.responsibilities` must be array.' }],
    },
    {
      name: 'Markdown front matter',
      code: example('key-management-policy.md').replace('actor: AP', 'actor: XYZ'),
      fileName: 'p.md',
      errors: [{ range: [6, 8, 6, 11], text: 'XYZ' }],
    },
  ],
});

it('schema: __proto__ keys are data, never a prototype', () => {
  const findings = run({ name: 'proto', code: edit(yaml, 'id: POL-KM-01\n', 'id: POL-KM-01\n__proto__: { polluted: true }\n').replace('owner: { name: Lena Okafor, role: Head of Security }', 'owner: { __proto__: { name: x }, name: Lena, role: CISO }') });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.ok(findings.some((finding) => finding.rule === 'schema' && /__proto__/.test(finding.message)));
});

it('the validator compiled ahead of time is the one the schema gives today (npm run build regenerates it)', async () => {
  const { policyValidatorSource, VALIDATOR_FILE } = (await import(pathToFileURL(join(ROOT, 'scripts', 'policy-validator.mjs')).href)) as { policyValidatorSource: () => string; VALIDATOR_FILE: string };
  assert.equal(readFileSync(VALIDATOR_FILE, 'utf8'), policyValidatorSource(), 'server/src/engine/rules/policySchema.generated.ts is stale: run npm run build');
});
