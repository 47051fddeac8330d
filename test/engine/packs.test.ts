import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import controlSchema from '../../schemas/control.schema.json';
import packSchema from '../../schemas/control-pack.schema.json';
import { builtinCatalog, parseCatalogFile } from '../../server/src/engine/config/catalog';
import { csaCatalogFiles, loadCatalogs } from '../../server/src/engine/config/workspace';
import { builtinPacks, DOMAIN_CONTROL_IDS } from '../../server/src/engine/packs/registry';
import { controlHover, controlPage } from '../../server/src/features/controlMarkdown';
import { ROOT } from '../helpers/ruleTester';

/** The parts every pack folder holds; a missing one is named. */
export const PACK_PARTS = ['control.json', 'requirements.json', 'concepts.json', 'README.md', 'tests.json'];

export function packProblems(folder: string): string[] {
  return PACK_PARTS.filter((part) => !existsSync(join(folder, part))).map((part) => `${folder}: no ${part}`);
}

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(controlSchema, 'control.schema.json');
ajv.addSchema(packSchema, 'control-pack.schema.json');
const fixtures = join(ROOT, 'test', 'fixtures', 'catalogs');

describe('control pack registry (controls/packs.json)', () => {
  const listed = (JSON.parse(readFileSync(join(ROOT, 'controls', 'packs.json'), 'utf8')) as { packs: string[] }).packs;

  it('lists every pack folder, in domain order, and the engine loads exactly those', () => {
    const folders = readdirSync(join(ROOT, 'controls'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    assert.deepEqual(listed, folders);
    assert.deepEqual(builtinPacks().map((pack) => pack.control.id), listed);
    assert.deepEqual(listed, DOMAIN_CONTROL_IDS.slice(2), 'CEK-03 to CEK-21');
  });

  it('every pack has every part, and the check names a missing one', () => {
    for (const id of listed) assert.deepEqual(packProblems(join(ROOT, 'controls', id)), []);
    assert.deepEqual(packProblems(join(ROOT, 'test', 'fixtures', 'packs', 'CEK-22')), ['test/fixtures/packs/CEK-22: no README.md', 'test/fixtures/packs/CEK-22: no tests.json'].map((problem) => join(ROOT, problem).replace(/\\/g, '/').replace(`${ROOT.replace(/\\/g, '/')}/`, `${ROOT}/`)));
  });

  it('every part validates against its schema, and every concept an element names exists', () => {
    for (const id of listed) {
      const read = (part: string) => JSON.parse(readFileSync(join(ROOT, 'controls', id, part), 'utf8')) as Record<string, unknown>;
      for (const [part, ref] of [['control.json', 'control'], ['requirements.json', 'requirementsFile'], ['concepts.json', 'conceptsFile']]) {
        const valid = ajv.validate(`control-pack.schema.json#/definitions/${ref}`, read(part));
        assert.ok(valid, `${id}/${part}: ${ajv.errorsText()}`);
      }
      const pack = builtinPacks().find((candidate) => candidate.control.id === id)!;
      for (const requirement of pack.requirements) {
        const names = [...requirement.elements.flatMap((element) => element.concepts ?? []), ...(requirement.partial ?? []).flatMap((partial) => partial.concepts)];
        for (const name of names) {
          const [owner, concept] = name.includes(':') ? name.split(':') : [id, name];
          assert.ok(builtinPacks().find((candidate) => candidate.control.id === owner)?.concepts[concept], `${id}: concept ${name} exists`);
        }
      }
    }
  });

  it('the engine\'s import list is current with controls/packs.json (`npm run gen:packs`)', async () => {
    const { renderBuiltinPacks } = await import(pathToFileURL(join(ROOT, 'scripts', 'gen-packs.mjs')).href) as { renderBuiltinPacks: () => string };
    assert.equal(readFileSync(join(ROOT, 'server', 'src', 'engine', 'packs', 'builtinPacks.generated.ts'), 'utf8'), renderBuiltinPacks());
  });

  it('ships ids, titles (AICM 1.1.0), edition and our own summaries, never CSA text, for CEK-03..CEK-21', () => {
    const titles: Record<string, string> = {
      'CEK-03': 'Data Protection', 'CEK-04': 'Encryption Algorithm', 'CEK-05': 'Encryption Change Management', 'CEK-06': 'Encryption Change Cost Benefit Analysis',
      'CEK-07': 'Encryption Risk Management', 'CEK-08': 'Service Customer Key Management Capability', 'CEK-09': 'Encryption and Key Management Audit',
      'CEK-10': 'Key Generation', 'CEK-11': 'Key Purpose', 'CEK-12': 'Key Rotation', 'CEK-13': 'Key Revocation', 'CEK-14': 'Key Destruction', 'CEK-15': 'Key Activation',
      'CEK-16': 'Key Suspension', 'CEK-17': 'Key Deactivation', 'CEK-18': 'Key Archival', 'CEK-19': 'Key Compromise', 'CEK-20': 'Key Recovery', 'CEK-21': 'Key Inventory Management',
    };
    for (const pack of builtinPacks()) {
      assert.equal(pack.control.title, titles[pack.control.id]);
      assert.equal(pack.control.edition, '1.1.0');
      const control = builtinCatalog().get(pack.control.id)!;
      assert.equal(control.summaryOnly, true);
      assert.deepEqual([control.auditingGuidelines, control.implementationGuidelines, control.caiq], [[], [], []], 'no CSA guidelines or CAIQ text shipped');
      assert.match(controlHover(control, []), /cek-policy's summary, not CSA's text/);
    }
    assert.deepEqual(builtinPacks().find((pack) => pack.control.id === 'CEK-08')!.control.formerTitles!.map((former) => former.title), ['CSC Key Management Capability', 'Customer Key Management Capability']);
  });
});

describe('CSA\'s catalog as the user downloads it', () => {
  it('reads the x-control objects of CSA\'s folder layout, newest edition, with framework, edition and guidelines', () => {
    const layout = join(fixtures, 'csa-layout');
    assert.deepEqual(csaCatalogFiles(layout).map((file) => file.slice(layout.length + 1).replace(/\\/g, '/')), [
      'objects/x-control/cloudsecurityalliance.org/aicm/1.1.0/CEK-03.json', 'objects/x-control/cloudsecurityalliance.org/aicm/1.1.0/CEK-13.json',
      'objects/x-control/cloudsecurityalliance.org/aicm-caiq/1.1.0/CEK-13.1.json',
    ]);
    const { catalog, errors } = loadCatalogs(['csa-layout'], fixtures);
    assert.deepEqual(errors, []);
    const cek13 = catalog.get('CEK-13')!;
    assert.deepEqual([cek13.title, cek13.framework, cek13.edition, cek13.summaryOnly], ['Key Revocation', 'CSA AICM', '1.1.0', undefined]);
    assert.match(cek13.specification, /^TEST FIXTURE TEXT for CEK-13/);
    assert.deepEqual(cek13.auditingGuidelines.map((guideline) => guideline.number), [1, 2]);
    assert.equal(cek13.auditingGuidelines[1].text, 'TEST FIXTURE guideline two of CEK-13, continued on a second line.');
    const hover = controlHover(cek13, []);
    assert.match(hover, /TEST FIXTURE TEXT for CEK-13/);
    assert.doesNotMatch(hover, /cek-policy's summary/);
    assert.match(controlPage(cek13), /CSA AICM 1\.1\.0/);
    assert.deepEqual(cek13.caiq, [{ id: 'CEK-13.1', question: 'TEST FIXTURE QUESTION for CEK-13.1: stands in for the CAIQ question of your licensed copy?' }]);
    assert.equal(catalog.resolve('CEK-13.1')?.caiqId, 'CEK-13.1');
    // Our requirement summary still names what is judged, and the pack still judges CEK-13.
    assert.equal(catalog.guideline({ control: 'CEK-13', kind: 'requirement', number: 1 })?.text, builtinCatalog().get('CEK-13')!.requirements![0].text);
  });

  it('a folder without the layout is reported, not read', () => {
    const { errors } = loadCatalogs(['packs-missing'], join(ROOT, 'test', 'fixtures'));
    assert.match(errors[0], /cannot read catalog|without CSA's catalog layout/);
    assert.match(loadCatalogs(['.'], join(ROOT, 'test', 'fixtures', 'packs')).errors[0], /a folder without CSA's catalog layout/);
  });

  it('an earlier edition of the same id is reported, not merged in silence', () => {
    const { controls } = parseCatalogFile('ccm-4.0-CEK-03.json', readFileSync(join(fixtures, 'ccm-4.0-CEK-03.json'), 'utf8'));
    assert.deepEqual([controls[0].framework, controls[0].edition, controls[0].title], ['CSA CCM', '4.0', 'Data Encryption']);
    const { catalog, errors } = loadCatalogs(['ccm-4.0-CEK-03.json'], fixtures);
    assert.deepEqual(errors, ['ccm-4.0-CEK-03.json: CEK-03 is CSA CCM 4.0 ("Data Encryption"); cek-policy judges CEK-03 by its CSA AICM 1.1.0 pack ("Data Protection"). Hovers and reports show your text with its edition.']);
    assert.equal(catalog.get('CEK-03')!.edition, '4.0');
    const both = loadCatalogs(['ccm-4.0-CEK-03.json', 'csa-layout'], fixtures);
    assert.ok(both.errors.some((error) => /CEK-03 is edition 1\.1\.0 but ccm-4\.0-CEK-03\.json gave edition 4\.0/.test(error)), both.errors.join('\n'));
  });
});
