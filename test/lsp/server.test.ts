import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CodeLens, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/engine/fixes/fixes';
import { LineIndex } from '../../server/src/engine/parse/text';
import { edit, withoutOwner, example } from '../helpers/ruleTester';
import { TestClient } from './client';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');
const noOwner = withoutOwner(yaml);

function apply(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  return applyEdits(text, edits.map((change) => ({ start: lines.offsetAt(change.range.start), end: lines.offsetAt(change.range.end), newText: change.newText }))).text;
}

function codes(diagnostics: Diagnostic[]): string[] {
  // (diagnostic codes are rule ids)
  return diagnostics.map((diagnostic) => String(diagnostic.code));
}

describe('language server over stdio', () => {
  const client = new TestClient();
  before(() => client.initialize());
  after(() => client.stop());

  it('publishes diagnostics with exact ranges, code, source and docs link', async () => {
    const { diagnostics } = await client.open('gaps.yaml', noOwner);
    const owner = diagnostics.find((diagnostic) => diagnostic.code === 'owner-missing')!;
    assert.deepEqual(owner.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
    assert.equal(owner.source, 'cek-policy');
    assert.equal(owner.severity, 1);
    assert.match(owner.codeDescription!.href, /docs\/rules\/owner-missing\.md$/);
    assert.match(String(owner.message), /\[CEK-01 auditing guideline 2\]$/);
  });

  it('the compliant YAML and Markdown examples get no diagnostics but info', async () => {
    assert.deepEqual(codes((await client.open('clean.yaml', yaml)).diagnostics), []);
    assert.deepEqual(codes((await client.open('clean.md', markdown)).diagnostics), []);
  });

  it('counts columns in UTF-16 code units and handles CRLF', async () => {
    const text = edit(yaml, 'approval: { by: Risk Committee, date: 2026-05-04', 'approval: { by: "🔐 Risk Committee", date: 2026/05/04').replace(/\n/g, '\r\n');
    const { diagnostics } = await client.open('emoji.yaml', text);
    const date = diagnostics.find((diagnostic) => diagnostic.code === 'date-format')!;
    const line = text.split('\r\n')[8];
    const character = line.indexOf('2026/05/04');
    assert.deepEqual(date.range, { start: { line: 8, character }, end: { line: 8, character: character + 10 } });
    assert.equal(character, 43, 'the emoji counts as two UTF-16 code units');
  });

  it('publishes related information for a segregation-of-duties conflict', async () => {
    const { uri, diagnostics } = await client.open('sod.yaml', edit(yaml, '    assignee: ML Platform Team', '    assignee: Model Security Team'));
    const conflict = diagnostics.find((diagnostic) => diagnostic.code === 'sod-conflict')!;
    assert.deepEqual(conflict.relatedInformation?.map((related) => [related.location.uri, related.location.range.start.line, related.message]), [[uri, 42, '`key-generation` held here by role `key-custodian`']]);
  });

  it('stays silent on non-policy YAML and clears diagnostics when a file stops being a policy', async () => {
    assert.deepEqual((await client.open('docker-compose.yml', 'services:\n  web:\n    image: nginx\n')).diagnostics, []);
    const { uri, diagnostics } = await client.open('was-policy.yaml', noOwner);
    assert.ok(diagnostics.length > 0);
    assert.deepEqual(await client.change(uri, 2, noOwner.replace('kind: crypto-policy', 'kind: Deployment')), []);
  });

  it('publishes only for the latest version after a burst of edits', async () => {
    const { uri } = await client.open('burst.yaml', yaml);
    const last = client.diagnostics(uri, 6);
    for (let version = 2; version <= 6; version++) {
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: edit(yaml, 'next: 2027-05-04', `next: 2025-0${version}-01`) }] });
    }
    const published = await last;
    assert.ok(published.diagnostics.some((diagnostic) => diagnostic.code === 'review-overdue'));
    assert.deepEqual(client.history(uri).map((params) => params.version), [1, 6]);
  });

  it('edits make review-overdue appear', async () => {
    const { uri } = await client.open('edit.yaml', yaml);
    const diagnostics = await client.change(uri, 2, edit(yaml, 'next: 2027-05-04', 'next: 2024-05-04'));
    const overdue = diagnostics.find((diagnostic) => diagnostic.code === 'review-overdue')!;
    assert.equal(overdue.range.start.line, 11);
  });

  describe('hover', () => {
    const hover = (uri: string, line: number, character: number) => client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    const value = (result: Hover | null): string => (result && typeof result.contents === 'object' && 'value' in result.contents ? String(result.contents.value) : '');

    it('on a control id in a value: title, specification, CAIQ, SSRM for the actor, guidelines, standards', async () => {
      const { uri } = await client.open('hover.yaml', yaml.replace('kind: crypto-policy', 'kind: crypto-policy # see CEK-01.2'));
      const text = value(await hover(uri, 6, 13));
      assert.match(text, /\*\*CEK-01 · Encryption and Key Management Policy and Procedures\*\*/);
      assert.match(text, /Establish, document, approve, communicate, apply, evaluate and maintain policies/);
      assert.match(text, /CEK-01\.1: Are cryptography, encryption, and key management policies and procedures established/);
      assert.match(text, /\*\*SSRM for MP\*\* \(Model Provider, Model layer\): Owned by the Model Provider \(MP\)/);
      assert.match(text, /2\. \*\*Governance\.\*\* Confirm that the CEK policy is formally approved/);
      assert.match(text, /ISO 27001: Annex A Control A\.8\.24/);
      const caiq = value(await hover(uri, 1, 28));
      assert.match(caiq, /^\*\*CEK-01\.2\*\* \(CAIQ\): Are cryptography, encryption, and key management policies and procedures reviewed and updated at least annually/);
    });

    it('on a control id in Markdown prose, and nothing on plain words', async () => {
      const { uri } = await client.open('hover.md', edit(markdown, 'This policy sets how', 'Under CEK-02 this policy sets how'));
      assert.match(value(await hover(uri, 15, 8)), /CEK-02 · CEK Roles and Responsibilities/);
      assert.equal(await hover(uri, 16, 0), null, 'nothing on an empty line');
    });

    it('on evidence: the guidelines a sentence establishes; on the title: the SSRM actor and how it was known', async () => {
      const { uri } = await client.open('evidence.md', markdown);
      const evidence = value(await hover(uri, 49, 10));
      assert.match(evidence, /^\*\*Evidence an auditor would accept\*\*/);
      assert.match(evidence, /- CEK-01 auditing guideline 7: key usage logging and auditing/);
      const prose = '---\nkind: crypto-policy\n---\n# Key Policy\n\nOur LLM platform stores customer prompts; each tenant\'s data is encrypted with its own key.\n';
      const inferred = await client.open('actor.md', prose);
      const title = value(await hover(inferred.uri, 3, 4));
      assert.match(title, /^\*\*SSRM actor: AP\*\* \(inferred\)/);
      assert.match(title, /- line 6: an AI product or platform — “Our LLM platform stores customer prompts;/);
    });

    it('on a field key and on a duty id', async () => {
      const { uri } = await client.open('hover2.yaml', yaml);
      assert.match(value(await hover(uri, 7, 2)), /designated policy owner \(CEK-01 auditing guideline 2, Governance\)/);
      assert.match(value(await hover(uri, 42, 42)), /^\*\*Duty `key-rotation`\*\*\n\nRotates keys on schedule and on compromise\.\n\n- CEK-02 auditing guideline 1: Verify that CSP roles/);
    });
  });

  describe('code actions', () => {
    const actions = (uri: string, diagnostics: Diagnostic[], only?: string[]) =>
      client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics, only } });

    it('a preferred quick fix that removes the finding and keeps every other line', async () => {
      const text = edit(yaml, 'controls: [CEK-01, CEK-02]', 'controls: [CEK-01, CEK-2]');
      const { uri, diagnostics } = await client.open('fix.yaml', text);
      const target = diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-control');
      const [quickFix, disableLine, disableFile] = await actions(uri, target);
      assert.equal(quickFix.title, 'Change to CEK-02');
      assert.equal(quickFix.isPreferred, true);
      const fixed = apply(text, quickFix.edit!.changes![uri]);
      assert.equal(fixed, yaml);
      assert.ok(!codes(await client.change(uri, 2, fixed)).includes('unknown-control'));
      assert.equal(disableLine.title, 'Disable unknown-control for this line');
      assert.equal(apply(text, disableLine.edit!.changes![uri]), edit(text, 'controls: [CEK-01, CEK-2]', '# cek-policy-disable-next-line unknown-control -- reason\ncontrols: [CEK-01, CEK-2]'));
      assert.equal(apply(text, disableFile.edit!.changes![uri]), `# cek-policy-disable unknown-control -- reason\n${text}`);
    });

    it('suggestions are quick fixes too; in Markdown the disable comment is an HTML comment', async () => {
      const text = edit(edit(markdown, 'governance: { body: Security Committee, review_months: 12 }\n', ''), ' by the Security Committee', '') + '\n## Notes\n';
      const { uri, diagnostics } = await client.open('suggest.md', text);
      const governance = diagnostics.filter((diagnostic) => diagnostic.code === 'governance-missing');
      const list = await actions(uri, governance);
      assert.deepEqual(list.map((action) => action.title), ['Add a governance block', 'Disable governance-missing for this line', 'Disable governance-missing for this file']);
      const fixed = apply(text, list[0].edit!.changes![uri]);
      assert.ok(!codes(await client.change(uri, 2, fixed)).includes('governance-missing'));
    });

    it('moves recognised Markdown metadata into front matter (migrate), body untouched', async () => {
      const text = '---\nkind: crypto-policy\n---\n\n# Key Policy\n\n**Owner**: Priya Raman\n';
      const { uri, diagnostics } = await client.open('migrate.md', text);
      assert.ok(!codes(diagnostics).includes('owner-missing'), 'the bold-header owner counts');
      const [migrate] = await actions(uri, [], ['refactor.rewrite']);
      assert.equal(migrate.title, 'Move recognised metadata into front matter (title, owner)');
      assert.equal(apply(text, migrate.edit!.changes![uri]), '---\nkind: crypto-policy\ntitle: Key Policy\nowner:\n  name: Priya Raman\n---\n\n# Key Policy\n\n**Owner**: Priya Raman\n');
    });

    it('source.fixAll applies every safe fix to a fixed point', async () => {
      const text = edit(edit(yaml, 'controls: [CEK-01, CEK-02]', 'controls: [CEK-1, CEK-2]'), 'date: 2026-05-04', 'date: 2026/05/04');
      const { uri, diagnostics } = await client.open('fixall.yaml', text);
      const [fixAll] = await actions(uri, diagnostics, ['source.fixAll.cek-policy']);
      assert.equal(fixAll.kind, 'source.fixAll.cek-policy');
      assert.equal(apply(text, fixAll.edit!.changes![uri]), yaml);
    });
  });

  describe('completion, outline and code lens', () => {
    const complete = (uri: string, line: number, character: number) => client.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });

    it('completes actors, duty ids, role ids, control ids, dates and field names', async () => {
      const text = edit(edit(yaml, 'actor: MP', 'actor: '), '    alternates: [incident-lead]', '    alternates: []') + 'rev';
      const { uri } = await client.open('complete.yaml', text);
      assert.deepEqual((await complete(uri, 5, 7)).map((item) => item.label), ['CSP', 'MP', 'OSP', 'AP', 'AIC']);
      assert.ok((await complete(uri, 6, 11)).some((item) => item.label === 'CEK-02'));
      const duties = (await complete(uri, 42, 23)).map((item) => item.label);
      assert.ok(duties.includes('key-rotation') && duties.includes('downstream-coordination'));
      assert.deepEqual((await complete(uri, 43, 17)).map((item) => item.label), ['policy-owner', 'key-custodian', 'platform-admin', 'incident-lead', 'crypto-architect']);
      assert.deepEqual((await complete(uri, 10, 8)).map((item) => item.label), ['2026-11-24']);
      const lastLine = text.split('\n').length - 1;
      assert.deepEqual((await complete(uri, lastLine, 3)).map((item) => item.label), []);
      const missingField = await client.open('complete2.yaml', edit(yaml, 'governance: { body: Risk Committee, review_months: 12 }\n', 'gov\n'));
      const root = (await complete(missingField.uri, 27, 3)).map((item) => item.label);
      assert.ok(root.includes('governance'));
      assert.ok(!root.includes('owner'), 'fields already present are not offered');
      const nested = await client.open('complete3.yaml', edit(yaml, '  interval_months: 12\n', '  inter\n'));
      assert.deepEqual((await complete(nested.uri, 12, 7)).map((item) => item.label), ['interval_months']);
    });

    it('with more than 100 roles, offers the ids matching what is typed and says the list is incomplete', async () => {
      const extra = Array.from({ length: 150 }, (_, index) => `  - id: extra-role-${index}\n    title: Extra ${index}\n    assignee: Team ${index}\n    responsibilities: [key-rotation]\n`).join('');
      const text = edit(yaml, '    alternates: [incident-lead]', '    alternates: [policy-owner, extra-role-12') + extra;
      const { uri } = await client.open('many-roles.yaml', text);
      const line = text.split('\n').findIndex((content) => content.includes('extra-role-12'));
      const typed = await client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character: '    alternates: [policy-owner, extra-role-12'.length } });
      assert.equal(typed.isIncomplete, true);
      assert.deepEqual(typed.items.map((item) => item.label), ['extra-role-12', ...Array.from({ length: 10 }, (_, index) => `extra-role-12${index}`)]);
      const empty = await client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character: '    alternates: ['.length } });
      assert.equal(empty.items.length, 100, 'at most 100 at once');
      assert.equal(empty.items[0].label, 'policy-owner');
    });

    it('outlines fields and roles, and shows the per-control status lens', async () => {
      const { uri } = await client.open('outline.yaml', noOwner);
      const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(symbols.slice(0, 3).map((symbol) => symbol.name), ['kind', 'id', 'title']);
      assert.deepEqual(symbols.find((symbol) => symbol.name === 'roles')!.children!.map((role) => `${role.name}: ${role.detail}`).slice(0, 2), ['policy-owner: Security Governance Office', 'key-custodian: Model Security Team']);
      const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      // One CEK-01 auditing guideline open (governance: no owner); every CEK-02 one met.
      assert.equal(lenses[0].command!.title, 'CEK-01: 7/8 auditing guidelines met · CEK-02: 10/10 met');
      assert.deepEqual(lenses[0].command!.arguments, ['CEK-01']);
      const md = await client.open('outline.md', markdown);
      const sections = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: md.uri } });
      const title = sections.find((symbol) => symbol.name === 'Encryption and Key Management Policy')!;
      assert.ok(title.children!.some((child) => child.name === 'Roles and Responsibilities' && child.children!.length === 5));
    });
  });

  it('re-validates open documents when settings change', async () => {
    const { uri, diagnostics } = await client.open('settings.yaml', noOwner);
    assert.ok(codes(diagnostics).includes('owner-missing'));
    client.settings = { ...client.settings, rules: { 'owner-missing': 'off' } };
    const next = client.diagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    assert.ok(!codes((await next).diagnostics).includes('owner-missing'));
    await client.changeSettings({ ...client.settings, rules: {} }, uri);
  });

  it('a settings notification that changes none of our settings re-checks nothing', async () => {
    const { uri } = await client.open('unchanged-settings.yaml', noOwner);
    // Editors send it for a change of any setting; the answer to the server's question is the same settings.
    await client.sendSettings(client.settings);
    const changed = await client.changeSettings({ ...client.settings, rules: { 'owner-missing': 'off' } }, uri);
    assert.ok(!codes(changed.diagnostics).includes('owner-missing'));
    assert.equal(client.history(uri).length, 2, 'published for the open and for the real change only');
    await client.changeSettings({ ...client.settings, rules: {} }, uri);
  });

  it('shows problems of .cekpolicy.yaml on the config file', async () => {
    const { diagnostics } = await client.open('.cekpolicy.yaml', 'today: 2026-11-24\nrules:\n  owner-missing: sometimes\n');
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(diagnostics[0].range, { start: { line: 2, character: 17 }, end: { line: 2, character: 26 } });
  });

  it('serves the full control text for "Show Control"', async () => {
    const page = await client.connection.sendRequest<string>('cekPolicy/controlMarkdown', { id: 'CEK-02' });
    assert.match(page, /^# CEK-02 — CEK Roles and Responsibilities/);
    assert.match(page, /9\. Validate that continuity and succession plans are in place/);
  });
});
