import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Hover } from 'vscode-languageserver-protocol';
import { EditTrail } from '../../server/src/features/editTrail';
import { example } from '../helpers/ruleTester';
import { TestClient } from './client';

const yaml = example('key-management-policy.yaml');

describe('edit trail: offsets of the analysed version and of the current text', () => {
  const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 6 }), insert: fc.string({ maxLength: 6, unit: fc.constantFrom('a', 'b', '\n', '\r\n', '🔐') }) });

  it('every character left untouched maps both ways; typed characters have no earlier place', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40, unit: fc.constantFrom('x', 'y', '\n', 'é', '🔐') }), fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (text, batches) => {
      const trail = new EditTrail();
      let document = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
      // A second copy is edited change by change to phrase each change of a batch against the text before it.
      const shadow = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
      // Where each character of the current text came from: its offset in the first version, or -1 if typed since.
      let origins = [...Array(text.length + 1).keys()];
      let version = 1;
      for (const batch of batches) {
        version++;
        const changes = batch.map(({ at, remove, insert }) => {
          const length = shadow.getText().length;
          const start = Math.min(at, length);
          const end = Math.min(length, start + remove);
          const change = { range: { start: shadow.positionAt(start), end: shadow.positionAt(end) }, text: insert };
          const [from, to] = [shadow.offsetAt(change.range.start), shadow.offsetAt(change.range.end)];
          origins = [...origins.slice(0, from), ...Array<number>(insert.length).fill(-1), ...origins.slice(to)];
          TextDocument.update(shadow, [change], version);
          return change;
        });
        document = trail.update(document, changes, version);
      }
      assert.equal(document.getText(), shadow.getText());
      const map = trail.since('file:///t.yaml', 1, version)!;
      assert.ok(map);
      for (const [offset, origin] of origins.entries()) {
        if (origin === -1) assert.equal(map.toAnalysed(offset), undefined, `typed character at ${offset}`);
        else {
          assert.equal(map.toAnalysed(offset), origin, `current ${offset}`);
          assert.equal(map.toCurrent(origin), offset, `analysed ${origin}`);
        }
      }
      assert.equal(trail.since('file:///t.yaml', 0, version), undefined, 'a version the trail does not start from');
    }), { numRuns: 300, seed: 12 });

  });

  it('forgets what precedes the newest analysis, and a whole-text change maps nothing typed', () => {
    const trail = new EditTrail();
    let document = TextDocument.create('file:///t.yaml', 'yaml', 1, 'abc\ndef\n');
    document = trail.update(document, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: 'X' }], 2);
    document = trail.update(document, [{ text: 'new text' }], 3);
    assert.equal(trail.since(document.uri, 1, 3)!.toAnalysed(2), undefined);
    assert.equal(trail.since(document.uri, 1, 3)!.toAnalysed(8), 8, 'the end of the text');
    trail.forgetBefore(document.uri, 2);
    assert.equal(trail.since(document.uri, 1, 3), undefined);
    assert.ok(trail.since(document.uri, 2, 3));
    assert.equal(trail.since(document.uri, 3, 3)!.toCurrent(5), 5, 'the analysed version is the current one');
  });
});

describe('language server: requests while typing answer from the last analysis', () => {
  // The injected fault makes every check of a version containing the marker fail: an answer that needs a new
  // check is then empty, so an answer that is not shows it came from the analysis of the earlier version.
  const client = new TestClient({ env: { CEK_POLICY_INJECT_FAULT: 'cek-policy-test-fault' } });
  before(() => client.initialize());
  after(() => client.stop());

  const lineOf = (text: string, prefix: string) => text.split('\n').findIndex((line) => line.startsWith(prefix));

  it('completion reads the line as typed now, and role ids from the last analysis', async () => {
    const { uri } = await client.open('typing.yaml', yaml);
    const typed = `# cek-policy-test-fault\n# typed above\n${yaml.replace('actor: MP', 'actor: ')}`;
    const published = client.diagnostics(uri, 2);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 5, character: 'actor: '.length }, end: { line: 5, character: 'actor: MP'.length } }, text: '' },
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# cek-policy-test-fault\n# typed above\n' },
      ],
    });
    const actorLine = lineOf(typed, 'actor:');
    const actors = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: actorLine, character: 'actor: '.length } });
    assert.deepEqual(actors.map((item) => item.label), ['CSP', 'MP', 'OSP', 'AP', 'AIC']);
    const alternatesLine = lineOf(typed, '    alternates:');
    const roles = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: alternatesLine, character: '    alternates: ['.length } });
    assert.ok(roles.some((item) => item.label === 'key-custodian'), 'role ids of the last analysis');
    // The new version itself cannot be checked (the fault): its diagnostics say so, the answers above did not wait for it.
    assert.deepEqual((await published).diagnostics.map((diagnostic) => diagnostic.code), ['internal-error']);
  });

  it('hover answers on an unchanged line, with its range in the current text, and not on a line typed on', async () => {
    const { uri } = await client.open('hovering.yaml', yaml);
    const published = client.diagnostics(uri, 2);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 3, character: 'title: '.length }, end: { line: 3, character: 'title: '.length } }, text: 'Draft ' },
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# cek-policy-test-fault 🔐\n' },
      ],
    });
    const controlsLine = lineOf(yaml, 'controls:') + 1;
    const onControl = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: controlsLine, character: 'controls: [CEK-0'.length } });
    assert.match(JSON.stringify(onControl?.contents), /CEK-01/);
    assert.deepEqual(onControl?.range, { start: { line: controlsLine, character: 'controls: ['.length }, end: { line: controlsLine, character: 'controls: [CEK-01'.length } });
    const titleLine = lineOf(yaml, 'title:') + 1;
    const onTyped = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: titleLine, character: 'title: Dr'.length } });
    assert.equal(onTyped, null, 'the title line changed: only a check of the new version may answer, and it fails');
    assert.deepEqual((await published).diagnostics.map((diagnostic) => diagnostic.code), ['internal-error']);
  });
});
