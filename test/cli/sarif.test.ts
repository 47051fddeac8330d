import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { rules } from '../../server/src/engine/rules';
import { ROOT, TODAY, edit } from '../helpers/ruleTester';
import { CLI, cli, gap, policy, workspace } from './helpers';

/**
 * The SARIF 2.1.0 schema (final, with the errata01 corrections) as Microsoft's SARIF SDK ships it in the npm
 * package @microsoft/sarif-multitool-linux@5.7.0 (MIT); see fixtures/README.md. Formats (uri, date-time) are checked.
 */
const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'cli', 'fixtures', 'sarif-2.1.0.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function sarif(args: string[], cwd: string): { log: Sarif.Log; run: Sarif.Run; code: number | null } {
  const result = cli(['check', '--format', 'sarif', '--today', TODAY, ...args], cwd);
  const log = JSON.parse(result.stdout) as Sarif.Log;
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5)));
  return { log, run: log.runs[0], code: result.code };
}

function fingerprints(run: Sarif.Run): string[] {
  return run.results!.map((result) => `${result.ruleId} ${result.partialFingerprints!.primaryLocationLineHash}`).sort();
}

describe('SARIF for GitHub code scanning (CLI process)', () => {
  it('the examples validate against the SARIF 2.1.0 schema, with every rule described', () => {
    const { run, code } = sarif(['examples', '--sarif-category', 'cek-policy/examples'], ROOT);
    assert.equal(code, 1, 'the gap examples have errors');
    assert.equal(run.tool.driver.name, 'cek-policy');
    assert.deepEqual(run.tool.driver.rules!.map((rule) => rule.id), rules.map((rule) => rule.id));
    assert.ok(run.results!.length > 10);
    for (const result of run.results!) {
      assert.equal(run.tool.driver.rules![result.ruleIndex!].id, result.ruleId);
      assert.match(result.partialFingerprints!.primaryLocationLineHash, /^[0-9a-f]{16}:\d+$/);
    }
  });

  it('URIs are relative to the repository root with a uriBaseId, whatever the working directory', () => {
    const dir = workspace({ 'policies/gaps/kms.yaml': gap, 'policies/ok.yaml': policy, 'README.md': '# Readme\n', 'compose.yaml': 'services: {}\n' }, { git: true });
    const { run } = sarif(['.'], join(dir, 'policies'));
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(dir).href + '/' } });
    assert.deepEqual(run.invocations![0].workingDirectory, { uri: pathToFileURL(join(dir, 'policies')).href + '/' });
    assert.equal(run.invocations![0].executionSuccessful, true);
    const uris = run.results!.map((result) => result.locations![0].physicalLocation!.artifactLocation);
    assert.ok(uris.length > 0);
    for (const location of uris) assert.deepEqual(location, { uri: 'policies/gaps/kms.yaml', uriBaseId: '%SRCROOT%' });
    // Only the files checked as policies are artifacts: not the README, not the compose file.
    assert.deepEqual(run.artifacts!.map((artifact) => artifact.location!.uri), ['policies/gaps/kms.yaml', 'policies/ok.yaml']);
  });

  it('--base-path sets the root; a file outside it gets an absolute file URI', () => {
    const dir = workspace({ 'a/p.yaml': gap, 'b/q.yaml': gap });
    const { run } = sarif(['a', 'b', '--base-path', 'a'], dir);
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(join(dir, 'a')).href + '/' } });
    const locations = run.artifacts!.map((artifact) => artifact.location);
    assert.deepEqual(locations, [{ uri: 'p.yaml', uriBaseId: '%SRCROOT%' }, { uri: pathToFileURL(join(dir, 'b', 'q.yaml')).href }]);
  });

  it('--sarif-category becomes runAutomationDetails.id (category/), and is absent without it', () => {
    const dir = workspace({ 'p.yaml': gap });
    assert.deepEqual(sarif(['p.yaml', '--sarif-category', 'policies'], dir).run.automationDetails, { id: 'policies/' });
    assert.deepEqual(sarif(['p.yaml', '--sarif-category', 'cek/nightly/'], dir).run.automationDetails, { id: 'cek/nightly/' });
    assert.equal(sarif(['p.yaml'], dir).run.automationDetails, undefined, 'so upload-sarif may set its own category');
  });

  it('partialFingerprints do not change when the file is edited elsewhere', () => {
    const gaps = edit(edit(gap, 'next: 2027-05-04', 'next: 2025-05-04'), 'trained: 2026-02-01\n    reviewed: 2026-05-04\n  - id: key-custodian', 'reviewed: 2026-05-04\n  - id: key-custodian');
    const dir = workspace({ 'p.yaml': gaps });
    const before = fingerprints(sarif(['p.yaml'], dir).run);
    assert.ok(before.length >= 3, before.join('\n'));
    // Lines added above and below, and an unrelated value changed: every finding moves, none changes identity.
    const edited = `# Reviewed by the security team.\n# Next revision after the audit.\n${edit(gaps, 'version: "1.3"', 'version: "1.4"')}\n# end of policy\n`;
    writeFileSync(join(dir, 'p.yaml'), edited);
    const after = sarif(['p.yaml'], dir).run;
    assert.deepEqual(fingerprints(after), before);
    assert.notDeepEqual(after.results!.map((result) => result.locations![0].physicalLocation!.region!.startLine), [], 'regions moved');
    // The finding itself changing (the flagged line) changes its fingerprint.
    writeFileSync(join(dir, 'p.yaml'), edit(gaps, 'next: 2025-05-04', 'next: 2025-06-04'));
    const changed = fingerprints(sarif(['p.yaml'], dir).run);
    assert.notDeepEqual(changed.find((entry) => entry.startsWith('review-overdue')), before.find((entry) => entry.startsWith('review-overdue')));
  });

  it('rules carry precision, problem.severity, security-severity and the full doc as help', () => {
    const { run } = sarif(['examples/key-management-policy.yaml'], ROOT);
    const byId = new Map(run.tool.driver.rules!.map((rule) => [rule.id, rule]));
    const owner = byId.get('owner-missing')!;
    // package.json names no repository yet: no guessed web address, the full doc is in `help`.
    assert.equal(owner.helpUri, undefined);
    assert.equal(run.tool.driver.informationUri, undefined);
    assert.equal(owner.help!.markdown, readFileSync(join(ROOT, 'docs', 'rules', 'owner-missing.md'), 'utf8'), 'the rule doc, embedded');
    assert.ok(owner.help!.text.startsWith('owner-missing\n\n'));
    assert.doesNotMatch(owner.help!.text, /\*\*|^## |^> |```/m, 'plain text, no Markdown markup');
    assert.deepEqual(owner.properties, {
      precision: 'high', 'problem.severity': 'error', 'security-severity': '5.5', tags: ['security', 'compliance', 'CEK-01'],
      control: 'CEK-01', guidelines: ['CEK-01 auditing guideline 2'], fixable: 'suggestion',
    });
    assert.equal(byId.get('approval-evidence-missing')!.properties!['security-severity'], '3.0');
    assert.equal(byId.get('review-due-soon')!.properties!['problem.severity'], 'recommendation');
    const parse = byId.get('parse-error')!.properties!;
    assert.equal(parse.precision, 'very-high');
    assert.equal(parse['security-severity'], undefined, 'a YAML syntax error is no security weakness');
    assert.deepEqual(parse.tags, ['correctness', 'CEK-01']);
  });

  it('suppressions and fixes are recorded', () => {
    const suppressed = edit(gap, 'kind: crypto-policy\n', '# cek-policy-disable-next-line owner-missing -- named in the ISMS register (until 2027-01-31)\nkind: crypto-policy\n');
    const dir = workspace({ 'a.yaml': suppressed, 'b.yaml': edit(policy, 'next: 2027-05-04', 'next: 2027/05/04') });
    const { run, code } = sarif(['.'], dir);
    const owner = run.results!.find((result) => result.ruleId === 'owner-missing')!;
    assert.deepEqual(owner.suppressions, [{ kind: 'inSource', status: 'accepted', justification: 'named in the ISMS register', properties: { until: '2027-01-31' } }]);
    const date = run.results!.find((result) => result.ruleId === 'date-format')!;
    assert.deepEqual(date.fixes![0].artifactChanges[0].artifactLocation, { uri: 'b.yaml', uriBaseId: '%SRCROOT%' });
    assert.equal(date.fixes![0].artifactChanges[0].replacements[0].insertedContent!.text, '2027-05-04');
    assert.equal(code, 1, 'the date error is open');
  });

  it('executionSuccessful is false, with a notification, when a file cannot be read', { skip: process.getuid?.() === 0 ? 'needs a user other than root (root reads a chmod 000 file)' : false }, () => {
    const dir = workspace({ 'ok.yaml': policy, 'locked.yaml': policy });
    chmodSync(join(dir, 'locked.yaml'), 0o000);
    const result = cli(['check', '.', '--format', 'sarif', '--today', TODAY], dir);
    const run = (JSON.parse(result.stdout) as Sarif.Log).runs[0];
    assert.equal(result.code, 2);
    assert.equal(run.invocations![0].executionSuccessful, false);
    assert.match(run.invocations![0].toolExecutionNotifications![0].message.text!, /cannot read locked\.yaml: permission denied/);
  });

  it('executionSuccessful is false when standard input cannot be read', () => {
    // A directory as stdin: reading it fails with EISDIR, a real I/O error on every user.
    const dir = workspace({ 'ok.yaml': policy });
    const result = spawnCli(['check', '-', 'ok.yaml', '--format', 'sarif', '--today', TODAY], dir);
    const run = (JSON.parse(result.stdout) as Sarif.Log).runs[0];
    assert.equal(result.status, 2);
    assert.equal(run.invocations![0].executionSuccessful, false);
    assert.match(run.invocations![0].toolExecutionNotifications![0].message.text!, /^cannot read standard input: /);
  });
});

/** The CLI with a directory as standard input. */
function spawnCli(args: string[], cwd: string) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, stdio: [openSync(cwd, 'r'), 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
}
