import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { builtinCatalog, formatGuidelineRef, type GuidelineRef } from '../../server/src/engine/config/catalog';
import { checkText, type CheckResult } from '../../server/src/engine/engine';
import { buildComplianceReport, setStatus } from '../../server/src/engine/report/compliance';
import { documentCaiq } from '../../server/src/engine/report/summary';
import reportSchema from '../../schemas/report.schema.json';
import { ROOT, TODAY } from '../helpers/ruleTester';
import { CORPUS_DIR, corpusAvailable, AUDIT_DAY } from '../corpus/agreement';

function check(text: string, fileName: string, today = TODAY, force = false): CheckResult {
  return checkText(text, fileName, { today, force });
}

const cites = (finding: { guidelines: GuidelineRef[] }, ref: GuidelineRef) => finding.guidelines.some((other) => other.control === ref.control && other.kind === ref.kind && other.number === ref.number);

/** Every document the suite knows: the examples, the templates, the gap examples and (when present) the corpus. */
function documents(): { name: string; result: CheckResult }[] {
  const out: { name: string; result: CheckResult }[] = [];
  for (const name of ['key-management-policy.yaml', 'key-management-policy.md']) out.push({ name, result: check(readFileSync(join(ROOT, 'examples', name), 'utf8'), name) });
  for (const name of readdirSync(join(ROOT, 'examples', 'gaps'))) out.push({ name, result: check(readFileSync(join(ROOT, 'examples', 'gaps', name), 'utf8'), name) });
  for (const name of ['policy.yaml', 'policy.md']) out.push({ name: `templates/${name}`, result: check(readFileSync(join(ROOT, 'templates', name), 'utf8'), name) });
  if (corpusAvailable()) {
    for (const name of readdirSync(CORPUS_DIR).filter((file) => file.endsWith('.md') && file !== 'README.md')) out.push({ name, result: check(readFileSync(join(CORPUS_DIR, name), 'utf8'), name, AUDIT_DAY, true) });
  }
  return out;
}

describe('requirement statuses', () => {
  it('no guideline is met while an open error or warning cites it, and no gap is silent', () => {
    for (const { name, result } of documents()) {
      for (const requirement of result.requirements) {
        const guideline = `${name} ${formatGuidelineRef(requirement.ref)}`;
        const open = result.findings.filter((finding) => !finding.suppression && !finding.advisory && finding.severity !== 'info' && cites(finding, requirement.ref));
        if (requirement.status === 'met') assert.deepEqual(open.map((finding) => finding.rule), [], `${guideline} is met with open findings`);
        if (requirement.status === 'not-met' || requirement.status === 'partial') {
          assert.ok(result.findings.some((finding) => cites(finding, requirement.ref)), `${guideline} is ${requirement.status} but no finding says why (${requirement.reason})`);
        }
        if (requirement.status === 'not-assessed') assert.ok(result.findings.some((finding) => cites(finding, requirement.ref)), `${guideline} is not assessed and nothing says so`);
        assert.ok(requirement.reason.length > 10, `${guideline} has a reason`);
      }
    }
  });

  it('the compliant examples meet every guideline and answer Yes', () => {
    for (const name of ['key-management-policy.yaml', 'key-management-policy.md']) {
      const result = check(readFileSync(join(ROOT, 'examples', name), 'utf8'), name);
      assert.deepEqual(result.requirements.filter((requirement) => requirement.status !== 'met').map((requirement) => `${formatGuidelineRef(requirement.ref)}: ${requirement.status} (${requirement.reason})`), []);
      assert.equal(result.requirements.length, 28, 'CEK-01: 8 auditing + 2 CCM; CEK-02: 6 implementation + 10 auditing + 2 CCM');
      assert.deepEqual(documentCaiq(result, builtinCatalog()).map((answer) => `${answer.id} ${answer.answer}`), ['CEK-01.1 Yes', 'CEK-01.2 Yes', 'CEK-02.1 Yes']);
    }
  });

  it('the unfilled New Policy template: governance not met and CEK-01.2 answered No', () => {
    for (const name of ['policy.yaml', 'policy.md']) {
      const result = check(readFileSync(join(ROOT, 'templates', name), 'utf8'), name);
      const governance = result.requirements.find((requirement) => formatGuidelineRef(requirement.ref) === 'CEK-01 auditing guideline 2')!;
      assert.equal(governance.status, 'not-met', `${name}: ${governance.reason}`);
      assert.equal(documentCaiq(result, builtinCatalog()).find((answer) => answer.id === 'CEK-01.2')!.answer, 'No');
    }
  });

  it('a placeholder never makes a guideline met (owner {{owner_name}}, review dates null)', () => {
    const text = readFileSync(join(ROOT, 'examples', 'key-management-policy.yaml'), 'utf8')
      .replace('owner: { name: Lena Okafor, role: Head of Security }', 'owner: "{{owner_name}}"')
      .replace('title: Policy Owner', 'title: Policy Steward')
      .replace('last: 2026-05-04', 'last: null').replace('next: 2027-05-04', 'next: "{{next_review_date}}"');
    const result = check(text, 'p.yaml');
    const governance = result.requirements.find((requirement) => formatGuidelineRef(requirement.ref) === 'CEK-01 auditing guideline 2')!;
    assert.equal(governance.status, 'partial', governance.reason);
    assert.match(governance.reason, /the owner is not filled in; no review date recorded/);
    assert.equal(documentCaiq(result, builtinCatalog()).find((answer) => answer.id === 'CEK-01.2')!.answer, 'No');
  });

  it('guidelines that turn on the organisation are not assessed when its role is unknown, and not applicable with a reason when it is known', () => {
    const thin = check('---\nkind: crypto-policy\n---\n# Key Policy\n\nKeys are rotated yearly.\n', 'p.md');
    const statusOf = (result: CheckResult, guideline: string) => result.requirements.find((requirement) => formatGuidelineRef(requirement.ref) === guideline)!;
    for (const guideline of ['CEK-01 auditing guideline 8', 'CEK-02 auditing guideline 2', 'CEK-02 auditing guideline 4', 'CEK-02 auditing guideline 10']) {
      assert.equal(statusOf(thin, guideline).status, 'not-assessed', guideline);
      assert.match(statusOf(thin, guideline).reason, /declare `actor:`/);
    }
    const customer = check('---\nkind: crypto-policy\nactor: AIC\n---\n# Key Policy\n\nKeys are rotated yearly.\n', 'p.md');
    assert.equal(statusOf(customer, 'CEK-01 auditing guideline 8').status, 'not-applicable');
    assert.match(statusOf(customer, 'CEK-01 auditing guideline 8').reason, /An AI customer \(AIC\) has no downstream tenants/);
    assert.equal(statusOf(customer, 'CEK-02 auditing guideline 10').status, 'not-met', 'an AI customer still coordinates upstream');
  });

  it('the report validates against schemas/report.schema.json, and set statuses follow the documented rule', () => {
    const inputs = documents().filter(({ result }) => result.isPolicy).map(({ name, result }) => ({ path: name, result }));
    const report = buildComplianceReport(inputs, { today: TODAY, version: '0.0.0-test', catalogFor: () => builtinCatalog() });
    const validate = new Ajv({ allErrors: true, strict: false }).compile(reportSchema);
    assert.ok(validate(report), JSON.stringify(validate.errors?.slice(0, 3)));
    const governance: GuidelineRef = { control: 'CEK-01', kind: 'auditing', number: 2 };
    const roles: GuidelineRef = { control: 'CEK-02', kind: 'auditing', number: 1 };
    assert.equal(setStatus(governance, ['met', 'not-met']), 'partial', 'every document must be approved, owned and reviewed');
    assert.equal(setStatus(roles, ['met', 'not-met']), 'met', 'one document defining the roles covers the set');
    assert.equal(setStatus(roles, ['not-applicable', 'not-applicable']), 'not-applicable');
    assert.equal(setStatus(roles, ['not-assessed', 'not-applicable']), 'not-assessed');
  });
});
