import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mergeConfig } from '../../server/src/engine/config/config';
import { loadCatalogs } from '../../server/src/engine/config/workspace';
import { checkText } from '../../server/src/engine/engine';
import { buildComplianceReport } from '../../server/src/engine/report/compliance';
import { ROOT, TODAY } from '../helpers/ruleTester';

/**
 * Adding a control is data: a made-up pack folder (test/fixtures/packs/CEK-22) and a user catalog whose control
 * carries requirement definitions and concepts (test/fixtures/catalogs/org-controls.json), both named in
 * `catalogs:`, are judged like the built-in packs, and reported by control-requirement-missing. Nothing is executed.
 */
const { catalog, errors } = loadCatalogs(['packs/CEK-22', 'catalogs/org-controls.json'], join(ROOT, 'test', 'fixtures'));

function policy(body: string): string {
  return `---\nkind: crypto-policy\nactor: CSP\n---\n# Cryptography Policy\n\n## Key Management\n\n${body}\n`;
}

describe('control-requirement-missing: a made-up pack and a user catalog with data-only definitions', () => {
  it('both load without errors and become judged controls', () => {
    assert.deepEqual(errors, []);
    assert.deepEqual(catalog.packs().map((pack) => pack.control.id), ['CEK-22', 'ORG-07']);
    const result = checkText(policy('Keys are stored in the HSM.'), 'policy.md', { today: TODAY, catalog });
    assert.deepEqual(result.controls.slice(-2).map((control) => [control.control, control.status, control.basis]), [['CEK-22', 'not-met', 'catalog'], ['ORG-07', 'not-met', 'catalog']]);
  });

  it('met, partial and not met from the statements, with evidence', () => {
    const met = checkText(policy('Keys are escrowed with our external auditor. Escrowed keys are released only on a court order.\n\nEvery exception is recorded in the exceptions register and expires after 90 days.'), 'policy.md', { today: TODAY, catalog });
    const cek22 = met.controls.find((control) => control.control === 'CEK-22')!;
    assert.equal(cek22.status, 'met', cek22.reason);
    assert.equal(met.document.text.slice(cek22.evidence[0].span.start, cek22.evidence[0].span.end), 'Keys are escrowed with our external auditor.');
    assert.equal(met.controls.find((control) => control.control === 'ORG-07')!.status, 'met');
    assert.deepEqual(met.findings.filter((finding) => finding.rule === 'control-requirement-missing'), []);
    const partial = checkText(policy('Keys are escrowed with our external auditor.'), 'policy.md', { today: TODAY, catalog });
    assert.equal(partial.controls.find((control) => control.control === 'CEK-22')!.status, 'partial');
  });

  it('reports each unmet user control on its own, citing its requirement; config controls: can leave one out', () => {
    const text = policy('Keys are escrowed with our external auditor.');
    const result = checkText(text, 'policy.md', { today: TODAY, catalog });
    const findings = result.findings.filter((finding) => finding.rule === 'control-requirement-missing');
    assert.deepEqual(findings.map((finding) => [finding.control, finding.guidelines.map((ref) => `${ref.control} ${ref.kind} ${ref.number}`).join()]), [['CEK-22', 'CEK-22 requirement 1'], ['ORG-07', 'ORG-07 requirement 1']]);
    assert.match(findings[0].message, /^CEK-22 Key Escrow Disclosure: only partly addressed \(the policy has the escrow party\): no condition for releasing escrowed keys\./);
    // A user control names no section: its finding goes on the policy's own heading, never on line 1.
    const title = text.indexOf('Cryptography Policy');
    for (const finding of findings) assert.deepEqual(finding.span, { start: title, end: title + 'Cryptography Policy'.length });
    const narrowed = checkText(text, 'policy.md', { today: TODAY, catalog, config: mergeConfig({ controls: ['CEK-13', 'ORG-07'] }) });
    assert.deepEqual(narrowed.controls.map((control) => control.control), ['CEK-13', 'ORG-07']);
  });

  it('the report carries them with status, requirements, evidence and the text\'s origin', () => {
    const result = checkText(policy('Keys are escrowed with our external auditor.'), 'policy.md', { today: TODAY, catalog });
    const report = buildComplianceReport([{ path: 'policy.md', result }], { today: TODAY, version: '0.0.0', catalogFor: () => catalog });
    const entry = report.documents[0].controls.find((control) => control.control === 'CEK-22')!;
    assert.equal(entry.status, 'partial');
    assert.equal(entry.requirements![0].kind, 'requirement');
    assert.equal(entry.evidence![0].text, 'Keys are escrowed with our external auditor.');
    assert.deepEqual(entry.text, { source: 'catalog', framework: 'Example framework', edition: '0.1', specification: 'A made-up control for tests: the policy says whether keys are escrowed with a third party, and who may ask for them.' });
  });

  it('a definition that is not data of the right shape is refused with its path', () => {
    const bad = loadCatalogs(['catalogs/malformed.json'], join(ROOT, 'test', 'fixtures'));
    assert.match(bad.errors[0], /not valid JSON/);
  });
});
