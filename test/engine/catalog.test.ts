import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import cek01 from '../../controls/CEK-01.json';
import cek02 from '../../controls/CEK-02.json';
import controlSchema from '../../schemas/control.schema.json';
import { builtinCatalog, parseCatalogFile } from '../../server/src/engine/config/catalog';
import { mergeConfig } from '../../server/src/engine/config/config';
import { checkText } from '../../server/src/engine/engine';
import { loadCatalogs } from '../../server/src/engine/config/workspace';
import { controlHover } from '../../server/src/features/controlMarkdown';
import { ROOT, TODAY } from '../helpers/ruleTester';

const fixtures = join(ROOT, 'test', 'fixtures', 'catalogs');

describe('built-in control catalog', () => {
  it('every catalog file is valid against schemas/control.schema.json', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(controlSchema);
    for (const control of [cek01, cek02]) assert.ok(validate(control), JSON.stringify(validate.errors));
  });

  it('carries the seed text: guideline counts, CAIQ questions, verbatim spot checks', () => {
    const one = builtinCatalog().get('CEK-01')!;
    const two = builtinCatalog().get('cek-02')!;
    assert.deepEqual([one.implementationGuidelines.length, one.auditingGuidelines.length, one.ccmAuditingGuidelines.length], [0, 8, 2]);
    assert.deepEqual([two.implementationGuidelines.length, two.auditingGuidelines.length, two.ccmAuditingGuidelines.length], [6, 10, 2]);
    assert.deepEqual(one.caiq.map((question) => question.id), ['CEK-01.1', 'CEK-01.2']);
    assert.equal(two.caiq[0].question, 'Are cryptography, encryption, and key management roles and responsibilities defined and implemented?');
    assert.equal(one.auditingGuidelines[1].title, 'Governance');
    assert.match(one.auditingGuidelines[1].text, /reviewed and updated at least annually/);
    assert.equal(two.implementationGuidelines[5].text, 'Review and update the policies and procedures at least annually, or when significant system, model, or regulatory changes occur.');
    assert.deepEqual(two.ownership.map((entry) => [entry.layer, entry.actors.join('+')]), [['PI', 'CSP+MP'], ['Model', 'MP'], ['Orchestrated', 'OSP+AP'], ['Application', 'AP']]);
    assert.deepEqual(two.standardsMappings.map((mapping) => mapping.gap), ['Partial Gap', 'Partial Gap', 'Full Gap', 'No Gap']);
  });

  it('resolves ids and CAIQ ids, and suggests only clear near misses', () => {
    const catalog = builtinCatalog();
    assert.equal(catalog.resolve('cek-01')?.control.id, 'CEK-01');
    assert.equal(catalog.resolve('CEK-01.2')?.caiqId, 'CEK-01.2');
    assert.equal(catalog.resolve('CEK-01.3'), undefined);
    assert.equal(catalog.resolve('CEK-03')?.control.summaryOnly, true, 'CEK-03..CEK-21: ids, titles and our own summaries');
    assert.equal(catalog.resolve('CEK-22'), undefined);
    assert.equal(catalog.suggest('CEK-1'), 'CEK-01');
    assert.equal(catalog.suggest('CEK02'), 'CEK-02');
    assert.equal(catalog.suggest('CEK-01'), undefined, 'already right');
    assert.equal(catalog.suggest('CEK-7'), 'CEK-07');
    assert.equal(catalog.suggest('CEK-23'), undefined, 'no such control');
  });
});

describe('catalogs from outside, as data', () => {
  const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');

  it('reads an OSCAL catalog: top-level controls, statement as specification, guidance kept', () => {
    const { controls, errors } = parseCatalogFile('nist-sc-oscal.json', read('nist-sc-oscal.json'));
    assert.deepEqual(errors, []);
    assert.deepEqual(controls.map((control) => control.id), ['SC-12', 'SC-13']);
    assert.equal(controls[0].specification, 'Establish and manage cryptographic keys when cryptography is employed within the system in accordance with [sc-12_odp].');
    assert.equal(controls[0].domain.title, 'System and Communications Protection');
    assert.equal(controls[0].implementationGuidelines[0].text, 'Key management can be performed manually or with automated mechanisms.');
    assert.equal(controls[1].specification, 'Determine the cryptographic uses. Implement the types of cryptography required for each use.');
  });

  it('reads STIX 2.1 control objects (one object per control)', () => {
    const { controls, errors } = parseCatalogFile('aicm-stix.json', read('aicm-stix.json'));
    assert.deepEqual(errors, []);
    assert.deepEqual(controls.map((control) => [control.id, control.title, control.domain.title]), [['CEK-03', 'Data Encryption', 'Cryptography, Encryption & Key Management']]);
  });

  it('a malformed or incomplete catalog gives a clear error naming the file', () => {
    assert.match(parseCatalogFile('malformed.json', read('malformed.json')).errors[0], /^malformed\.json: not valid JSON/);
    assert.deepEqual(parseCatalogFile('incomplete-oscal.json', read('incomplete-oscal.json')).errors, ['incomplete-oscal.json: /title must NOT have fewer than 1 characters', 'incomplete-oscal.json: /specification must NOT have fewer than 1 characters']);
    const proto = parseCatalogFile('proto.json', '{"__proto__": {"polluted": true}, "id": "X"}');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.ok(proto.errors.length > 0);
  });

  it('configured catalogs add controls to checks and hovers; a broken one never stops the built-in catalog', () => {
    const { catalog, errors } = loadCatalogs(['nist-sc-oscal.json', 'aicm-stix.json', 'malformed.json', 'missing.json'], fixtures);
    assert.deepEqual(errors.map((error) => error.split(':')[0]), ['malformed.json', 'missing.json']);
    assert.match(errors[1], /cannot read catalog \(ENOENT\)/);
    const policy = readFileSync(join(ROOT, 'examples', 'key-management-policy.yaml'), 'utf8').replace('controls: [CEK-01, CEK-02]', 'controls: [CEK-01, CEK-02, SC-12, CEK-03]');
    const result = checkText(policy, 'policy.yaml', { today: TODAY, config: mergeConfig({}), catalog });
    assert.ok(!result.findings.some((finding) => finding.rule === 'unknown-control'));
    assert.ok(checkText(policy, 'policy.yaml', { today: TODAY }).findings.some((finding) => finding.rule === 'unknown-control'), 'without the catalogs they are unknown');
    assert.match(controlHover(catalog.get('SC-12')!, ['MP']), /\*\*SC-12 · Cryptographic Key Establishment and Management\*\*/);
    assert.ok(catalog.get('CEK-01'), 'built-in controls still there');
  });
});
