import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { example, ROOT, withoutOwner } from '../helpers/ruleTester';
import { TestClient } from './client';

const yaml = example('key-management-policy.yaml');
const noOwner = withoutOwner(yaml);

interface CheckWorkspaceResult { files: number; policies: number; errors: number; notes: string[] }

/** Starts the server on stdio, writes `input`, and resolves with how it ended (a 60 s net catches a server that stays). */
function serverGiven(input: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const server = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const net = setTimeout(() => {
      server.kill();
      reject(new Error(`the server is still running after 60 s: ${stderr}`));
    }, 60_000);
    server.on('exit', (code) => {
      clearTimeout(net);
      resolve({ code, stderr });
    });
    // The input stays open: the server must end on its own, not because its input ended.
    server.stdin.write(input);
  });
}

describe('language server: a broken frame ends the process with a message, so the client restarts it', () => {
  const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  const valid = `Content-Length: ${Buffer.byteLength(initialize)}\r\n\r\n${initialize}`;
  for (const [name, header, reason] of [
    ['no Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8', 'a message without a Content-Length header'],
    ['a negative Content-Length', 'Content-Length: -5', 'a Content-Length that is not a byte count ("-5")'],
    ['a non-numeric Content-Length', 'Content-Length: twelve', 'a Content-Length that is not a byte count ("twelve")'],
    ['an absurd Content-Length', 'Content-Length: 99999999999999', 'a Content-Length of 99,999,999,999,999 bytes, over the 256 MB a message may have'],
  ] as const) {
    it(`${name}, after a valid message`, async () => {
      const ended = await serverGiven(`${valid}${header}\r\n\r\n{"jsonrpc":"2.0","id":2,"method":"shutdown"}`);
      assert.equal(ended.code, 1);
      assert.match(ended.stderr, new RegExp(`^cek-policy-language-server: the client sent ${reason.replace(/[()."]/g, '\\$&')}; the LSP stream cannot be read past it, so the server exits \\(the client starts a new one\\)\\.$`, 'm'));
    });
  }
});

describe('language server: a hostile workspace is scanned without a hang, and other documents are served meanwhile', () => {
  const client = new TestClient();
  const folder = join(client.directory, 'ws');
  const outside = mkdtempSync(join(tmpdir(), 'cek-outside-'));

  before(async () => {
    mkdirSync(folder);
    writeFileSync(join(folder, 'good.yaml'), noOwner);
    writeFileSync(join(folder, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(noOwner, 'utf16le')]));
    execFileSync('mkfifo', [join(folder, 'pipe.yaml')]);
    symlinkSync('/dev/zero', join(folder, 'zero.yaml'));
    writeFileSync(join(outside, 'secret.yaml'), noOwner);
    symlinkSync(join(outside, 'secret.yaml'), join(folder, 'link.yaml'));
    symlinkSync(join(folder, 'deleted.yaml'), join(folder, 'gone.yaml'));
    client.connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(folder).href, name: 'ws' }]);
    await client.initialize();
  });
  after(() => client.stop());

  it('Check Workspace reports what it could not read and what it did not follow; another document\'s diagnostics and hover arrive meanwhile', async () => {
    const diagnosticsOf = (name: string) => client.diagnostics(pathToFileURL(join(folder, name)).href);
    const [pipe, utf16, gone] = [diagnosticsOf('pipe.yaml'), diagnosticsOf('utf16.yaml'), diagnosticsOf('gone.yaml')];
    const checked = client.connection.sendRequest<CheckWorkspaceResult>('cekPolicy/checkWorkspace');
    const other = await client.open('other.yaml', noOwner);
    assert.ok(other.diagnostics.some((diagnostic) => diagnostic.code === 'owner-missing'));
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: other.uri }, position: { line: 6, character: 13 } });
    assert.ok(hover && JSON.stringify(hover.contents).includes('CEK-01'), 'the hover of another document arrives');
    const result = await checked;
    const messages = (published: PublishDiagnosticsParams) => published.diagnostics.map((diagnostic) => `${diagnostic.severity} ${String(diagnostic.message).split(" [")[0]}`);
    assert.deepEqual(messages(await pipe), ['1 Not a regular file (a FIFO); cek-policy reads only regular files.']);
    assert.deepEqual(messages(await gone), ['1 File could not be read (no such file or directory).'], 'a link that leads nowhere');
    assert.ok((await utf16).diagnostics.some((diagnostic) => diagnostic.code === 'owner-missing'), 'UTF-16 with its mark is read');
    for (const link of ['link.yaml', 'zero.yaml']) assert.ok(result.notes.some((note) => note.includes(`${link} is a symbolic link to`) && note.includes('not followed')), JSON.stringify(result.notes));
    assert.equal(client.history(pathToFileURL(join(folder, 'link.yaml')).href).length, 0, 'the policy outside the folder is not quoted');
    assert.ok(client.logs.some((line) => line.includes('workspace scan') && line.includes('link.yaml')), 'said in the log too');
  });
});

describe('language server: a workspace check of / ends, and says what it left out', () => {
  const client = new TestClient();
  before(async () => {
    client.connection.onRequest('workspace/workspaceFolders', () => [{ uri: 'file:///', name: 'root' }]);
    await client.initialize();
  });
  after(() => client.stop());

  it('within its file, byte and time limits (the net here is only for a hang)', async () => {
    const other = await client.open('other.yaml', noOwner);
    const checked = client.connection.sendRequest<CheckWorkspaceResult>('cekPolicy/checkWorkspace');
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: other.uri }, position: { line: 6, character: 13 } });
    assert.ok(hover, 'served meanwhile');
    const result = await checked;
    assert.equal(client.exitCode, undefined, 'the server is running');
    assert.ok(result.notes.some((note) => /not searched|not checked|cannot read the folder/.test(note)), JSON.stringify(result.notes.slice(0, 3)));
  });
});
