import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText, type CheckResult } from '../../server/src/engine/engine';
import { depthRefusal, emphasisRefusal, MAX_LISTED_IDS, MAX_NESTING_DEPTH } from '../../server/src/engine/parse/limits';
import { nearMiss } from '../../server/src/engine/rules/helpers';
import { edit, example, TODAY } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const FRONT = '---\nkind: crypto-policy\n---\n\n';

function check(text: string, fileName: string): CheckResult {
  return checkText(text, fileName, { today: TODAY });
}

function only(result: CheckResult): string[] {
  return result.findings.map((finding) => `${finding.rule}: ${finding.message}`);
}

/** A block mapping nested `levels` deep by indentation. */
function blockNesting(levels: number): string {
  return 'kind: crypto-policy\n' + Array.from({ length: levels }, (_, level) => `${'  '.repeat(level)}k${level}:\n`).join('') + `${'  '.repeat(levels)}leaf: 1\n`;
}

describe('no unbounded recursion on input-controlled depth: a finding, never a stack overflow', () => {
  it('YAML: 10,000 nested [ (20 KB)', () => {
    const result = check('kind: crypto-policy\nx: ' + '['.repeat(10_000) + '\n', 'p.yaml');
    assert.deepEqual(only(result), [`parse-error: ${depthRefusal()}`]);
    assert.equal(result.isPolicy, true, 'still known to be a policy');
  });

  it('YAML: 10,000 nested, closed [ ] and { }', () => {
    assert.deepEqual(only(check('kind: crypto-policy\nx: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n', 'p.yaml')), [`parse-error: ${depthRefusal()}`]);
    assert.deepEqual(only(check('kind: crypto-policy\nx: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n', 'p.yaml')), [`parse-error: ${depthRefusal()}`]);
  });

  it(`YAML: indentation nesting is accepted up to ${MAX_NESTING_DEPTH} levels and refused past it, on its line`, () => {
    assert.ok(!check(blockNesting(MAX_NESTING_DEPTH - 2), 'p.yaml').findings.some((finding) => finding.rule === 'parse-error'));
    const deep = check(blockNesting(2_000), 'p.yaml');
    assert.deepEqual(only(deep), [`parse-error: ${depthRefusal()}`]);
    assert.equal(deep.document.lines.positionAt(deep.findings[0].span.start).line, MAX_NESTING_DEPTH + 1, 'on the line of the first mapping past the limit (line 0 holds the root)');
  });

  it('YAML: an alias inside its own anchor (an endless value) is refused', () => {
    for (const text of ['kind: crypto-policy\na: &x [1, *x]\n', 'kind: crypto-policy\na: &x\n  b: *x\n']) {
      assert.deepEqual(only(check(text, 'p.yaml')), ['parse-error: An alias refers to a node that contains it (an endless value); the document is not checked further.']);
    }
  });

  it('YAML: nesting built from aliases counts as nesting', () => {
    const lines = ['kind: crypto-policy', 'a0: &a0 [[[[[[[[[[1]]]]]]]]]]'];
    for (let index = 1; index < 12; index++) lines.push(`a${index}: &a${index} [[[[[[[[[[*a${index - 1}]]]]]]]]]]`);
    assert.deepEqual(only(check(lines.join('\n') + '\n', 'p.yaml')), [`parse-error: ${depthRefusal()}`]);
  });

  it('Markdown: a block quote nested 5,000 deep', () => {
    const result = check(FRONT + '>'.repeat(5_000) + ' deep\n', 'p.md');
    assert.deepEqual(only(result), [`parse-error: ${depthRefusal()}`]);
    assert.equal(result.document.lines.positionAt(result.findings[0].span.start).line, 4);
  });

  it('Markdown: a list nested 800 deep', () => {
    const list = Array.from({ length: 800 }, (_, level) => `${'  '.repeat(level)}- item ${level}\n`).join('');
    assert.deepEqual(only(check(FRONT + list, 'p.md')), [`parse-error: ${depthRefusal()}`]);
  });

  it('Markdown: nesting a policy uses is fine (quotes and lists a few levels deep, a deeply indented code line)', () => {
    const text = FRONT + '# Policy\n\n> - a\n>   - b\n>     > c\n\n1. one\n   1. two\n      - three\n\n```\n' + ' '.repeat(200) + 'an indented code line\n```\n';
    assert.ok(!check(text, 'p.md').findings.some((finding) => finding.rule === 'parse-error'));
  });
});

describe('bounded cost', () => {
  it('Markdown: a paragraph too dense with emphasis markers for the parser is refused', () => {
    const bomb = '*a '.repeat(2_000) + 'b' + '*'.repeat(2_000) + '\n';
    assert.deepEqual(only(check(FRONT + bomb, 'p.md')), [`parse-error: ${emphasisRefusal()}`]);
    const lazy = 'x | y\n|-|\n' + '*a\n'.repeat(2_500);
    assert.deepEqual(only(check(FRONT + lazy, 'p.md')), [`parse-error: ${emphasisRefusal()}`], 'a delimiter row that makes no table does not hide the paragraph');
  });

  it('Markdown: a long table with bold cells, and many emphasised paragraphs, are fine', () => {
    const table = '| Role | Duty |\n|---|---|\n' + '| **Role** | **duty** |\n'.repeat(400);
    const paragraphs = 'Some *emphasis* and **strong** text.\n\n'.repeat(1_000);
    const result = check(FRONT + '# Policy\n\n' + table + '\n' + paragraphs, 'p.md');
    assert.ok(!result.findings.some((finding) => finding.rule === 'parse-error'));
  });

  it('unknown-role: thousands of roles with unknown alternates get capped messages and one duplicate finding each', () => {
    const roles = Array.from({ length: 2_000 }, (_, index) => `  - id: role-${index % 1_999}\n    assignee: Team ${index}\n    responsibilities: [key-rotation]\n    alternates: [nobody-${index}]\n`).join('');
    const text = edit(yaml, yaml.slice(yaml.indexOf('roles:')), `roles:\n${roles}`);
    const findings = check(text, 'p.yaml').findings.filter((finding) => finding.rule === 'unknown-role');
    assert.equal(findings.filter((finding) => /is used twice/.test(finding.message)).length, 1);
    const unknown = findings.filter((finding) => /names no role/.test(finding.message));
    assert.equal(unknown.length, 2_000);
    assert.match(unknown[0].message, new RegExp(`\\(roles: (role-\\d+, ){${MAX_LISTED_IDS - 1}}role-\\d+, and 1,989 more\\)\\.$`));
    assert.ok(unknown.every((finding) => finding.message.length < 400));
  });

  it('near-miss suggestions skip ids past the length limit and never propose the role itself', () => {
    assert.equal(nearMiss('x'.repeat(20_000), ['x'.repeat(20_001)]), undefined);
    assert.equal(nearMiss('key-custodain', ['key-custodian']), 'key-custodian');
    const text = edit(yaml, '    alternates: [incident-lead]', '    alternates: [key-custodain]');
    const finding = check(text, 'p.yaml').findings.find((candidate) => candidate.rule === 'unknown-role')!;
    assert.match(finding.message, /names no role of this policy/, 'the only near miss is the role itself');
    assert.equal(finding.fix, undefined);
  });
});
