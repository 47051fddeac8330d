import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeLens, CompletionItem, Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { edit, example, withoutOwner } from '../helpers/ruleTester';
import { EDIT_PAUSE_MS, MAX_EDIT_PAUSE_MS, pauseBeforeCheck } from '../../server/src/documentViews';
import { TestClient } from './client';

const yaml = example('key-management-policy.yaml');
const noOwner = withoutOwner(yaml);
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((diagnostic) => String(diagnostic.code));
const HOLD = 'cek-policy-test-hold';

function hover(client: TestClient, uri: string, line: number, character: number): Promise<Hover | null> {
  return client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
}

function complete(client: TestClient, uri: string, line: number, character: number): Promise<CompletionItem[]> {
  return client.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
}

/** The line and column of the control id in `controls: [CEK-01, CEK-02]`, and of the `actor: ` value. */
const controlsLine = yaml.split('\n').findIndex((line) => line.startsWith('controls:'));
const actorLine = yaml.split('\n').findIndex((line) => line.startsWith('actor:'));

describe('language server: a check that hangs holds up no request about another document', () => {
  // The check of a text holding the marker never returns; the worker is taken for hung after 1.5 s.
  const client = new TestClient({ env: { CEK_POLICY_TEST_HOLD_CHECK: HOLD, CEK_POLICY_WORKER_TIMEOUT_MS: '1500' } });
  before(() => client.initialize());
  after(() => client.stop());

  it('hover and completion on one document answer while the check of another hangs; it gets an internal error, the rest go on', async () => {
    const healthy = await client.open('healthy.yaml', noOwner);
    const order: string[] = [];
    const hung = client.uri('hung.yaml');
    const failed = client.diagnostics(hung, 1).then((published) => {
      order.push('hung.yaml diagnostics');
      return published;
    });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: hung, languageId: 'yaml', version: 1, text: `# ${HOLD}\n${yaml}` } });
    const onControl = await hover(client, healthy.uri, controlsLine, 'controls: [CEK-0'.length);
    order.push('hover on healthy.yaml');
    const actors = await complete(client, healthy.uri, actorLine, 'actor: '.length);
    order.push('completion on healthy.yaml');
    assert.match(JSON.stringify(onControl?.contents), /CEK-01 · Encryption and Key Management Policy and Procedures/);
    assert.deepEqual(actors.map((item) => item.label), ['CSP', 'MP', 'OSP', 'AP', 'AIC']);

    const [internal] = (await failed).diagnostics;
    assert.deepEqual(order, ['hover on healthy.yaml', 'completion on healthy.yaml', 'hung.yaml diagnostics']);
    assert.equal(internal.code, 'internal-error');
    assert.equal(internal.message, 'cek-policy could not check this document (Error: the check worker stopped: it did not answer within 1.5 s); other documents are not affected. Please report this.');
    // A new worker checks the others; the hung version is not sent again (a request about it answers with nothing).
    assert.equal(await hover(client, hung, 2, 0), null);
    assert.ok(codes(await client.change(healthy.uri, 2, `${noOwner}#\n`)).includes('owner-missing'));
    assert.ok(codes(await client.change(hung, 2, noOwner)).includes('owner-missing'), 'without the marker it is checked');
    assert.equal(client.exitCode, undefined);
  });
});

describe('language server: a check worker that dies', () => {
  const client = new TestClient({ env: { CEK_POLICY_TEST_WORKER_EXIT: 'dies.yaml' } });
  before(() => client.initialize());
  after(() => client.stop());

  it('costs the document it was checking an internal error; a new worker checks the others', async () => {
    const before = await client.open('before.yaml', noOwner);
    const { diagnostics } = await client.open('dies.yaml', noOwner);
    assert.deepEqual(codes(diagnostics), ['internal-error']);
    assert.equal(diagnostics[0].message, 'cek-policy could not check this document (Error: the check worker stopped: it exited with status 70); other documents are not affected. Please report this.');
    assert.ok(codes((await client.open('after.yaml', noOwner)).diagnostics).includes('owner-missing'));
    assert.deepEqual(codes(await client.change(before.uri, 2, yaml)), [], 'a document checked before the crash is checked by the new worker');
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri('after.yaml') } });
    assert.ok(symbols.some((symbol) => symbol.name === 'roles'));
    assert.equal(client.exitCode, undefined);
  });
});

describe('language server: the document being worked in is checked first', () => {
  // A check of a text with the marker takes 1.5 s: long enough to queue work behind it.
  const client = new TestClient({ env: { CEK_POLICY_TEST_HOLD_CHECK: HOLD, CEK_POLICY_TEST_HOLD_MS: '1500' } });
  before(() => client.initialize());
  after(() => client.stop());

  it('an edit goes before the re-checks a settings change queued', async () => {
    const first = await client.open('first.yaml', noOwner);
    const second = await client.open('second.yaml', noOwner);
    const typed = await client.open('typed.yaml', noOwner);
    const order: string[] = [];
    const settled = [first, second, typed].map(({ uri }) => client.diagnostics(uri).then((published) => {
      order.push(`${uri.slice(uri.lastIndexOf('/') + 1)} v${published.version}`);
      return published;
    }));
    // The worker is busy with the slow document while the settings change and the edit come in. A request waits for
    // that check, so the settings change does not give it up (it gives up the checks only diagnostics wait for).
    const slow = client.uri('slow.yaml');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: slow, languageId: 'yaml', version: 1, text: `# ${HOLD}\n${noOwner}` } });
    const lenses = client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: slow } });
    await client.sendSettings({ ...client.settings, rules: { 'owner-missing': 'off' } });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: typed.uri, version: 2 }, contentChanges: [{ text: `${noOwner}# typed\n` }] });
    const published = await Promise.all(settled);
    assert.deepEqual(order, ['typed.yaml v2', 'first.yaml v1', 'second.yaml v1']);
    assert.ok(published.every(({ diagnostics }) => !codes(diagnostics).includes('owner-missing')), 'all checked with the new settings');
    assert.equal((await lenses).length, 1);
  });

  it('a document opened goes before the edits waiting behind a running check: typing elsewhere does not hold up its first diagnostics', async () => {
    const typed = await client.open('typed-elsewhere.yaml', noOwner);
    const opened = client.uri('opened-meanwhile.yaml');
    const order: string[] = [];
    const note = (uri: string, version: number) => client.diagnostics(uri, version).then(() => order.push(`${uri.slice(uri.lastIndexOf('/') + 1)} v${version}`));
    const settled = [note(typed.uri, 2), note(opened, 1)];
    // The worker holds a check for 1.5 s; an edit's check is queued behind it, then a document is opened.
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: client.uri('held.yaml'), languageId: 'yaml', version: 1, text: `# ${HOLD}\n${noOwner}` } });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: typed.uri, version: 2 }, contentChanges: [{ text: `${noOwner}# typed\n` }] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: opened, languageId: 'yaml', version: 1, text: noOwner } });
    await Promise.all(settled);
    assert.deepEqual(order, ['opened-meanwhile.yaml v1', 'typed-elsewhere.yaml v2']);
  });

  it('a document closed and opened again while its check runs gets the diagnostics of the text opened again', async () => {
    const uri = client.uri('reopened.yaml');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: `# ${HOLD}\n${noOwner}` } });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    // Versions start again at 1: the check of the first text, still running, must not count for the second.
    const { diagnostics } = await client.open('reopened.yaml', yaml);
    assert.deepEqual(codes(diagnostics), []);
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses[0].command!.title, 'CEK-01: 8/8 auditing guidelines met · CEK-02: 10/10 met');
    assert.deepEqual(client.history(uri).filter((params) => params.version === 1).map((params) => codes(params.diagnostics)), [[]], 'published once for version 1, for the second text');
  });
});

describe('language server: an edit gives up the check of the version before it', () => {
  // A check of a text with the marker takes a minute, passing a checkpoint every 5 ms as a long parse does.
  const client = new TestClient({ env: { CEK_POLICY_TEST_HOLD_CHECK: HOLD, CEK_POLICY_TEST_HOLD_MS: '60000' } });
  before(() => client.initialize());
  after(() => client.stop());

  it('the check the worker is running stops at its next checkpoint, and the new version is checked at once', async () => {
    const uri = client.uri('typed-long.yaml');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: `# ${HOLD}\n${noOwner}` } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    const diagnostics = await client.change(uri, 2, `${noOwner}# typed\n`);
    // Not given up, the check of version 1 would hold the worker until it is taken for hung (10 s).
    assert.ok(Date.now() - started < 5_000, `diagnostics after ${Date.now() - started} ms`);
    assert.ok(codes(diagnostics).includes('owner-missing'));
    assert.deepEqual(client.history(uri).map((params) => params.version), [2], 'nothing published for version 1');
  });

  it('it stops at the keystroke, not when the pause after it ends: typing on, the worker is free for other documents', async () => {
    const uri = client.uri('typed-on.yaml');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: `# ${HOLD}\n${noOwner}` } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Keystrokes every 5 ms: the pause that starts a check (30 ms) never comes while this runs.
    let typing = true;
    const typist = (async () => {
      for (let version = 2; typing; version++) {
        await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: `${noOwner}# ${version}\n` }] });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const { diagnostics } = await client.open('opened-while-typing.yaml', noOwner);
    const elapsed = Date.now() - started;
    typing = false;
    await typist;
    assert.ok(codes(diagnostics).includes('owner-missing'));
    assert.ok(elapsed < 5_000, `first diagnostics after ${elapsed} ms (the held check, not given up, keeps the worker 10 s)`);
  });

  it('a check a request waits for is not given up: the request is answered for its version', async () => {
    const { uri } = await client.open('asked.yaml', noOwner);
    const change = (version: number, text: string) => client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    await change(2, `# ${HOLD}\n${noOwner}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The code lens needs the current version: the request waits for version 2's check, which takes a minute.
    const lenses = client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await change(3, noOwner);
    // Given up, it would be answered at once, with no lens.
    const answered = await Promise.race([lenses, new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 2_000))]);
    assert.equal(answered, 'waiting', 'version 2 is still being checked for the request');
  });
});

describe('language server: typed in faster than it checks, a document is checked when typing pauses as long as a check', () => {
  // A check of a text with the marker takes 1.5 s.
  const client = new TestClient({ env: { CEK_POLICY_TEST_HOLD_CHECK: HOLD, CEK_POLICY_TEST_HOLD_MS: '1500', CEK_POLICY_DEBUG: 'checks' } });
  before(() => client.initialize());
  after(() => client.stop());

  it('the pause before a check is the usual one after a lone edit, the last check\'s time (at most 500 ms) within a burst', async () => {
    const text = (version: number) => `# ${HOLD}\n${noOwner}# ${version}\n`;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const typed = async (name: string) => {
      const { uri } = await client.open(name, text(1));
      const change = (version: number) => client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: text(version) }] });
      const pauses = () => client.logs.filter((line) => line.includes(name) && line.includes('edited')).map((line) => Number(/pause of (\d+) ms/.exec(line)![1]));
      return { uri, change, pauses };
    };
    // The worker's first check (1.5 s) includes its warm-up: no guide, so two edits 10 ms apart wait 30 ms each.
    const first = await typed('first-checked.yaml');
    await first.change(2);
    await pause(10);
    await first.change(3);
    await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: first.uri } });
    assert.deepEqual(first.pauses(), [30, 30]);
    assert.ok(client.logs.some((line) => line.includes('first-checked.yaml v1 checked in') && line.endsWith('(the worker warming up)')));
    // Another document whose check takes 1.5 s: v2 is a lone edit (30 ms), v3 comes 10 ms after it (within the check's
    // 1.5 s: 500 ms), v4 a second after v3 (30 ms).
    const paced = await typed('paced.yaml');
    await paced.change(2);
    await pause(10);
    await paced.change(3);
    await pause(1_000);
    await paced.change(4);
    await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: paced.uri } });
    assert.deepEqual(paced.pauses(), [30, 500, 30]);
  });

  it('a policy that checks faster than the usual pause is never paced; a longer one waits as long as its check within a burst', () => {
    assert.equal(pauseBeforeCheck(5, 12), EDIT_PAUSE_MS);
    assert.equal(pauseBeforeCheck(5, undefined), EDIT_PAUSE_MS);
    assert.equal(pauseBeforeCheck(50, 120), 120);
    assert.equal(pauseBeforeCheck(120, 120), EDIT_PAUSE_MS);
    assert.equal(pauseBeforeCheck(50, 9_000), MAX_EDIT_PAUSE_MS);
    assert.equal(pauseBeforeCheck(Infinity, 9_000), EDIT_PAUSE_MS);
  });
});

describe('language server: requests that need the current version wait for its check, and only for it', () => {
  const client = new TestClient();
  before(() => client.initialize());
  after(() => client.stop());

  it('code lens, outline and quick fixes right after an edit answer for the edited text', async () => {
    const { uri } = await client.open('current.yaml', yaml);
    const published = client.diagnostics(uri, 2);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: noOwner }] });
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses[0].command!.title, 'CEK-01: 7/8 auditing guidelines met · CEK-02: 10/10 met');
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(!symbols.some((symbol) => symbol.name === 'owner'));
    const owner = (await published).diagnostics.find((diagnostic) => diagnostic.code === 'owner-missing')!;
    const actions = await client.connection.sendRequest<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri }, range: owner.range, context: { diagnostics: [owner] } });
    assert.deepEqual(actions.map((action) => action.title), ['Add an owner block', 'Disable owner-missing for this line', 'Disable owner-missing for this file']);
  });

  it('an outline value the worker sends as text (YAML .inf, .nan) reads as before', async () => {
    const { uri } = await client.open('infinite.yaml', `${yaml}extra_limit: .inf\nextra_ratio: -.inf\nextra_nan: .nan\n`);
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.filter((symbol) => symbol.name.startsWith('extra_')).map((symbol) => symbol.detail), ['Infinity', '-Infinity', 'NaN']);
  });
});

describe('language server: the check worker yields to the server thread', { skip: process.platform !== 'linux' && 'needs Linux (thread priorities are read from /proc)' }, () => {
  const client = new TestClient();
  before(() => client.initialize());
  after(() => client.stop());

  it('its threads (and the ones V8 works on) run 10 nice levels below the server thread', async () => {
    await client.open('priority.yaml', yaml);
    // The 19th field of /proc/PID/task/TID/stat is the thread's nice value (fields counted after the name in parentheses).
    const nice = (tid: string) => Number(readFileSync(`/proc/${client.pid}/task/${tid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[16]);
    const server = nice(String(client.pid));
    const others = readdirSync(`/proc/${client.pid}/task`).filter((tid) => tid !== String(client.pid)).map(nice);
    assert.ok(others.filter((value) => value === Math.min(19, server + 10)).length >= 2, `nice values ${server} / ${others.join(' ')}`);
  });
});

describe('language server: configuration changes reach the worker', () => {
  const client = new TestClient();
  before(() => client.initialize());
  after(() => client.stop());

  it('a .cekpolicy.yaml changed on disk is read again, and every open document checked with it', async () => {
    const { uri, diagnostics } = await client.open('configured.yaml', noOwner);
    assert.ok(codes(diagnostics).includes('owner-missing'));
    writeFileSync(join(client.directory, '.cekpolicy.yaml'), 'today: 2026-11-24\nrules:\n  owner-missing: off\n');
    const rechecked = client.diagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('.cekpolicy.yaml'), type: 2 }] });
    assert.ok(!codes((await rechecked).diagnostics).includes('owner-missing'));
    // The worker reports on disk files with the same configuration.
    const other = join(client.directory, 'on-disk.yaml');
    writeFileSync(other, edit(noOwner, 'id: POL-KM-01', 'id: POL-KM-02'));
    const report = await client.connection.sendRequest<{ documents: { file: string; requirements: { guideline: string; findings: string[] }[] }[] }>('cekPolicy/compliance', { uris: [client.uri('on-disk.yaml')] });
    const governance = report.documents[0].requirements.find((requirement) => requirement.guideline === 'CEK-01 auditing guideline 2')!;
    assert.ok(!governance.findings.includes('owner-missing'));
  });
});
