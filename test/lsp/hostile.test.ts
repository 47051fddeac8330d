/**
 * Issue 23 over stdio: a hostile document open and edited in the real server gets its findings (before: its check
 * ran past the worker's timeout, so it got an internal-error, and every other document waited 12–49 s behind it),
 * and another document's diagnostics and hover still arrive.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { example, withoutOwner } from '../helpers/ruleTester';
import { links, untilSpaces } from '../safety/hostile';
import { TestClient } from './client';

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((diagnostic) => String(diagnostic.code));

describe('language server: hostile documents are checked, and the others keep being served', () => {
  // The rules' 2 s budget is not what this tests (a busy machine can pass it on any document); the worker's timeout is.
  const client = new TestClient({ env: { CEK_POLICY_TIME_BUDGET_MS: '60000' } });
  before(() => client.initialize());
  after(() => client.stop());

  it('a suppression with 300,000 spaces, opened and edited: checked, no internal-error', async () => {
    const text = untilSpaces(300_000);
    const { uri, diagnostics } = await client.open('hostile-until.yaml', text);
    assert.ok(!codes(diagnostics).includes('internal-error'), diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
    const edited = await client.change(uri, 2, `${text}# edited\n`);
    assert.ok(!codes(edited).includes('internal-error'), codes(edited).join(', '));
  });

  it('60,000 links in one paragraph: one document-too-complex diagnostic, at once', async () => {
    const { uri, diagnostics } = await client.open('hostile-links.md', links(60_000));
    assert.deepEqual(codes(diagnostics), ['document-too-complex']);
    assert.deepEqual(codes(await client.change(uri, 2, `${links(60_000)}x\n`)), ['document-too-complex']);
  });

  it('another document is checked and hovered meanwhile', async () => {
    const text = withoutOwner(example('key-management-policy.yaml'));
    const { uri, diagnostics } = await client.open('beside.yaml', text);
    assert.ok(codes(diagnostics).includes('owner-missing'));
    const lines = text.split('\n');
    const line = lines.findIndex((candidate) => candidate.includes('CEK-01'));
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: lines[line].indexOf('CEK-01') + 2 } });
    assert.match(JSON.stringify(hover?.contents ?? ''), /CEK-01/, 'the hover of a control id');
    assert.equal(client.exitCode, undefined, 'the server is running');
  });
});
