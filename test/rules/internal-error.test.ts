import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText, failedCheck } from '../../server/src/engine/engine';
import { ruleById, rules } from '../../server/src/engine/rules';
import type { Rule } from '../../server/src/engine/rules/rule';
import { example, TODAY, withoutOwner } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const noOwner = withoutOwner(yaml);

const throwing: Rule = { ...ruleById('owner-missing'), id: 'exploding-rule', check: () => { throw new TypeError("Cannot read properties of undefined (reading 'value')"); } };

describe('internal-error', () => {
  it('a rule that throws is one finding naming it; the other rules still report', () => {
    const result = checkText(noOwner, 'p.yaml', { today: TODAY, rules: [throwing, ruleById('owner-missing')] });
    assert.deepEqual(result.findings.map((finding) => finding.rule), ['internal-error', 'owner-missing']);
    const [failure] = result.findings;
    assert.equal(failure.message, "cek-policy failed in rule `exploding-rule` (TypeError: Cannot read properties of undefined (reading 'value')); its findings are missing; the other rules ran. Please report this.");
    assert.equal(failure.severity, 'error');
    assert.deepEqual(failure.span, result.document.anchor, 'at the kind key');
  });

  it('rules that would start after the time budget are not run, and are named', () => {
    let now = 0;
    // Each rule reads the clock once before it starts (0, 1, 2, 3 ms, ...): with a 5 ms budget, six rules run
    // (owner-missing is the sixth of the registry).
    const result = checkText(noOwner, 'p.yaml', { today: TODAY, timeBudget: { start: 0, ms: 5, clock: () => now++ } });
    const budget = result.findings.filter((finding) => finding.rule === 'internal-error');
    assert.equal(budget.length, 1);
    // parse-error and internal-error are the engine's own: never skipped, never named.
    const timed = rules.filter((rule) => rule.formats.includes('yaml') && rule.id !== 'parse-error' && rule.id !== 'internal-error');
    const skipped = timed.slice(6).map((rule) => `\`${rule.id}\``);
    assert.equal(budget[0].message, `Checking stopped after 0.005 s, the time budget per document in the editor: rules ${skipped.slice(0, 10).join(', ')} and ${skipped.length - 10} more did not run, so their findings are missing. \`cek-policy check\` checks without a time limit.`);
    assert.equal(budget[0].severity, 'warning');
    assert.deepEqual(result.rulesRun.map((rule) => rule.id), ['parse-error', 'internal-error', ...timed.slice(0, 6).map((rule) => rule.id)]);
    assert.ok(result.findings.some((finding) => finding.rule === 'owner-missing'), 'owner-missing ran within the budget');
    const ran = new Set(result.rulesRun.map((rule) => rule.id));
    assert.deepEqual(result.findings.filter((finding) => !ran.has(finding.rule)), [], 'no finding from a rule that did not run');
  });

  it('a file whose check failed outright is reported as such', () => {
    const result = failedCheck('broken.yaml', new RangeError('Maximum call stack size exceeded\n    at somewhere'), { today: TODAY });
    assert.equal(result.isPolicy, true);
    assert.deepEqual(result.findings.map((finding) => [finding.rule, finding.message]), [
      ['internal-error', 'cek-policy failed in checking this file (RangeError: Maximum call stack size exceeded); it is not checked; the other files are. Please report this.'],
    ]);
  });
});
