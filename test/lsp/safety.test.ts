import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { example, withoutOwner } from '../helpers/ruleTester';
import { TestClient } from './client';

const yaml = example('key-management-policy.yaml');
const noOwner = withoutOwner(yaml);
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((diagnostic) => String(diagnostic.code));

/** Values of every wrong type for each setting, as the issue found them killing the server. */
const WRONG_SETTINGS: unknown[] = [
  { files: null }, { rules: null }, { review: null }, { catalogs: [42] }, { files: [42] }, { today: 20261124 },
  { enable: 'yes' }, { actor: 7 }, { rules: { 'owner-missing': 'sometimes' } }, { review: { maxIntervalMonths: '12' } },
  { today: '2026-02-30' }, { catalogs: 'catalogs/a.json' }, null, 42, 'cekPolicy', [], { __proto__: { polluted: true } },
];

describe('language server: settings of every wrong type never take it down', () => {
  const client = new TestClient();
  before(() => client.initialize());
  after(() => client.stop());

  it('through workspace/configuration answers: reported once, defaults used, documents still checked', async () => {
    const { uri } = await client.open('settings-safety.yaml', noOwner);
    let version = 1;
    for (const settings of WRONG_SETTINGS) {
      // A wrong value falls back to its default: the settings in force do not change, and nothing needs re-checking.
      await client.sendSettings(settings);
      version++;
      assert.ok(codes(await client.change(uri, version, noOwner + `# ${version}\n`)).includes('owner-missing'), `still checked after ${JSON.stringify(settings)}`);
    }
    assert.deepEqual(client.history(uri).map((params) => params.version), Array.from({ length: version }, (_, index) => index + 1), 'no re-check for settings that came out as they were');
    assert.equal(client.exitCode, undefined, 'the server is running');
    const warnings = client.messages.map((message) => message.message);
    assert.ok(warnings.includes('CEK Policy: `cekPolicy.files` must be a list of strings (it is null); it is ignored and the default is used.'), warnings.join('\n'));
    assert.ok(warnings.includes('CEK Policy: `cekPolicy.today` must be a date as YYYY-MM-DD (or empty) (it is a number); it is ignored and the default is used.'));
    assert.ok(warnings.includes('CEK Policy: `cekPolicy.catalogs[0]` must be a string (it is a number); it is left out.'));
    assert.ok(warnings.includes('CEK Policy: `cekPolicy.today` must be a real date as YYYY-MM-DD; it is ignored and the real date is used.'));
    assert.equal(new Set(warnings).size, warnings.length, 'each problem is reported once');
    assert.ok(client.messages.every((message) => message.type === 2), 'as warnings');
  });

  it('a good value next to a bad one still counts', async () => {
    const { uri } = await client.open('settings-partial.yaml', noOwner);
    const partial = await client.changeSettings({ files: null, rules: { 'owner-missing': 'off', 'review-overdue': 42 } }, uri);
    assert.ok(!codes(partial.diagnostics).includes('owner-missing'), 'owner-missing: off applies');
    const reset = await client.changeSettings({ enable: true, files: [], rules: {}, review: {}, catalogs: [] }, uri);
    assert.ok(codes(reset.diagnostics).includes('owner-missing'));
  });

  it('any value at all (fast-check, fixed seed) as the settings answer', async () => {
    const { uri } = await client.open('settings-fuzz.yaml', noOwner);
    const setting = fc.oneof(fc.anything(), fc.record({
      enable: fc.anything(), files: fc.anything(), actor: fc.anything(), rules: fc.anything(), review: fc.anything(), catalogs: fc.anything(), today: fc.anything(),
    }, { requiredKeys: [] }));
    await fc.assert(fc.asyncProperty(setting, async (settings) => {
      await client.sendSettings(settings);
      // Any request answered after the settings were taken shows the server is still serving.
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
      return client.exitCode === undefined;
    }), { numRuns: 150, seed: 9 });
    await client.sendSettings({ enable: true, files: [], rules: {}, review: {}, catalogs: [] });
    assert.ok(codes(await client.change(uri, 2, noOwner + '#\n')).includes('owner-missing'));
  });
});

describe('language server: settings pushed with didChangeConfiguration (no workspace/configuration)', () => {
  const client = new TestClient({ configuration: false });
  before(() => client.initialize());
  after(() => client.stop());

  it('every wrong type is reported and the defaults are used', async () => {
    const { uri } = await client.open('pushed.yaml', noOwner);
    for (const cekPolicy of WRONG_SETTINGS) {
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { cekPolicy } });
    }
    // The server handles notifications in order: an answer to a later request means every push was handled.
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
    assert.equal(client.exitCode, undefined);
    assert.ok(client.messages.some((message) => message.message.includes('`cekPolicy.rules` must be a mapping')));
    assert.ok(codes(await client.change(uri, 2, noOwner + '#\n')).includes('owner-missing'));
    // A pushed change that does change a setting re-checks the open documents.
    const published = client.diagnostics(uri, 2);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { cekPolicy: { rules: { 'owner-missing': 'off' } } } });
    assert.ok(!codes((await published).diagnostics).includes('owner-missing'));
  });
});

describe('language server: wrong settings in initializationOptions', () => {
  for (const settings of [{ files: null, rules: null, review: null, catalogs: [42], today: 20261124 }, 42, null]) {
    it(`initializationOptions.settings = ${JSON.stringify(settings)}`, async () => {
      const client = new TestClient({ initializationOptions: { settings }, configuration: false });
      try {
        await client.initialize();
        const { diagnostics } = await client.open('init.yaml', noOwner);
        assert.ok(codes(diagnostics).includes('owner-missing'));
        assert.equal(client.exitCode, undefined);
        if (settings !== null) assert.ok(client.messages.length > 0, 'the bad value is reported');
      } finally {
        await client.stop();
      }
    });
  }
});

describe('language server: failures stay with their document', () => {
  const client = new TestClient({ env: { CEK_POLICY_INJECT_FAULT: 'cek-policy-test-fault' } });
  before(() => client.initialize());
  after(() => client.stop());

  it('a document whose check fails gets an internal-error diagnostic; the others are checked', async () => {
    const broken = await client.open('broken.yaml', `${noOwner}# cek-policy-test-fault\n`);
    assert.equal(broken.diagnostics.length, 1);
    const [failure] = broken.diagnostics;
    assert.equal(failure.code, 'internal-error');
    assert.equal(failure.source, 'cek-policy');
    assert.equal(failure.severity, 1);
    assert.equal(failure.message, 'cek-policy could not check this document (Error: injected fault (CEK_POLICY_INJECT_FAULT)); other documents are not affected. Please report this.');
    assert.ok(codes((await client.open('healthy.yaml', noOwner)).diagnostics).includes('owner-missing'));
    // Requests on the failing document answer with nothing rather than an error, and the server keeps serving.
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: broken.uri }, position: { line: 1, character: 1 } });
    assert.equal(hover, null);
    assert.ok(codes(await client.change(broken.uri, 2, noOwner)).includes('owner-missing'), 'once the fault is gone, the document is checked again');
    assert.equal(client.exitCode, undefined);
  });

  it('malformed requests are answered, not fatal', async () => {
    const { uri } = await client.open('malformed.yaml', noOwner);
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: null }), null);
    assert.ok(Array.isArray(await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 'x', character: {} } })));
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: [{ source: 'cek-policy', data: { rule: 5 } }, null] } });
    assert.ok(Array.isArray(actions));
    assert.equal(await client.connection.sendRequest('cekPolicy/controlMarkdown', null), null);
    assert.equal(await client.connection.sendRequest('cekPolicy/controlMarkdown', { id: { toString: 1 } }), null);
    assert.equal(client.exitCode, undefined);
    assert.ok(codes(await client.change(uri, 2, noOwner + '#\n')).includes('owner-missing'));
  });
});

describe('language server: the time budget per document', () => {
  const client = new TestClient({ env: { CEK_POLICY_TIME_BUDGET_MS: '0' } });
  before(() => client.initialize());
  after(() => client.stop());

  it('a document that exceeds it gets a finding naming the rules that did not run', async () => {
    const { diagnostics } = await client.open('budget.yaml', noOwner);
    assert.deepEqual(codes(diagnostics), ['internal-error']);
    assert.match(String(diagnostics[0].message), /^Checking stopped after 0 s, the time budget per document in the editor: rules `schema`, `date-format`, .* did not run, so their findings are missing\./);
    assert.equal(diagnostics[0].severity, 2);
  });
});

describe('language server: opening is not debounced', () => {
  const client = new TestClient();
  before(() => client.initialize());
  after(() => client.stop());

  it('didOpen publishes at once and once; typing in one file never delays a newly opened one', async () => {
    const typing = await client.open('typing.yaml', yaml);
    assert.deepEqual(client.history(typing.uri).map((params) => params.version), [1], 'one publication for the open');
    // An edit starts the debounce of typing.yaml; the file opened right after must not wait behind it.
    const edited = client.diagnostics(typing.uri, 2);
    const order: string[] = [];
    void edited.then(() => order.push('typing.yaml v2'));
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: typing.uri, version: 2 }, contentChanges: [{ text: noOwner }] });
    const opened = await client.open('opened.yaml', noOwner);
    order.push('opened.yaml v1');
    assert.ok(codes(opened.diagnostics).includes('owner-missing'));
    await edited;
    assert.deepEqual(order, ['opened.yaml v1', 'typing.yaml v2']);
    assert.deepEqual(client.history(opened.uri).map((params) => params.version), [1]);
  });
});
