import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText } from '../../server/src/engine/engine';

/**
 * The checker's own advice must satisfy it: every example a finding's message gives ("e.g. \"...\"", "such as
 * `**Owner:** ...`"), written under the section the message names, clears that finding.
 */
const TODAY = '2026-12-07';
const BASE = '---\nkind: crypto-policy\nid: POL-1\ntitle: Key Management Policy\nversion: "1.0"\nactor: CSP\n---\n# Key Management Policy\n\n## Key Management\n\nKeys are generated in the KMS, rotated yearly and destroyed at end of life.\n';

/** Where each rule's message tells the author to write its example. */
const SECTIONS: Record<string, string> = {
  'alternate-missing': 'Roles and Responsibilities',
  'approval-missing': '',
  'byok-incomplete': 'Customer Keys',
  'byok-missing': 'Customer Keys',
  'communication-missing': 'Communication',
  'coordination-missing': 'Roles and Responsibilities',
  'enforcement-missing': 'Enforcement',
  'governance-missing': 'Governance',
  'monitoring-missing': 'Audit and Monitoring',
  'owner-missing': '',
  'review-missing': 'Review',
  'role-review-missing': 'Roles and Responsibilities',
  'roles-missing': 'Roles and Responsibilities',
  'segregation-missing': 'Roles and Responsibilities',
  'training-missing': 'Training',
  'scope-incomplete': 'Scope',
};

/** The examples of a message: quoted sentences after "e.g." or "such as", and Markdown lines in backticks. */
function examplesOf(message: string): string[] {
  const examples: string[] = [];
  for (const quote of ['"', '`']) {
    let at = 0;
    for (;;) {
      const open = message.indexOf(quote, at);
      if (open < 0) break;
      const close = message.indexOf(quote, open + 1);
      if (close < 0) break;
      const before = message.slice(Math.max(0, open - 12), open);
      const text = message.slice(open + 1, close);
      if (/(e\.g\.|such as|for example|like|or|and)\s*$/.test(before) && (quote === '"' || text.startsWith('**'))) examples.push(text);
      at = close + 1;
    }
  }
  return examples;
}

function findings(text: string, rule: string) {
  return checkText(text, 'policy.md', { today: TODAY }).findings.filter((finding) => finding.rule === rule && !finding.suppression);
}

describe('the advice of a finding clears it', () => {
  // CEK-01 and CEK-02 rules here; the domain packs test their own examples (test/rules/domain-controls.test.ts).
  const base = checkText(BASE, 'policy.md', { today: TODAY }).findings.filter((finding) => finding.control === 'CEK-01' || finding.control === 'CEK-02');
  it('the base policy draws every finding of the table (the test cannot pass by drawing none)', () => {
    assert.deepEqual([...new Set(base.map((finding) => finding.rule))].sort(), Object.keys(SECTIONS).sort());
  });
  for (const [rule, section] of Object.entries(SECTIONS)) {
    it(`${rule}: its example${section ? ` under "## ${section}"` : ' under the title'}`, () => {
      const finding = base.find((candidate) => candidate.rule === rule);
      assert.ok(finding, `${rule} is drawn by the base policy`);
      const examples = examplesOf(finding.message);
      assert.ok(examples.length > 0, `${rule}'s message gives an example: ${finding.message}`);
      const body = examples.map((example) => (example.endsWith('.') || example.startsWith('**') ? example : `${example}.`)).join('\n\n');
      const text = section ? `${BASE}\n## ${section}\n\n${body}\n` : BASE.replace('# Key Management Policy\n', `# Key Management Policy\n\n${body}\n`);
      assert.deepEqual(findings(text, rule).map((left) => left.message), [], `the example clears ${rule}:\n${text}`);
    });
  }
});
