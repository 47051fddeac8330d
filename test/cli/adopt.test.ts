import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type * as Sarif from 'sarif';
import { parseConfigText } from '../../server/src/engine/config/config';
import { TODAY, edit } from '../helpers/ruleTester';
import { cli, findingsOf, gap, policy, workspace } from './helpers';

/** Two errors: no owner, and a 24-month review interval. */
const twoGaps = edit(gap, 'interval_months: 12', 'interval_months: 24');

describe('baseline: adopting the checker on existing policies (CLI process)', () => {
  it('--baseline-write records today\'s findings; later runs report only new ones, with a line saying how many are held', () => {
    const dir = workspace({ '.cekpolicy.yaml': 'today: 2026-11-24\n', 'policies/a.yaml': twoGaps, 'policies/b.yaml': policy });
    const write = cli(['check', '.', '--baseline-write'], dir);
    assert.equal(write.code, 0, 'what is recorded no longer fails the run');
    assert.equal(write.stderr, 'cek-policy: baseline: 2 findings recorded in .cekpolicy-baseline.json; later runs report only new ones\n');
    const baseline = JSON.parse(readFileSync(join(dir, '.cekpolicy-baseline.json'), 'utf8'));
    assert.equal(baseline.tool, 'cek-policy');
    assert.deepEqual(Object.keys(baseline.files), ['policies/a.yaml'], 'paths relative to the baseline, with /');
    assert.deepEqual(Object.keys(baseline.files['policies/a.yaml']).sort(), ['owner-missing', 'review-interval-too-long']);
    assert.equal(baseline.files['policies/a.yaml']['owner-missing'].count, 1);
    assert.match(Object.keys(baseline.files['policies/a.yaml']['owner-missing'].fingerprints)[0], /^[0-9a-f]{16}$/);

    // Found beside the configuration, from a subfolder too.
    const again = cli(['check', '.'], join(dir, 'policies'));
    assert.equal(again.code, 0);
    assert.match(again.stdout, /^✔ no problems in 2 policies; 2 baselined\n$/);
    assert.equal(again.stderr, `cek-policy: baseline: 2 findings held by ${join('..', '.cekpolicy-baseline.json')} (not reported; --baseline-write records the current ones)\n`);

    // Lines move above a finding: still held (the fingerprint is of the flagged text, not its line).
    writeFileSync(join(dir, 'policies', 'a.yaml'), `# moved down\n# two lines\n${twoGaps}`);
    assert.equal(cli(['check', '.'], dir).code, 0);

    // A new finding, and a changed one, are reported; the rest stay held.
    writeFileSync(join(dir, 'policies', 'a.yaml'), edit(twoGaps, 'interval_months: 24', 'interval_months: 36'));
    writeFileSync(join(dir, 'policies', 'b.yaml'), gap);
    const json = cli(['check', '.', '--format', 'json'], dir);
    assert.equal(json.code, 1);
    assert.deepEqual(findingsOf(json).map((finding) => `${finding.file} ${finding.rule}`), [`${join('policies', 'a.yaml')} review-interval-too-long`, `${join('policies', 'b.yaml')} owner-missing`]);
    const results = JSON.parse(json.stdout) as { suppressedMessages: { ruleId: string; suppressions: { kind: string }[] }[] }[];
    assert.deepEqual(results[0].suppressedMessages.map((message) => [message.ruleId, message.suppressions[0].kind]), [['owner-missing', 'baseline']], 'JSON marks what the baseline holds');
    assert.equal(json.stderr, 'cek-policy: baseline: 1 finding held by .cekpolicy-baseline.json (not reported; --baseline-write records the current ones)\n');
  });

  it('SARIF marks held findings as suppressed (external) and every result as new or unchanged', () => {
    const dir = workspace({ 'a.yaml': twoGaps });
    cli(['check', '.', '--baseline-write', 'ci/baseline.json', '--today', TODAY], dir);
    writeFileSync(join(dir, 'b.yaml'), gap);
    const result = cli(['check', '.', '--baseline', 'ci/baseline.json', '--format', 'sarif', '--today', TODAY], dir);
    assert.equal(result.code, 1);
    const results = (JSON.parse(result.stdout) as Sarif.Log).runs[0].results!;
    const summary = results.map((entry) => `${entry.locations![0].physicalLocation!.artifactLocation!.uri} ${entry.ruleId} ${entry.baselineState} ${entry.suppressions?.[0].kind ?? '-'}`);
    assert.deepEqual(summary.sort(), ['a.yaml owner-missing unchanged external', 'a.yaml review-interval-too-long unchanged external', 'b.yaml owner-missing new -']);
  });

  it('--baseline-write takes a FILE only when it is a .json file; another word is a path to check', () => {
    const dir = workspace({ 'policies/a.yaml': gap, 'other/b.yaml': gap });
    const result = cli(['check', '--baseline-write', 'policies', '--today', TODAY], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(join(dir, '.cekpolicy-baseline.json'), 'utf8')).files), ['policies/a.yaml'], 'only the folder named was checked');
  });

  it('a baseline named but missing or not a baseline stops the run (exit 2); --baseline with --baseline-write is refused', () => {
    const dir = workspace({ 'a.yaml': gap, 'bad.json': '{"files": []}' });
    const missing = cli(['check', '.', '--baseline', 'none.json'], dir);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'cek-policy: cannot read the baseline none.json: no such file or directory\n');
    const bad = cli(['check', '.', '--baseline', 'bad.json'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^cek-policy: cannot use the baseline bad\.json: it is not a cek-policy baseline/);
    assert.equal(cli(['check', '.', '--baseline', 'x.json', '--baseline-write'], dir).code, 2);
  });

  it('counts per fingerprint: a second identical finding is new', () => {
    const dir = workspace({ 'a.yaml': gap });
    cli(['check', '.', '--baseline-write', '--today', TODAY], dir);
    const file = join(dir, '.cekpolicy-baseline.json');
    const baseline = JSON.parse(readFileSync(file, 'utf8'));
    const [fingerprint] = Object.keys(baseline.files['a.yaml']['owner-missing'].fingerprints);
    baseline.files['a.yaml']['owner-missing'].fingerprints[fingerprint] = 0;
    writeFileSync(file, JSON.stringify(baseline));
    assert.equal(cli(['check', '.', '--today', TODAY], dir).code, 2, 'a count below 1 is refused');
    baseline.files['a.yaml']['owner-missing'].fingerprints = { [fingerprint.replace(/^./, (c) => (c === '0' ? '1' : '0'))]: 1 };
    writeFileSync(file, JSON.stringify(baseline));
    assert.equal(cli(['check', '.', '--today', TODAY], dir).code, 1, 'another fingerprint holds nothing');
  });
});

describe('cek-policy init (CLI process)', () => {
  it('writes a commented .cekpolicy.yaml listing the policies, the actor they agree on, the controls and the profiles', () => {
    const dir = workspace({ 'policies/kms.yaml': policy, 'policies/hsm.yaml': edit(policy, 'id: POL-KM-01', 'id: POL-KM-02'), 'README.md': '# Readme\n', 'compose.yaml': 'services: {}\n' });
    const result = cli(['init'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, 'cek-policy: wrote .cekpolicy.yaml (2 policies found, listed in its comments); `cek-policy check .` checks with it\n');
    const text = readFileSync(join(dir, '.cekpolicy.yaml'), 'utf8');
    assert.match(text, /^# Policies found here \(2\):\n# {3}policies\/hsm\.yaml {2}actor MP \(declared\)\n# {3}policies\/kms\.yaml {2}actor MP \(declared\)\n/m);
    assert.match(text, /^actor: MP$/m);
    assert.match(text, /^extends: recommended$/m);
    assert.match(text, /^# {3}CEK-01 {2}Encryption and Key Management Policy and Procedures$/m);
    assert.match(text, /^# Cryptography profile: .*nist, cnsa-2\.0, bsi-tr-02102-1/m);
    assert.ok(!/README|compose/.test(text), 'files that are not policies are not listed');
    // A valid configuration, in effect at once.
    const parsed = parseConfigText(text, { ruleIds: [] });
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.extends.map((entry) => entry.name), ['recommended']);
    assert.equal(cli(['check', '.', '--today', TODAY], dir).code, 0);
    assert.deepEqual(JSON.parse(cli(['check', '--print-config', 'policies/kms.yaml'], dir).stdout).actor, ['MP']);
  });

  it('refuses to replace a configuration unless --force', () => {
    const dir = workspace({ '.cekpolicy.yml': 'rules: {}\n', 'p.yaml': policy });
    const refused = cli(['init'], dir);
    assert.equal(refused.code, 2);
    assert.equal(refused.stderr, 'cek-policy: .cekpolicy.yml exists already here; --force replaces it\n');
    const forced = cli(['init', '--force'], dir);
    assert.equal(forced.code, 0);
    assert.match(forced.stderr, /warning: \.cekpolicy\.yml is still here: keep one configuration file per folder/);
    const yaml = workspace({ '.cekpolicy.yaml': 'actor: CSP\n' });
    assert.equal(cli(['init'], yaml).code, 2);
    assert.equal(readFileSync(join(yaml, '.cekpolicy.yaml'), 'utf8'), 'actor: CSP\n', 'untouched');
    assert.equal(cli(['init', '--force'], yaml).code, 0);
    assert.match(readFileSync(join(yaml, '.cekpolicy.yaml'), 'utf8'), /^# cek-policy configuration/);
  });

  it('with --force, the files: globs of the configuration it replaces still say which files are policies', () => {
    const dir = workspace({ '.cekpolicy.yaml': 'files: ["notes/*.md"]\n', 'notes/keys.md': '# Notes\n\nWe keep keys.\n', 'other.md': '# Notes\n' });
    assert.equal(cli(['init', '--force'], dir).code, 0);
    const text = readFileSync(join(dir, '.cekpolicy.yaml'), 'utf8');
    assert.match(text, /^# Policies found here \(1\):\n# {3}notes\/keys\.md {2}.*; matched by files:$/m);
  });

  it('an empty folder gets the commented template with no actor set; a hostile file name stays inside its comment', () => {
    const empty = workspace({});
    assert.equal(cli(['init'], empty).code, 0);
    const text = readFileSync(join(empty, '.cekpolicy.yaml'), 'utf8');
    assert.match(text, /^# No policy found here yet/m);
    assert.match(text, /^# actor: MP$/m);
    assert.deepEqual(parseConfigText(text).problems, []);
    const hostile = workspace({ 'x\nactor: AIC\n#.yaml': policy, 'other.yaml': edit(policy, 'actor: MP', 'actor: CSP') });
    assert.equal(cli(['init'], hostile).code, 0);
    const written = readFileSync(join(hostile, '.cekpolicy.yaml'), 'utf8');
    const parsed = parseConfigText(written);
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.config.actor, undefined, 'the policies disagree (MP, CSP): no actor set, and none injected by a file name');
    assert.match(written, /^# {3}"x\\nactor: AIC\\n#\.yaml" {2}actor MP \(declared\)$/m);
  });
});
