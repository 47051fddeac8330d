import assert from 'node:assert/strict';
import { it } from 'node:test';
import { example, ruleTester, run } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');

function aliasBomb(levels: number): string {
  const lines = ['kind: crypto-policy', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level < levels; level++) {
    const previous = String.fromCharCode(96 + level);
    const name = String.fromCharCode(97 + level);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
  }
  return lines.join('\n') + '\n';
}

ruleTester('parse-error', {
  valid: [
    { name: 'well-formed YAML', code: yaml },
    { name: 'well-formed Markdown', code: example('key-management-policy.md'), fileName: 'p.md' },
    { name: 'small aliases are fine', code: 'kind: crypto-policy\nowner: &o { name: A, role: B }\nx: *o\n' },
  ],
  invalid: [
    {
      name: 'an unclosed flow sequence',
      code: 'kind: crypto-policy\ncontrols: [CEK-01, CEK-02\nowner: Lena\n',
      errors: [{ range: [3, 1, 3, 2], text: 'o', severity: 'error', message: 'Flow sequence in block collection must be sufficiently indented and end with a ]' }],
      output: null,
    },
    {
      name: 'a duplicate key',
      code: 'kind: crypto-policy\nowner: A\nowner: B\n',
      errors: [{ range: [3, 1, 3, 2], text: 'o', message: 'Map keys must be unique' }],
    },
    {
      name: 'broken front matter in Markdown',
      code: '---\nkind: crypto-policy\nowner: [a\n---\n\n# Policy\n',
      fileName: 'p.md',
      errors: [{ range: [4, 1, 4, 2], text: '-' }],
    },
    {
      name: 'binary bytes',
      code: 'kind: crypto-policy\n\u0000\u0001\u0002',
      force: true,
      errors: [{ range: [1, 1, 1, 1], message: 'File contains binary data (NUL bytes); it is not a YAML or Markdown policy.' }],
    },
    {
      name: 'an alias bomb is refused, quickly',
      code: aliasBomb(9),
      errors: [{ range: [1, 1, 1, 1], message: /alias bomb/ }],
    },
  ],
});

it('parse-error: an oversized file is refused without parsing, and nothing else is reported', () => {
  const code = 'kind: crypto-policy\n' + 'x: y\n'.repeat(1_000_000);
  const findings = run({ name: 'huge', code, force: true });
  assert.equal(findings.length, 1);
  assert.equal(findings[0].rule, 'parse-error');
  assert.match(findings[0].message, /^File is 4\.8 MB; cek-policy checks policies up to 4 MB\.$/);
});

it('parse-error: when parsing fails no other rule reports', () => {
  const findings = run({ name: 'broken', code: 'kind: crypto-policy\nowner: [\n' });
  assert.ok(findings.length > 0);
  assert.deepEqual([...new Set(findings.map((finding) => finding.rule))], ['parse-error']);
});
