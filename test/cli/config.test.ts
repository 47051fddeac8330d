import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, TODAY, edit } from '../helpers/ruleTester';
import { cli, findingsOf, gap, policy, workspace } from './helpers';

/** One warning (approval-evidence-missing), no error. */
const warningOnly = edit(policy, ', evidence: "RC-2026-05 minutes" }', ' }');

function ownerSeverity(dir: string, file = 'p.yaml'): string | undefined {
  return findingsOf(cli(['check', file, '--format', 'json', '--today', TODAY], dir)).find((finding) => finding.rule === 'owner-missing')?.severity;
}

describe('configuration files as linters have them (CLI process)', () => {
  it('.cekpolicy.yml and .cekpolicy.json are read like .cekpolicy.yaml', () => {
    assert.equal(ownerSeverity(workspace({ 'p.yaml': gap })), 'error', 'without a config');
    assert.equal(ownerSeverity(workspace({ '.cekpolicy.yml': 'rules:\n  owner-missing: info\n', 'p.yaml': gap })), 'info');
    assert.equal(ownerSeverity(workspace({ '.cekpolicy.json': '{ "rules": { "owner-missing": "warn" } }\n', 'sub/p.yaml': gap }), 'sub/p.yaml'), 'warning', 'found upward, as .yaml is');
    const broken = cli(['check', 'p.yaml'], workspace({ '.cekpolicy.json': '{ "rules": { "owner-missing": "sometimes" } }\n', 'p.yaml': gap }));
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /^\.cekpolicy\.json:1:31: config error: `rules\.owner-missing` must be one of /);
  });

  it('two configuration files in one folder are an error that names them', () => {
    const dir = workspace({ '.cekpolicy.yaml': 'rules: { owner-missing: off }\n', '.cekpolicy.json': '{}\n', 'p.yaml': gap });
    const result = cli(['check', 'p.yaml', '--today', TODAY], dir);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, `.cekpolicy.yaml:1:1: config error: More than one configuration file in ${dir}: .cekpolicy.yaml, .cekpolicy.json; keep one (which one applies would be a guess).\n`);
  });

  it('severities: off, info, warn, warning, error and ESLint\'s 0, 1, 2', () => {
    const cases: [string, string | undefined][] = [['off', undefined], ['0', undefined], ['info', 'info'], ['warn', 'warning'], ['warning', 'warning'], ['1', 'warning'], ['error', 'error'], ['2', 'error']];
    for (const [written, expected] of cases) {
      assert.equal(ownerSeverity(workspace({ '.cekpolicy.yaml': `rules:\n  owner-missing: ${written}\n`, 'p.yaml': gap })), expected, written);
    }
    const three = cli(['check', 'p.yaml'], workspace({ '.cekpolicy.yaml': 'rules:\n  owner-missing: 3\n', 'p.yaml': gap }));
    assert.equal(three.code, 2);
    assert.match(three.stderr, /`rules\.owner-missing` must be one of error, warning, warn, info, off, 2, 1, 0; it is ignored/);
  });

  describe('extends', () => {
    it('the strict preset makes warnings errors; recommended keeps the rules\' own severities', () => {
      assert.equal(cli(['check', 'p.yaml', '--today', TODAY], workspace({ '.cekpolicy.yaml': 'extends: recommended\n', 'p.yaml': warningOnly })).code, 0);
      const strict = cli(['check', 'p.yaml', '--format', 'json', '--today', TODAY], workspace({ '.cekpolicy.yaml': 'extends: strict\n', 'p.yaml': warningOnly }));
      assert.equal(strict.code, 1);
      assert.deepEqual(findingsOf(strict).map((finding) => `${finding.rule} ${finding.severity}`), ['approval-evidence-missing error']);
      // A severity set in rules: wins over the preset.
      const set = workspace({ '.cekpolicy.yaml': 'extends: [strict]\nrules: { approval-evidence-missing: warn }\n', 'p.yaml': warningOnly });
      assert.equal(cli(['check', 'p.yaml', '--today', TODAY], set).code, 0);
    });

    it('a preset file, relative to the configuration, applies first; the configuration\'s own settings win', () => {
      const dir = workspace({
        'shared/base.yaml': 'actor: CSP\nrules:\n  owner-missing: info\n  approval-evidence-missing: off\n',
        'team/.cekpolicy.yaml': 'extends: ../shared/base.yaml\nrules:\n  owner-missing: warn\n',
        'team/p.yaml': gap,
      });
      assert.equal(ownerSeverity(join(dir, 'team')), 'warning');
      const printed = JSON.parse(cli(['check', '--print-config', 'p.yaml'], join(dir, 'team')).stdout);
      assert.deepEqual(printed.actor, ['CSP']);
      assert.deepEqual(printed.rules, { 'owner-missing': 'warning', 'approval-evidence-missing': 'off' });
    });

    it('a cycle, an unknown preset, a missing file and a problem inside the extended file are config errors at the entry', () => {
      const cycle = workspace({ '.cekpolicy.yaml': 'extends: ./a.yaml\n', 'a.yaml': 'extends: ./b.yaml\n', 'b.yaml': 'extends: ./.cekpolicy.yaml\n', 'p.yaml': gap });
      const looped = cli(['check', 'p.yaml'], cycle);
      assert.equal(looped.code, 2);
      assert.equal(looped.stderr, '.cekpolicy.yaml:1:10: config error: In "./a.yaml" (line 1, column 10): In "./b.yaml" (line 1, column 10): `extends` "./.cekpolicy.yaml" leads back to a configuration that extends it (a cycle); it is ignored.\n');
      const unknown = cli(['check', 'p.yaml'], workspace({ '.cekpolicy.yaml': 'extends: [recommended, stricter]\n', 'p.yaml': gap }));
      assert.equal(unknown.stderr, '.cekpolicy.yaml:1:24: config error: `extends` names "stricter", which is neither a preset (recommended, strict) nor a path to a configuration file (starting with ./ or ../), nor an installed package (node_modules/stricter) holding cekpolicy.yaml, cekpolicy.yml, cekpolicy.json; it is ignored.\n');
      const notAName = cli(['check', 'p.yaml'], workspace({ '.cekpolicy.yaml': 'extends: "Strict Mode"\n', 'p.yaml': gap }));
      assert.equal(notAName.stderr, '.cekpolicy.yaml:1:10: config error: `extends` names "Strict Mode", which is neither a preset (recommended, strict) nor a path to a configuration file (starting with ./ or ../); it is ignored.\n');
      const missing = cli(['check', 'p.yaml'], workspace({ '.cekpolicy.yaml': 'extends: ./nowhere.yaml\n', 'p.yaml': gap }));
      assert.equal(missing.stderr, '.cekpolicy.yaml:1:10: config error: `extends` "./nowhere.yaml": cannot read it (ENOENT); it is ignored.\n');
      const inner = cli(['check', 'p.yaml'], workspace({ '.cekpolicy.yaml': '# team settings\nextends: ./base.yaml\n', 'base.yaml': 'rules:\n  owner-missing: sometimes\n', 'p.yaml': gap }));
      assert.equal(inner.code, 2);
      assert.match(inner.stderr, /^\.cekpolicy\.yaml:2:10: config error: In "\.\/base\.yaml" \(line 2, column 18\): `rules\.owner-missing` must be one of /);
    });

    it('a package in node_modules, found upward as Node finds it: its cekpolicy.yaml, or a file named inside it, read as data', () => {
      const dir = workspace({
        'node_modules/@acme/cek-config/cekpolicy.yaml': 'rules:\n  owner-missing: info\n',
        'node_modules/@acme/cek-config/strict.json': '{ "warnings_as_errors": true, "rules": { "owner-missing": "warn" } }\n',
        'node_modules/@acme/cek-config/index.js': 'throw new Error("never run")\n',
        'node_modules/@acme/cek-config/package.json': '{ "name": "@acme/cek-config", "main": "index.js" }\n',
        'team/.cekpolicy.yaml': 'extends: "@acme/cek-config"\n',
        'team/p.yaml': gap,
        'other/.cekpolicy.yaml': 'extends: [recommended, "@acme/cek-config/strict.json"]\n',
        'other/p.yaml': gap,
        'none/.cekpolicy.yaml': 'extends: "@acme/missing"\n',
        'none/p.yaml': gap,
      });
      assert.equal(ownerSeverity(join(dir, 'team')), 'info');
      assert.equal(ownerSeverity(join(dir, 'other')), 'warning');
      assert.equal(JSON.parse(cli(['check', '--print-config', 'p.yaml'], join(dir, 'other')).stdout).warnings_as_errors, true);
      const missing = cli(['check', 'p.yaml'], join(dir, 'none'));
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /nor an installed package \(node_modules\/@acme\/missing\) holding cekpolicy\.yaml/);
    });

    it('an extended file is read as data: a FIFO or a device is refused, never read', () => {
      const dir = workspace({ '.cekpolicy.yaml': 'extends: ../../../../../../../../dev/zero\n', 'p.yaml': gap });
      const result = cli(['check', 'p.yaml'], dir);
      assert.equal(result.signal, null);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /config error: In "\.\.\/.*dev\/zero" \(line 1, column 1\): Not a regular file \(a character device\)/);
    });
  });

  describe('--print-config FILE', () => {
    it('prints the resolved configuration for that file as JSON, which is itself a valid .cekpolicy.json', () => {
      const dir = workspace({ '.cekpolicy.yaml': 'extends: strict\nactor: MP\nrules: { byok-missing: 1 }\nreview: { due_soon_days: 45 }\n', 'policies/p.yaml': gap });
      const result = cli(['check', '--print-config', 'policies/p.yaml', '--today', TODAY], dir);
      assert.equal(result.code, 0, result.stderr);
      const printed = JSON.parse(result.stdout);
      assert.deepEqual(printed, {
        today: TODAY,
        actor: ['MP'],
        files: [],
        catalogs: [],
        rules: { 'byok-missing': 'warning' },
        review: { max_interval_months: 12, due_soon_days: 45 },
        roles: { review_months: 12, training_months: 12 },
        duties: { add: [], remove: [] },
        warnings_as_errors: true,
      });
      // Written as a configuration elsewhere, it resolves to the same.
      const copy = workspace({ '.cekpolicy.json': result.stdout });
      assert.deepEqual(JSON.parse(cli(['check', '--print-config', 'any.md'], copy).stdout), printed);
    });

    it('without a configuration it prints the defaults; a broken one is reported (exit 2)', () => {
      const none = cli(['check', '--print-config', 'p.yaml'], workspace({}));
      assert.equal(none.code, 0);
      assert.equal(JSON.parse(none.stdout).warnings_as_errors, false);
      const broken = cli(['check', '--print-config', 'p.yaml'], workspace({ '.cekpolicy.yaml': 'actor: XP\n' }));
      assert.equal(broken.code, 2);
      assert.match(broken.stderr, /^\.cekpolicy\.yaml:1:8: config error: `actor` must be one of/);
    });
  });

  it('the configuration schema (editors validate with it) accepts what the CLI accepts', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'cekpolicy-config.schema.json'), 'utf8'));
    assert.deepEqual(schema.properties.rules.additionalProperties.enum, ['error', 'warning', 'warn', 'info', 'off', 2, 1, 0]);
    assert.ok(schema.properties.extends && schema.properties.warnings_as_errors);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.configuration.properties['cekPolicy.rules'].additionalProperties.enum, ['error', 'warning', 'warn', 'info', 'off', 2, 1, 0]);
  });
});
