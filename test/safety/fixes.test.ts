import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText } from '../../server/src/engine/engine';
import { applyEdits, fixAll } from '../../server/src/engine/fixes/fixes';
import { ruleById } from '../../server/src/engine/rules';
import type { Rule } from '../../server/src/engine/rules/rule';
import type { Finding, Fix } from '../../server/src/engine/types';
import { edit, example, TODAY } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');

function findings(text: string, rule: string, fileName = 'p.yaml'): Finding[] {
  return checkText(text, fileName, { today: TODAY }).findings.filter((finding) => finding.rule === rule);
}

function choices(finding: Finding): Fix[] {
  return [...(finding.fix ? [finding.fix] : []), ...(finding.suggestions ?? [])];
}

/** A rule that offers the given fixes (as suggestions) on one finding at the kind key. */
function offering(fixes: ((text: string) => Fix)[]): Rule {
  return { ...ruleById('owner-missing'), id: 'offering', check: (context) => [{ span: context.doc.anchor, message: 'test', suggestions: () => fixes.map((make) => make(context.doc.text)) }] };
}

const at = (text: string, search: string) => {
  const index = text.indexOf(search);
  assert.ok(index >= 0, search);
  return index;
};

describe('fixes edit an existing key rather than adding a second one', () => {
  it('"Add an assignee" on `assignee: [Company Name]` replaces the placeholder', () => {
    const text = edit(yaml, '    assignee: Model Security Team', '    assignee: [Company Name]');
    const [finding] = findings(text, 'role-unassigned');
    const [suggestion] = choices(finding);
    assert.equal(suggestion.title, 'Add an assignee');
    const fixed = applyEdits(text, suggestion.edits).text;
    assert.equal(fixed, edit(yaml, '    assignee: Model Security Team', '    assignee: TBD'));
    assert.deepEqual(findings(fixed, 'role-unassigned'), []);
    assert.deepEqual(findings(fixed, 'parse-error'), []);
  });

  it('"Add trained date" on an empty `trained:` fills it in, also before a comment', () => {
    for (const [before, after] of [['    trained:\n', '    trained: 2026-11-24\n'], ['    trained:   # to do\n', '    trained:   2026-11-24 # to do\n']]) {
      const text = edit(yaml, '    alternates: [incident-lead]\n    trained: 2026-02-01\n', `    alternates: [incident-lead]\n${before}`);
      const finding = findings(text, 'role-training-missing')[0];
      const [suggestion] = choices(finding);
      const fixed = applyEdits(text, suggestion.edits).text;
      assert.equal(fixed, edit(text, before, after));
      assert.deepEqual(findings(fixed, 'parse-error'), []);
      assert.ok(findings(fixed, 'role-training-missing').length < findings(text, 'role-training-missing').length);
    }
  });

  it('no suggestion proposes a role\'s own id as its alternate (two roles sharing an id)', () => {
    const text = edit(edit(yaml, '  - id: incident-lead', '  - id: key-custodian'), '    alternates: [incident-lead]\n', '');
    for (const finding of findings(text, 'alternate-missing')) {
      for (const fix of choices(finding)) {
        const fixed = applyEdits(text, fix.edits).text;
        assert.doesNotMatch(fix.title, /^Add key-custodian as alternate$/, `offered on ${text.slice(finding.span.start, finding.span.end)}`);
        assert.deepEqual(findings(fixed, 'parse-error'), []);
      }
    }
  });
});

describe('every fix and suggestion re-parses its result before it is offered (the central vetting)', () => {
  const text = 'kind: crypto-policy\nid: POL-1\nroles:\n  - id: a\n    alternates: [b]\n';
  const replace = (search: string, newText: string) => (source: string): Fix => ({ title: `${search} -> ${newText}`, edits: [{ start: at(source, search), end: at(source, search) + search.length, newText }] });
  const cases: [string, (source: string) => Fix][] = [
    ['breaks the syntax', replace('[b]', '[b')],
    ['adds a second `id`', replace('id: POL-1\n', 'id: POL-1\nid: POL-2\n')],
    ['removes the `kind: crypto-policy` marker', replace('kind: crypto-policy\n', '')],
    ['changes the marker', replace('crypto-policy', 'crypto-polic')],
    ['makes a role its own alternate', replace('[b]', '[a]')],
    ['adds a second document', replace('id: POL-1\n', 'id: POL-1\n---\nx: 1\n')],
  ];
  for (const [name, bad] of cases) {
    it(`a suggestion that ${name} is dropped; a good one next to it stays`, () => {
      const good = replace('POL-1', 'POL-2');
      const result = checkText(text, 'p.yaml', { today: TODAY, rules: [offering([bad, good])] });
      const [finding] = result.findings;
      assert.deepEqual(finding.suggestions!.map((fix) => fix.title), ['POL-1 -> POL-2']);
    });
  }

  it('a safe fix that breaks the document is not offered at all', () => {
    const rule: Rule = { ...ruleById('owner-missing'), id: 'offering', check: (context) => [{ span: context.doc.anchor, message: 'test', fix: replace('[b]', '[b')(context.doc.text) }] };
    const [finding] = checkText(text, 'p.yaml', { today: TODAY, rules: [rule] }).findings;
    assert.equal(finding.fix, undefined);
    assert.equal(fixAll(text, (current) => checkText(current, 'p.yaml', { today: TODAY, rules: [rule] }).findings).text, text);
  });

  it('edits that split a CRLF, split an emoji or land before the BOM are never offered', () => {
    const source = '\ufeffkind: crypto-policy\r\nid: 😀\r\n';
    const split = (offset: number) => (): Fix => ({ title: `at ${offset}`, edits: [{ start: offset, end: offset, newText: 'x: 1\r\n' }] });
    const result = checkText(source, 'p.yaml', { today: TODAY, rules: [offering([split(0), split(20), split(27), split(source.length)])] });
    assert.deepEqual(result.findings[0].suggestions!.map((fix) => fix.title), [`at ${source.length}`]);
  });

  it('Markdown front matter edits are vetted on the front matter', () => {
    const markdown = '---\nkind: crypto-policy\nid: POL-1\n---\n\n# Policy\n';
    const result = checkText(markdown, 'p.md', { today: TODAY, rules: [offering([replace('id: POL-1\n', 'id: POL-1\n---\n'), replace('id: POL-1\n', 'id: POL-1\nid: 2\n'), replace('POL-1', 'POL-2')])] });
    assert.deepEqual(result.findings[0].suggestions!.map((fix) => fix.title), ['POL-1 -> POL-2']);
  });

  it('fix-all applies fixes that are safe alone but clash together one pass at a time', () => {
    // Two rules each add the same key in a different place: each fix is valid alone, both together are a duplicate.
    const adds = (id: string, where: string): Rule => ({
      ...ruleById('owner-missing'), id,
      check: (context) => context.doc.text.includes('owner:') ? [] : [{ span: context.doc.anchor, message: id, fix: { title: id, edits: [{ start: at(context.doc.text, where), end: at(context.doc.text, where), newText: 'owner: X\n' }] } }],
    });
    const rules = [adds('first', 'id: POL-1'), adds('second', 'roles:')];
    const fixed = fixAll(text, (current) => checkText(current, 'p.yaml', { today: TODAY, rules }).findings);
    assert.equal(fixed.text, text.replace('id: POL-1', 'owner: X\nid: POL-1'));
    assert.equal(fixed.fixed, 1);
  });
});
