import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol/node';
import { ROOT } from '../helpers/ruleTester';
import { TestClient } from './client';

const POLICY = readFileSync(join(ROOT, 'examples', 'set', 'key-management-policy.md'), 'utf8');
const PROCEDURE = readFileSync(join(ROOT, 'examples', 'set', 'procedures', 'key-management-procedure.md'), 'utf8');
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((diagnostic) => String(diagnostic.code));

describe('language server: policy sets and policies found by content', () => {
  const client = new TestClient();
  const procedurePath = () => join(client.directory, 'procedures', 'key-management-procedure.md');
  before(async () => {
    mkdirSync(join(client.directory, 'procedures'));
    writeFileSync(procedurePath(), PROCEDURE);
    await client.initialize();
  });
  after(() => client.stop());

  it('a policy whose roles are in a referenced procedure gets no roles finding; hover on the reference says where the evidence is', async () => {
    const { uri, diagnostics } = await client.open('key-management-policy.md', POLICY);
    assert.deepEqual(codes(diagnostics), []);
    const line = POLICY.split('\n').findIndex((text) => text.startsWith('[KM-PROC-4]'));
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 3 } });
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /Evidence an auditor would accept/);
    const procedureLine = PROCEDURE.split('\n').findIndex((text) => text.startsWith('| Policy Owner')) + 1;
    assert.ok(value.includes(`in [key-management-procedure.md:${procedureLine}](${client.uri('procedures/key-management-procedure.md')}#L${procedureLine})`), value);
    // The id further up resolves to the same procedure: hover says so.
    const idLine = POLICY.split('\n').findIndex((text) => text.includes('(KM-PROC-4)'));
    const idHover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: idLine, character: POLICY.split('\n')[idLine].indexOf('KM-PROC-4') + 2 } });
    assert.equal((idHover?.contents as { value: string }).value, `**Policy set**: refers to document KM-PROC-4, which is [key-management-procedure.md](${client.uri('procedures/key-management-procedure.md')}). What it establishes counts for this policy.`);
  });

  it('is checked again when a document it refers to changes on disk, and when it is deleted', async () => {
    const uri = client.uri('key-management-policy.md');
    writeFileSync(procedurePath(), PROCEDURE.slice(0, PROCEDURE.indexOf('## Roles and Responsibilities')) + PROCEDURE.slice(PROCEDURE.indexOf('## Monitoring')));
    let published = client.diagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('procedures/key-management-procedure.md'), type: 2 }] });
    assert.ok(codes((await published).diagnostics).includes('roles-missing'), 'the procedure lost its roles');

    rmSync(procedurePath());
    published = client.diagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('procedures/key-management-procedure.md'), type: 3 }] });
    const gone = (await published).diagnostics.filter((diagnostic) => diagnostic.code === 'reference-unresolved');
    assert.deepEqual(gone.map((diagnostic) => diagnostic.range.start.line + 1), [16, 34]);
    assert.match(String(gone[1].message), /links to `procedures\/key-management-procedure\.md`, which is not in the project/);

    writeFileSync(procedurePath(), PROCEDURE);
    published = client.diagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('procedures/key-management-procedure.md'), type: 1 }] });
    assert.deepEqual(codes((await published).diagnostics), []);
  });

  it('a Markdown policy without a marker gets diagnostics; a SECURITY.md does not', async () => {
    const policy = '# Encryption Standard\n\n## Scope\nCustomer data is encrypted at rest with AES-256.\n\nAll traffic uses TLS 1.2 or later.\n\nKeys are rotated yearly in the KMS.\n';
    const checked = await client.open('encryption-standard.md', policy);
    assert.ok(codes(checked.diagnostics).includes('owner-missing'));
    const security = await client.open('SECURITY.md', '# Security Policy\n\n## Reporting a Vulnerability\n\nEmail security@example.org; encrypt with our PGP key if you wish.\n');
    assert.deepEqual(security.diagnostics, []);
  });
});
