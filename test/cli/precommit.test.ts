import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { ROOT, TODAY } from '../helpers/ruleTester';
import { cli, findingsOf, gap, policy, workspace } from './helpers';

interface Hook {
  id: string;
  entry: string;
  language: string;
  types_or: string[];
}

const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = hooks.find((entry) => entry.id === 'cek-policy')!;

/** What pre-commit runs: the hook's entry with every staged file of the matching types appended. */
function runHook(files: string[], cwd: string, extra: string[] = []) {
  const [binary, ...args] = hook.entry.split(' ');
  assert.equal(binary, 'cek-policy');
  return cli([...args, ...extra, ...files], cwd);
}

describe('pre-commit and lint-staged (CLI process)', () => {
  it('.pre-commit-hooks.yaml declares a node hook over YAML and Markdown', () => {
    assert.equal(hook.language, 'node');
    assert.deepEqual(hook.types_or, ['yaml', 'markdown']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.ok(pkg.bin[hook.entry.split(' ')[0]], 'the entry is a binary of the package pre-commit installs');
  });

  it('staged files that are not policies get no findings, one info line each, and exit 0', () => {
    const dir = workspace({ 'docker-compose.yaml': 'services:\n  web: { image: nginx }\n', 'README.md': '# Readme\n\nHow to build.\n', 'policies/kms.yaml': policy });
    const result = runHook(['docker-compose.yaml', 'README.md', 'policies/kms.yaml'], dir, ['--today', TODAY]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^✔ no problems in 1 policy \(2 non-policy files skipped\)$/m);
    assert.deepEqual(result.stderr.trimEnd().split('\n'), [
      'cek-policy: docker-compose.yaml skipped: not a policy (no "kind: crypto-policy", not in the files: of .cekpolicy.yaml, and it has no title (front matter `title`, first heading) naming a policy about cryptography, encryption or keys); to check it anyway: cek-policy check --policy docker-compose.yaml',
      'cek-policy: README.md skipped: not a policy (no "kind: crypto-policy", not in the files: of .cekpolicy.yaml, and its title "Readme" names no policy, standard, procedure, runbook or matrix about cryptography, encryption or keys); to check it anyway: cek-policy check --policy README.md',
    ]);
  });

  it('a staged policy with an error fails the commit; --quiet drops the info lines', () => {
    const dir = workspace({ 'README.md': '# Readme\n', 'kms.yaml': gap });
    const result = runHook(['README.md', 'kms.yaml'], dir, ['--today', TODAY, '--quiet']);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /^kms\.yaml\n {2}\d+:\d+ {2}error {2}.* {2}owner-missing$/m);
  });

  it('lint-staged passes absolute paths: same result', () => {
    const dir = workspace({ 'notes.md': '# Notes\n', 'kms.yaml': gap });
    const result = cli(['check', '--format', 'json', '--today', TODAY, join(dir, 'notes.md'), join(dir, 'kms.yaml')], dir);
    assert.equal(result.code, 1);
    assert.deepEqual([...new Set(findingsOf(result).map((finding) => finding.file))], ['kms.yaml']);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1);
    assert.match(result.stderr, /notes\.md skipped: not a policy/);
  });

  it('a staged Markdown file matched by files: in .cekpolicy.yaml is checked without the marker', () => {
    const dir = workspace({ '.cekpolicy.yaml': 'files: ["policies/*.md"]\n', 'policies/crypto.md': '# Crypto policy\n\nWe encrypt.\n' });
    const result = runHook(['policies/crypto.md'], dir, ['--format', 'json', '--today', TODAY]);
    assert.equal(result.stderr, '');
    assert.ok(findingsOf(result).some((finding) => finding.rule === 'owner-missing'));
  });
});
