import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { cli, workspace } from '../cli/helpers';
import { edit, example, withoutOwner } from '../helpers/ruleTester';
import { TestClient } from './client';

const yaml = example('key-management-policy.yaml');
const noOwner = withoutOwner(yaml);

function owner(diagnostics: Diagnostic[]): Diagnostic | undefined {
  return diagnostics.find((diagnostic) => diagnostic.code === 'owner-missing');
}

describe('language server: severities, configuration files, baseline, Create Configuration', () => {
  const client = new TestClient();
  before(() => client.initialize());
  after(() => client.stop());

  it('the cekPolicy.rules setting takes warn and ESLint\'s 0, 1, 2', async () => {
    const { uri, diagnostics } = await client.open('severities.yaml', noOwner);
    assert.equal(owner(diagnostics)?.severity, 1);
    for (const [written, expected] of [['warn', 2], [2, 1], [1, 2], ['info', 3], [0, undefined]] as const) {
      const published = await client.changeSettings({ ...client.settings, rules: { 'owner-missing': written } }, uri);
      assert.equal(owner(published.diagnostics)?.severity, expected, String(written));
    }
    await client.changeSettings({ ...client.settings, rules: {} }, uri);
  });

  it('shows the problems of a .cekpolicy.yml or .cekpolicy.json on it', async () => {
    const yml = await client.open('sub/.cekpolicy.yml', 'rules:\n  owner-missing: sometimes\n', 'yaml');
    assert.deepEqual(yml.diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.code]), [[1, 17, 'config']]);
    const json = await client.open('other/.cekpolicy.json', '{ "rules": { "owner-missng": "warn" } }\n', 'json');
    assert.match(String(json.diagnostics[0].message), /^Unknown rule "owner-missng" in `rules` \(did you mean "owner-missing"\?\)/);
  });

  it('a finding the baseline beside the configuration holds is shown as a hint; a new one keeps its severity', async () => {
    writeFileSync(join(client.directory, 'held.yaml'), noOwner);
    const written = cli(['check', 'held.yaml', '--baseline-write'], client.directory);
    assert.equal(written.code, 0, written.stderr);
    await client.sendSettings(client.settings);
    const held = await client.open('held.yaml', noOwner);
    assert.equal(owner(held.diagnostics)?.severity, 4, 'DiagnosticSeverity.Hint');
    const fresh = await client.open('fresh.yaml', noOwner);
    assert.equal(owner(fresh.diagnostics)?.severity, 1, 'not in the baseline: an error');
    const moved = await client.change(held.uri, 2, `# a comment above\n${edit(noOwner, 'interval_months: 12', 'interval_months: 24')}`);
    assert.equal(owner(moved)?.severity, 4, 'still held after lines moved');
    assert.equal(moved.find((diagnostic) => diagnostic.code === 'review-interval-too-long')?.severity, 1, 'the new finding is not');
  });

  it('cekPolicy/createConfiguration answers the text cek-policy init writes in that folder', async () => {
    const folder = workspace({ 'policies/kms.yaml': yaml, 'notes.md': '# Notes\n' });
    const asked = await client.connection.sendRequest<{ text: string; policies: number; existing: string[] }>('cekPolicy/createConfiguration', { folderUri: pathToFileURL(folder).href });
    assert.equal(asked.policies, 1);
    assert.deepEqual(asked.existing, []);
    assert.equal(cli(['init'], folder).code, 0);
    assert.equal(asked.text, readFileSync(join(folder, '.cekpolicy.yaml'), 'utf8'), 'one generator');
    const again = await client.connection.sendRequest<{ existing: string[] }>('cekPolicy/createConfiguration', { folderUri: pathToFileURL(folder).href });
    assert.deepEqual(again.existing, ['.cekpolicy.yaml']);
    assert.equal(await client.connection.sendRequest('cekPolicy/createConfiguration', { folderUri: 'untitled:x' }), null);
  });
});
