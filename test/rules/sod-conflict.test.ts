import assert from 'node:assert/strict';
import { it } from 'node:test';
import { edit, example, ruleTester, run } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');
const sameTeam = edit(yaml, '    assignee: ML Platform Team', '    assignee: model security team');

ruleTester('sod-conflict', {
  valid: [
    { name: 'segregated teams', code: yaml },
    { name: 'segregated table', code: markdown, fileName: 'p.md' },
    { name: 'a custom segregation list without the pair', code: sameTeam, config: { segregation: [['kms-operation', 'incident-response']] } },
  ],
  invalid: [
    {
      name: 'two roles held by the same team (case and spacing ignored)',
      code: sameTeam,
      errors: [{ range: [50, 39, 50, 61], text: 'encryption-enforcement', severity: 'error', message: 'Model Security Team holds both `key-generation` (role `key-custodian`) and `encryption-enforcement` (role `platform-admin`), which must be segregated: assign one of the roles to a different team.' }],
      output: null,
    },
    {
      name: 'an alternate that would hold both duties when standing in: warning on the alternate',
      code: edit(yaml, '    alternates: [incident-lead]', '    alternates: [platform-admin]'),
      errors: [{ range: [44, 18, 44, 32], text: 'platform-admin', severity: 'warning', message: 'When `platform-admin` (ML Platform Team) stands in for `key-custodian`, it holds both `encryption-enforcement` and `key-generation`, which must be segregated: name an alternate from another team.' }],
    },
    {
      name: 'one role with both duties, in the Markdown table',
      code: edit(markdown, '| key-generation, key-rotation,', '| key-generation, operational-support, key-rotation,'),
      fileName: 'p.md',
      errors: [{ range: [29, 58, 29, 77], text: 'operational-support', message: 'Role `key-custodian` holds both `key-generation` and `operational-support`, which must be segregated: give one of them to a different team.' }],
    },
  ],
});

it('sod-conflict: points at the other holding as related information', () => {
  const finding = run({ name: 'related', code: sameTeam }).find((candidate) => candidate.rule === 'sod-conflict');
  assert.ok(finding?.related);
  assert.equal(sameTeam.slice(finding.related[0].span.start, finding.related[0].span.end), 'key-generation');
  assert.equal(finding.related[0].message, '`key-generation` held here by role `key-custodian`');
});
