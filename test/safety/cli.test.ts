import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BINARY_REFUSAL, depthRefusal, UTF8_REFUSAL } from '../../server/src/engine/parse/limits';
import { edit, example, TODAY, withoutOwner } from '../helpers/ruleTester';
import { CLI, cli, findingsOf, workspace, type CliRun, type FlatFinding } from '../cli/helpers';

const policy = example('key-management-policy.yaml');
const gap = withoutOwner(policy);

function byFile(run: Pick<CliRun, 'stdout' | 'cwd'>): Map<string, FlatFinding[]> {
  const map = new Map<string, FlatFinding[]>();
  for (const finding of findingsOf(run)) map.set(finding.file, [...(map.get(finding.file) ?? []), finding]);
  return map;
}

describe('CLI: one file never takes the others down', () => {
  it('a file whose check fails gets an internal error, and the other files are still reported', () => {
    const directory = workspace({ 'a.yaml': gap, 'b.yaml': `${gap}# cek-policy-test-fault\n`, 'c.yaml': gap });
    const result = cli(['check', '.', '--format', 'json', '--today', TODAY], directory, { env: { CEK_POLICY_INJECT_FAULT: 'cek-policy-test-fault' } });
    assert.equal(result.code, 2, 'the run could not check every file');
    assert.equal(result.stderr, 'cek-policy: internal error while checking b.yaml: injected fault (CEK_POLICY_INJECT_FAULT)\n');
    const files = byFile(result);
    assert.deepEqual([...files.keys()].sort(), ['a.yaml', 'b.yaml', 'c.yaml']);
    assert.deepEqual(files.get('b.yaml')!.map((finding) => [finding.rule, finding.message]), [
      ['internal-error', 'cek-policy failed in checking this file (Error: injected fault (CEK_POLICY_INJECT_FAULT)); it is not checked; the other files are. Please report this.'],
    ]);
    assert.ok(files.get('a.yaml')!.some((finding) => finding.rule === 'owner-missing'));
    assert.ok(files.get('c.yaml')!.some((finding) => finding.rule === 'owner-missing'));
  });

  it('deep nesting in one file is a finding on it; the others are reported', () => {
    const directory = workspace({
      'a.yaml': gap,
      'deep.yaml': 'kind: crypto-policy\nx: ' + '['.repeat(10_000) + '\n',
      'quote.md': '---\nkind: crypto-policy\n---\n\n' + '>'.repeat(5_000) + ' deep\n',
    });
    const result = cli(['check', '.', '--format', 'json', '--today', TODAY], directory);
    assert.equal(result.stderr, '');
    const files = byFile(result);
    assert.deepEqual(files.get('deep.yaml')!.map((finding) => finding.message), [depthRefusal()]);
    assert.deepEqual(files.get('quote.md')!.map((finding) => finding.message), [depthRefusal()]);
    assert.ok(files.get('a.yaml')!.some((finding) => finding.rule === 'owner-missing'));
  });
});

describe('CLI: refusals are the same finding wherever the file comes from', () => {
  it('found in a directory scan: binary, over-size and invalid UTF-8 policies are reported; CR-only files are policies', () => {
    const directory = workspace({
      'binary.yaml': Buffer.from('kind: crypto-policy\n\u0000\u0001\n'),
      'latin1.md': Buffer.concat([Buffer.from('---\nkind: crypto-policy\n---\n\n# Schl'), Buffer.from([0xfc]), Buffer.from('ssel\n')]),
      'cr.yaml': gap.replace(/\n/g, '\r'),
      'notes.yaml': Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]),
    });
    writeFileSync(join(directory, 'huge.yaml'), 'kind: crypto-policy\n');
    truncateSync(join(directory, 'huge.yaml'), 64 * 1024 * 1024);
    const result = cli(['check', '.', '--format', 'json', '--today', TODAY], directory);
    assert.equal(result.stderr, '');
    const files = byFile(result);
    assert.deepEqual(files.get('binary.yaml')!.map((finding) => finding.message), [BINARY_REFUSAL]);
    assert.deepEqual(files.get('latin1.md')!.map((finding) => finding.message), [UTF8_REFUSAL]);
    assert.deepEqual(files.get('huge.yaml')!.map((finding) => finding.message), ['File is 64 MB; cek-policy checks policies up to 4 MB.']);
    assert.ok(!files.has('notes.yaml'), 'a file that is not a policy stays silent, refused or not');
    const cr = files.get('cr.yaml')!;
    assert.deepEqual(cr.map((finding) => `${finding.rule} ${finding.line}:${finding.column}`), ['owner-missing 2:1'], 'one real finding at its place, none at 1:1');
  });

  it('named: a FIFO and /dev/zero are refused at once, never read', () => {
    const directory = workspace({});
    execFileSync('mkfifo', [join(directory, 'pipe.yaml')]);
    const result = cli(['check', 'pipe.yaml', '/dev/zero', '--format', 'json', '--today', TODAY], directory);
    assert.equal(result.signal, null, 'no hang');
    const files = byFile(result);
    assert.deepEqual(files.get('pipe.yaml')!.map((finding) => finding.message), ['Not a regular file (a FIFO); cek-policy reads only regular files.']);
    assert.deepEqual([...files.entries()].filter(([file]) => file.endsWith('zero')).map(([, findings]) => findings[0].message), ['Not a regular file (a character device); cek-policy reads only regular files.']);
  });

  it('standard input is read no further than the limit and decoded as a file is', () => {
    const directory = workspace({});
    const run = (input: Buffer) => spawnSync(process.execPath, [CLI, 'check', '-', '--policy', '-', '--format', 'json', '--today', TODAY], { cwd: directory, input, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
    const endless = run(Buffer.alloc(5 * 1024 * 1024, 0x61));
    assert.deepEqual(findingsOf({ stdout: endless.stdout, cwd: directory }).map((finding) => finding.message), ['Standard input is over 4 MB; cek-policy checks policies up to 4 MB.']);
    const latin1 = run(Buffer.concat([Buffer.from('kind: crypto-policy\ntitle: Schl'), Buffer.from([0xfc]), Buffer.from('ssel\n')]));
    assert.deepEqual(findingsOf({ stdout: latin1.stdout, cwd: directory }).map((finding) => finding.message), [UTF8_REFUSAL]);
  });

  it('a .cekpolicy.yaml that is a FIFO is a config error, not a hang', () => {
    const directory = workspace({ 'p.yaml': gap });
    execFileSync('mkfifo', [join(directory, '.cekpolicy.yaml')]);
    const result = cli(['check', 'p.yaml', '--today', TODAY], directory);
    assert.equal(result.signal, null);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^\.cekpolicy\.yaml:1:1: config error: Not a regular file \(a FIFO\); cek-policy reads only regular files\.$/m);
  });

  it('--fix keeps a BOM and CRLF line ends', () => {
    const text = '\ufeff' + edit(policy, 'date: 2026-05-04', 'date: 2026/05/04').replace(/\n/g, '\r\n');
    const directory = workspace({ 'p.yaml': text });
    cli(['check', 'p.yaml', '--fix', '--today', TODAY], directory);
    assert.equal(readFileSync(join(directory, 'p.yaml'), 'utf8'), '\ufeff' + policy.replace(/\n/g, '\r\n'));
  });
});
