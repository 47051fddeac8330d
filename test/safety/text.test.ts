import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText, type CheckResult } from '../../server/src/engine/engine';
import { applyEdits, fixAll } from '../../server/src/engine/fixes/fixes';
import { sniffMarker } from '../../server/src/engine/parse/document';
import { LineIndex, splitsUnit } from '../../server/src/engine/parse/text';
import type { Finding } from '../../server/src/engine/types';
import { edit, example, TODAY } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');
const BOM = '\ufeff';

function check(text: string, fileName: string, force = false): CheckResult {
  return checkText(text, fileName, { today: TODAY, force });
}

/** Findings as `rule line:col-line:col`, the way an editor shows them. */
function shown(result: CheckResult): string[] {
  const lines = result.document.lines;
  return result.findings.map((finding) => {
    const start = lines.positionAt(finding.span.start);
    const end = lines.positionAt(finding.span.end);
    return `${finding.rule} ${start.line}:${start.character}-${end.line}:${end.character}`;
  });
}

const withLineEnds = (text: string, eol: string) => text.replace(/\n/g, eol);

/** A Markdown policy with a few findings in the body table and in the front matter. */
const markdownGaps = edit(edit(markdown, '| Platform Admin | Platform Team | encryption-enforcement, ai-workload-encryption | Crypto Architect |', '| Platform Admin | Platform Team | encryption-enforcment, ai-workload-encryption | Crypto Archtect |'), 'review: { last: 2026-03-10', 'review: { last: 2026/03/10');
const yamlGaps = edit(edit(yaml, 'governance: { body: Risk Committee, review_months: 12 }\n', ''), '    alternates: [incident-lead]', '    alternates: [incident-laed]');

describe('BOM and line ends are handled once, where text enters the engine', () => {
  for (const [name, text, fileName] of [['Markdown', markdownGaps, 'p.md'], ['YAML', yamlGaps, 'p.yaml']] as const) {
    it(`${name}: a BOM moves no range (the BOM is not a column)`, () => {
      const plain = shown(check(text, fileName));
      assert.ok(plain.length > 0);
      assert.deepEqual(shown(check(BOM + text, fileName)), plain);
    });

    for (const [ends, eol] of [['CRLF', '\r\n'], ['lone CR', '\r'], ['BOM and CRLF (Notepad)', '\r\n']] as const) {
      it(`${name}: ${ends} line ends give the same findings on the same lines and columns`, () => {
        const converted = (ends.startsWith('BOM') ? BOM : '') + withLineEnds(text, eol);
        assert.deepEqual(shown(check(converted, fileName)), shown(check(text, fileName)));
      });
    }

    it(`${name}: mixed line ends count every LF, CRLF and CR as one line end`, () => {
      const lines = text.split('\n');
      // A CR before an empty LF-ended line would be a CRLF: CR ends only lines followed by text.
      const eol = (index: number) => (index % 3 === 1 && lines[index + 1] !== '' ? '\r' : index % 3 === 2 ? '\r\n' : '\n');
      const mixed = lines.map((line, index) => line + (index === lines.length - 1 ? '' : eol(index))).join('');
      assert.deepEqual(shown(check(mixed, fileName)), shown(check(text, fileName)));
    });
  }

  it('the compliant examples stay compliant with a BOM and CRLF, as Windows Notepad saves them', () => {
    for (const [text, fileName] of [[markdown, 'p.md'], [yaml, 'p.yaml']]) {
      const findings = check(BOM + withLineEnds(text, '\r\n'), fileName).findings.filter((finding) => finding.severity !== 'info');
      assert.deepEqual(findings.map((finding) => finding.message), []);
    }
  });

  it('fix-all on a Markdown policy with a BOM fixes the right characters and keeps the BOM', () => {
    const text = BOM + withLineEnds(markdownGaps, '\r\n');
    const fixed = fixAll(text, (current) => check(current, 'p.md').findings).text;
    assert.ok(fixed.startsWith(BOM), 'the BOM is kept');
    assert.equal(fixed.indexOf(BOM, 1), -1, 'and not repeated');
    assert.ok(!fixed.includes('encryption-enforcementt'), 'a correct duty id is never rewritten');
    assert.equal(fixed, BOM + withLineEnds(edit(markdownGaps, 'review: { last: 2026/03/10', 'review: { last: 2026-03-10').replace('encryption-enforcment', 'encryption-enforcement'), '\r\n'));
  });

  it('in YAML with a BOM, "Add a governance block" is indented like its siblings and keeps the BOM', () => {
    const text = BOM + yamlGaps;
    const governance = check(text, 'p.yaml').findings.find((finding) => finding.rule === 'governance-missing')!;
    const [suggestion] = governance.suggestions!;
    const fixed = applyEdits(text, suggestion.edits).text;
    assert.ok(fixed.startsWith(BOM + yamlGaps.slice(0, 20)));
    assert.match(fixed, /\ngovernance:\n {2}body: TBD\n {2}review_months: 12\n/);
    assert.ok(!check(fixed, 'p.yaml').findings.some((finding) => finding.rule === 'governance-missing' || finding.rule === 'parse-error'));
  });

  it('an inserted field uses the document\'s own line end, CR included', () => {
    const text = withLineEnds(yamlGaps, '\r');
    const governance = check(text, 'p.yaml').findings.find((finding) => finding.rule === 'governance-missing')!;
    const fixed = applyEdits(text, governance.suggestions![0].edits).text;
    assert.ok(!fixed.includes('\n'), 'no LF enters a CR-only file');
    assert.ok(!check(fixed, 'p.yaml').findings.some((finding) => finding.rule === 'governance-missing'));
  });

  it('a file with CR-only line ends is recognised as a policy without being forced', () => {
    for (const [text, fileName] of [[yaml, 'p.yaml'], [markdown, 'p.md']]) {
      const result = check(withLineEnds(text, '\r'), fileName);
      assert.equal(result.isPolicy, true, fileName);
      assert.deepEqual(result.findings.filter((finding) => finding.severity !== 'info').map((finding) => finding.message), []);
    }
  });

  it('the line index treats the BOM as no column and never lands inside a CRLF or a surrogate pair', () => {
    const text = `${BOM}a\r\nb😀c\rd`;
    const lines = new LineIndex(text);
    assert.deepEqual(lines.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(1), { line: 0, character: 0 });
    assert.equal(lines.offsetAt({ line: 0, character: 0 }), 1, 'nothing is ever inserted before the BOM');
    assert.deepEqual(lines.positionAt(3), { line: 0, character: 1 }, 'inside the CRLF: the end of the line');
    assert.deepEqual(lines.positionAt(6), { line: 1, character: 1 }, 'inside the emoji: before it');
    assert.deepEqual(lines.positionAt(8), { line: 1, character: 4 });
    assert.deepEqual(lines.positionAt(9), { line: 2, character: 0 });
    assert.equal(lines.lineCount, 3);
    assert.equal(lines.eol, '\r\n');
    assert.equal(new LineIndex('a\rb\nc').eol, '\r');
  });
});

describe('every range lies inside the document, on a code-point boundary, never inside a CRLF', () => {
  /** Parse errors whose raw positions the YAML parser puts past the end, inside an emoji or inside a CRLF. */
  const cases: [string, string][] = [
    ['an unterminated quote at the end (past the end)', 'kind: crypto-policy\r\nx: "abc'],
    ['an unclosed flow sequence at the end (past the end)', 'kind: crypto-policy\nx: [a, b'],
    ['an emoji before a colon (splits the surrogate pair)', 'kind: crypto-policy\r\nx: 😀: y\r\n'],
    ['an unclosed flow map before CRLF (inside the CRLF)', 'kind: crypto-policy\r\nx: {:\r\n\r\n'],
    ['an unclosed flow map after an emoji (past the end)', 'kind: crypto-policy\nx: {a: 😀'],
  ];
  for (const [name, text] of cases) {
    it(`parse error: ${name}`, () => {
      const result = check(text, 'p.yaml');
      assert.ok(result.findings.length > 0);
      assert.ok(result.findings.every((finding) => finding.rule === 'parse-error'));
      for (const finding of result.findings) assertOnBoundaries(text, finding);
    });
  }

  it('in Markdown front matter too', () => {
    const text = `${BOM}---\r\nkind: crypto-policy\r\nowner: "😀\r\n---\r\n\r\n# Policy\r\n`;
    const result = check(text, 'p.md');
    assert.ok(result.findings.some((finding) => finding.rule === 'parse-error'));
    for (const finding of result.findings) assertOnBoundaries(text, finding);
  });
});

function assertOnBoundaries(text: string, finding: Finding): void {
  for (const offset of [finding.span.start, finding.span.end]) {
    assert.ok(offset >= 1 || !text.startsWith(BOM), `${finding.rule}: not before the BOM`);
    assert.ok(offset >= 0 && offset <= text.length, `${finding.rule}: ${offset} inside 0..${text.length}`);
    assert.ok(!splitsUnit(text, offset), `${finding.rule}: ${offset} splits a CRLF or a surrogate pair`);
  }
  assert.ok(finding.span.start <= finding.span.end);
}

describe('whether a refused file is a policy is read from its head', () => {
  it('YAML root, Markdown front matter, any line ends, a BOM', () => {
    assert.equal(sniffMarker('kind: crypto-policy\nx: [', 'yaml'), true);
    assert.equal(sniffMarker(`${BOM}id: x\r"kind": 'crypto-policy'\r`, 'yaml'), true);
    assert.equal(sniffMarker('{kind: crypto-policy, x: 1}', 'yaml'), true);
    assert.equal(sniffMarker('services:\n  kind: crypto-policy\n', 'yaml'), false, 'only at the root');
    assert.equal(sniffMarker('---\r\nkind: crypto-policy\r\n---\r\n# Title', 'markdown'), true);
    assert.equal(sniffMarker('# Title\n\nkind: crypto-policy\n', 'markdown'), false);
    assert.equal(sniffMarker('---\nkind: crypto-policy\n', 'markdown'), false, 'front matter needs its closing fence');
  });
});
