import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { builtinCatalog, formatGuidelineRef, type GuidelineKind } from '../../server/src/engine/config/catalog';
import { docsUrl } from '../../server/src/engine/rules/rule';
import { rules } from '../../server/src/engine/rules';
import { renderRuleDoc, renderRuleIndex } from '../../server/src/engine/rules/ruleDocs';
import { ROOT } from '../helpers/ruleTester';

/** SPEC "Rules": the ids every build must have. */
const SPEC_RULES = [
  'parse-error', 'schema', 'date-format', 'owner-missing', 'approval-missing', 'approval-evidence-missing', 'review-missing',
  'review-overdue', 'review-due-soon', 'review-interval-too-long', 'review-triggers-missing', 'communication-missing',
  'scope-incomplete', 'enforcement-missing', 'monitoring-missing', 'training-missing', 'byok-missing', 'byok-incomplete',
  'roles-missing', 'duty-unassigned', 'role-unassigned', 'sod-conflict', 'alternate-missing', 'role-training-missing',
  'role-review-overdue', 'governance-missing', 'unknown-duty', 'unknown-control', 'unknown-role',
  'suppression-unjustified', 'suppression-expired', 'placeholder',
];

describe('rule registry', () => {
  it('has every rule the SPEC names, once', () => {
    const ids = rules.map((rule) => rule.id);
    assert.deepEqual(ids.filter((id, index) => ids.indexOf(id) !== index), [], 'duplicate rule ids');
    assert.deepEqual(SPEC_RULES.filter((id) => !ids.includes(id)), [], 'rules missing from the registry');
  });

  for (const rule of rules) {
    it(`${rule.id}: metadata, doc and test file`, () => {
      assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(rule.description.length > 20, 'description says what the rule reports');
      assert.ok(rule.guidelines.length > 0, 'cites at least one guideline');
      for (const ref of rule.guidelines) {
        assert.ok(builtinCatalog().guideline(ref), `${formatGuidelineRef(ref)} exists in the catalog`);
      }
      assert.match(rule.control, /^CEK-\d\d$/);
      assert.equal(docsUrl(rule.id)?.endsWith(`/docs/rules/${rule.id}.md`) ?? true, true);
      const doc = join(ROOT, 'docs', 'rules', `${rule.id}.md`);
      assert.ok(existsSync(doc), `docs/rules/${rule.id}.md exists`);
      const text = readFileSync(doc, 'utf8');
      assert.ok(text.startsWith(`# ${rule.id}\n`), 'doc starts with the rule id heading');
      assert.ok(text.includes(`**Control:** ${rule.control}`), 'doc states the control');
      assert.ok(text.includes(`**Default severity:** ${rule.severity}`), 'doc states the default severity');
      const fix = rule.fixable === false ? 'none' : rule.fixable;
      assert.ok(text.includes(`**Fix:** ${fix}`), `doc states the fix kind (${fix})`);
      // A control pack's rule is made from its data: its test table is the pack's tests.json, run by test/rules/domain-controls.test.ts.
      const tests = rule.pack ? join(ROOT, 'controls', rule.pack, 'tests.json') : join(ROOT, 'test', 'rules', `${rule.id}.test.ts`);
      assert.ok(existsSync(tests), `${tests} exists`);
    });
  }

  it('covers every implementation and auditing guideline of both seeds', () => {
    const cited = new Set(rules.flatMap((rule) => rule.guidelines.map(formatGuidelineRef)));
    const uncovered: string[] = [];
    for (const control of builtinCatalog().all()) {
      const kinds: [GuidelineKind, { number: number }[]][] = [
        ['implementation', control.implementationGuidelines],
        ['auditing', control.auditingGuidelines],
        ['ccm', control.ccmAuditingGuidelines],
      ];
      for (const [kind, guidelines] of kinds) {
        for (const guideline of guidelines) {
          const ref = formatGuidelineRef({ control: control.id, kind, number: guideline.number });
          if (!cited.has(ref)) uncovered.push(ref);
        }
      }
    }
    assert.deepEqual(uncovered, []);
  });
});

describe('generated rule docs', () => {
  it('docs/rules are current with the registry (run `npm run docs`)', () => {
    const stale = rules.filter((rule) => {
      const file = join(ROOT, 'docs', 'rules', `${rule.id}.md`);
      return !existsSync(file) || readFileSync(file, 'utf8') !== renderRuleDoc(rule, builtinCatalog());
    });
    assert.deepEqual(stale.map((rule) => rule.id), []);
    assert.equal(readFileSync(join(ROOT, 'docs', 'rules', 'README.md'), 'utf8'), renderRuleIndex(rules));
  });
});
