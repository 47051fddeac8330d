import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { ComplianceReport } from '../../server/src/engine/report/types';
import { edit, withoutOwner, example } from '../helpers/ruleTester';
import { TestClient } from '../lsp/client';
import { schemaErrors } from './helpers';

const yaml = example('key-management-policy.yaml');
/** No `owner`, and no Policy Owner role that would name one. */
const noOwner = withoutOwner(yaml);
const noActor = edit(yaml, 'actor: MP\n', '');

function write(directory: string, name: string, text: string): string {
  const path = join(directory, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return pathToFileURL(path).href;
}

describe('cekPolicy/compliance and cekPolicy/checkWorkspace over LSP', () => {
  const client = new TestClient();
  const folderA = join(client.directory, 'a');
  const folderB = join(client.directory, 'b');
  let onDisk: string;
  let edited: string;

  before(async () => {
    onDisk = write(folderA, 'policies/on-disk.yaml', noOwner);
    edited = write(folderA, 'edited.yaml', noOwner);
    write(folderA, 'docker-compose.yml', 'services:\n  web:\n    image: nginx\n');
    write(folderA, 'README.md', '# Readme\n\nNot a policy.\n');
    write(folderA, 'node_modules/dep/policy.yaml', noOwner);
    write(folderB, 'no-actor.yaml', noActor);
    // More files than the worker is sent in one job: the scan goes on past the first chunk.
    for (let index = 0; index < 300; index++) write(folderA, `many/config-${String(index).padStart(3, '0')}.yaml`, `name: service-${index}\nreplicas: 2\n`);
    write(folderA, 'many/zz-last.yaml', noOwner);
    // Two workspace folders whose `cekPolicy.actor` settings differ (resource scope).
    client.connection.onRequest('workspace/workspaceFolders', () => [folderA, folderB].map((folder) => ({ uri: pathToFileURL(folder).href, name: folder })));
    client.settingsFor = (item) => ({ ...client.settings, ...(item.scopeUri === pathToFileURL(folderB).href ? { actor: 'CSP' } : {}) });
    await client.initialize();
  });
  after(() => client.stop());

  it('answers for the given documents with a report that validates against the schema', async () => {
    const { uri } = await client.open('open.yaml', yaml);
    const report = await client.connection.sendRequest<ComplianceReport>('cekPolicy/compliance', { uris: [uri] });
    assert.deepEqual(schemaErrors(report), []);
    assert.equal(report.documents.length, 1);
    assert.equal(report.documents[0].file, uri);
    assert.deepEqual(report.documents[0].actor, { codes: ['MP'], basis: 'declared', hostsCustomerData: true, ai: true, summary: 'Declared: Model Provider (MP).', evidence: [{ line: 6, text: 'actor: MP', matched: 'declared actor' }] });
    assert.ok(report.documents[0].requirements.every((requirement) => requirement.status === 'met'));
  });

  it('answers for the whole workspace: every policy on disk, open editors as typed, nothing under node_modules', async () => {
    await client.change((await client.open('a/edited.yaml', noOwner)).uri, 2, yaml);
    const report = await client.connection.sendRequest<ComplianceReport>('cekPolicy/compliance', {});
    assert.deepEqual(schemaErrors(report), []);
    const files = report.documents.map((document) => document.file);
    assert.ok(files.includes(onDisk));
    assert.ok(files.includes(edited));
    assert.ok(!files.some((file) => /node_modules|docker-compose|README/.test(file)), files.join('\n'));
    const governance = (file: string) => report.documents.find((document) => document.file === file)!.requirements.find((requirement) => requirement.guideline === 'CEK-01 auditing guideline 2')!;
    assert.equal(governance(onDisk).status, 'partial', 'approved and reviewed, but no owner');
    assert.deepEqual(governance(onDisk).findings, ['owner-missing']);
    assert.equal(governance(edited).status, 'met', 'the unsaved editor text, not the file on disk');
  });

  it('each workspace folder uses its own settings (resource scope)', async () => {
    const report = await client.connection.sendRequest<ComplianceReport>('cekPolicy/compliance', {});
    const inB = report.documents.find((document) => document.file.endsWith('/b/no-actor.yaml'))!;
    assert.deepEqual(inB.actor.codes, ['CSP']);
    assert.equal(inB.actor.basis, 'config');
    const direct = await client.connection.sendRequest<ComplianceReport>('cekPolicy/compliance', { uris: [inB.file] });
    assert.deepEqual(direct.documents[0].actor.codes, ['CSP']);
  });

  it('Check Workspace publishes diagnostics for policies that are not open, and counts them', async () => {
    const published = client.diagnostics(onDisk);
    const result = await client.connection.sendRequest<{ files: number; policies: number; errors: number; warnings: number }>('cekPolicy/checkWorkspace');
    const diagnostics: PublishDiagnosticsParams = await published;
    assert.ok(diagnostics.diagnostics.some((diagnostic) => diagnostic.code === 'owner-missing'));
    assert.ok(result.files >= 305, JSON.stringify(result));
    assert.ok(result.policies >= 4, JSON.stringify(result));
    assert.ok(client.history(pathToFileURL(join(folderA, 'many/zz-last.yaml')).href).length > 0, 'a policy after 300 other files is checked too');
    assert.ok(result.errors >= 1);
    assert.ok(!client.history(pathToFileURL(join(folderA, 'docker-compose.yml')).href).length, 'a non-policy gets nothing');
  });

  it('closing an editor of a checked file brings back its on-disk diagnostics', async () => {
    const { uri } = await client.open('a/policies/on-disk.yaml', yaml);
    assert.equal(uri, onDisk);
    const cleared = client.diagnostics(onDisk);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual((await cleared).diagnostics, []);
    const restored = await client.diagnostics(onDisk);
    assert.ok(restored.diagnostics.some((diagnostic) => diagnostic.code === 'owner-missing'));
  });
});
