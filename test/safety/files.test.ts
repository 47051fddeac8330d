import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalogs, loadLayeredConfig } from '../../server/src/engine/config/workspace';
import { checkDocument, checkText } from '../../server/src/engine/engine';
import { documentFromSource } from '../../server/src/engine/parse/document';
import { BINARY_REFUSAL, MAX_POLICY_BYTES, UTF8_REFUSAL } from '../../server/src/engine/parse/limits';
import { isInside, readSource } from '../../server/src/engine/parse/source';
import { TODAY } from '../helpers/ruleTester';

function workspace(files: Record<string, string | Buffer> = {}): string {
  const directory = mkdtempSync(join(tmpdir(), 'cek-safety-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(directory, name, '..'), { recursive: true });
    writeFileSync(join(directory, name), content);
  }
  return directory;
}

function fifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}

/** A sparse file of `bytes` bytes that starts with `head`: stat says its size without any of it being written. */
function sparse(path: string, head: string, bytes: number): string {
  writeFileSync(path, head);
  truncateSync(path, bytes);
  return path;
}

describe('byte limits before reading; only regular files are read', () => {
  it('a FIFO, /dev/zero and a directory are refused without reading (nothing blocks or grows)', () => {
    const directory = workspace();
    assert.deepEqual(readSource(fifo(join(directory, 'pipe.yaml')), MAX_POLICY_BYTES), { kind: 'refused', message: 'Not a regular file (a FIFO); cek-policy reads only regular files.', head: '' });
    assert.deepEqual(readSource('/dev/zero', MAX_POLICY_BYTES), { kind: 'refused', message: 'Not a regular file (a character device); cek-policy reads only regular files.', head: '' });
    assert.equal((readSource(directory, MAX_POLICY_BYTES) as { message: string }).message, 'Not a regular file (a directory); cek-policy reads only regular files.');
  });

  it('the size limit is in bytes and checked with fstat before reading', () => {
    const directory = workspace();
    const huge = readSource(sparse(join(directory, 'huge.yaml'), 'kind: crypto-policy\n', 50 * 1024 * 1024), MAX_POLICY_BYTES);
    assert.equal(huge.kind, 'refused');
    assert.equal((huge as { message: string }).message, 'File is 50 MB; cek-policy checks policies up to 4 MB.');
    // 1.5 million CJK characters: 1.5 MB of UTF-16 units, 4.3 MB of UTF-8 bytes, refused both from disk and from the editor.
    const cjk = 'kind: crypto-policy\ntitle: ' + '鍵'.repeat(1_500_000) + '\n';
    writeFileSync(join(directory, 'cjk.yaml'), cjk);
    const fromDisk = readSource(join(directory, 'cjk.yaml'), MAX_POLICY_BYTES);
    assert.equal(fromDisk.kind, 'refused');
    const fromEditor = checkText(cjk, 'cjk.yaml', { today: TODAY });
    assert.deepEqual(fromEditor.findings.map((finding) => finding.message), [(fromDisk as { message: string }).message]);
    assert.equal(fromEditor.isPolicy, true, 'the refusal is reported for a policy, not swallowed');
  });

  it('invalid UTF-8 and binary data are findings, the same from disk and from the editor', () => {
    const directory = workspace({
      'latin1.yaml': Buffer.concat([Buffer.from('kind: crypto-policy\ntitle: Schl'), Buffer.from([0xfc]), Buffer.from('ssel\n')]),
      'binary.yaml': Buffer.from('kind: crypto-policy\n\u0000\u0001'),
    });
    const latin1 = readSource(join(directory, 'latin1.yaml'), MAX_POLICY_BYTES);
    assert.deepEqual([latin1.kind, (latin1 as { message: string }).message], ['refused', UTF8_REFUSAL]);
    const binary = readSource(join(directory, 'binary.yaml'), MAX_POLICY_BYTES);
    assert.equal((binary as { message: string }).message, BINARY_REFUSAL);
    assert.deepEqual(checkText('kind: crypto-policy\n\u0000\u0001', 'b.yaml', { today: TODAY }).findings.map((finding) => finding.message), [BINARY_REFUSAL]);
    // Found by a directory scan (not forced): a refused file that is a policy still gets its finding.
    for (const source of [latin1, binary]) {
      const result = checkDocument(documentFromSource(source, 'found.yaml'), { today: TODAY });
      assert.equal(result.isPolicy, true);
      assert.equal(result.findings.length, 1);
      assert.equal(result.findings[0].rule, 'parse-error');
    }
    const notPolicy = readSource(join(workspace({ 'other.yaml': Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]) }), 'other.yaml'), MAX_POLICY_BYTES);
    assert.equal(checkDocument(documentFromSource(notPolicy, 'other.yaml'), { today: TODAY }).isPolicy, false, 'other YAML stays silent');
  });

  it('a BOM is kept as U+FEFF for the engine to handle', () => {
    const directory = workspace({ 'bom.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('kind: crypto-policy\n')]) });
    assert.deepEqual(readSource(join(directory, 'bom.yaml'), MAX_POLICY_BYTES), { kind: 'text', text: '\ufeffkind: crypto-policy\n' });
  });
});

describe('catalogs stay inside the workspace and never quote file content', () => {
  const secret = 'root:$6$s3cr3t-hash:19000:0:99999:7:::';

  it('/dev/zero, a FIFO, a file outside the workspace and a link leading out are refused', () => {
    const outside = workspace({ 'shadow': secret + '\n', 'outside.json': '{"id": "X-1"}' });
    const inside = workspace({ 'ok.json': '[]' });
    fifo(join(inside, 'pipe.json'));
    symlinkSync(join(outside, 'shadow'), join(inside, 'link.json'));
    symlinkSync('/dev/zero', join(inside, 'zero.json'));
    const paths = ['/dev/zero', 'pipe.json', join(outside, 'shadow'), '../' + outside.split('/').pop() + '/outside.json', 'link.json', 'zero.json'];
    const { errors } = loadCatalogs(paths, inside);
    assert.deepEqual(errors, [
      `/dev/zero: outside the workspace (${inside}); catalogs must be in the folder of .cekpolicy.yaml or below; skipped`,
      'pipe.json: Not a regular file (a FIFO); cek-policy reads only regular files. Skipped.',
      `${join(outside, 'shadow')}: outside the workspace (${inside}); catalogs must be in the folder of .cekpolicy.yaml or below; skipped`,
      `${paths[3]}: outside the workspace (${inside}); catalogs must be in the folder of .cekpolicy.yaml or below; skipped`,
      `link.json: outside the workspace (${inside}); catalogs must be in the folder of .cekpolicy.yaml or below; skipped`,
      `zero.json: outside the workspace (${inside}); catalogs must be in the folder of .cekpolicy.yaml or below; skipped`,
    ]);
  });

  it('a catalog that is not JSON, or not our shape, is reported without a byte of it', () => {
    const inside = workspace({
      'shadow.json': secret + '\n',
      'keys.json': JSON.stringify({ controls: [{ id: 'X-1', 'AKIA-secret-key': 'value' }] }),
      'stix.json': JSON.stringify({ type: 'bundle', objects: [{ type: 'x-control', spec_version: '2.1', id: 'secret-object-id' }] }),
    });
    const { errors } = loadCatalogs(['shadow.json', 'keys.json', 'stix.json'], inside);
    assert.equal(errors[0], 'shadow.json: not valid JSON');
    for (const error of errors) {
      assert.ok(!error.includes('s3cr3t') && !error.includes('root:') && !error.includes('AKIA') && !error.includes('secret-object-id'), error);
    }
    assert.ok(errors.some((error) => error.startsWith('stix.json: STIX object 1 has no control id')));
  });

  it('catalogs named in editor settings need a workspace folder', () => {
    assert.deepEqual(loadCatalogs(['a.json'], undefined).errors, ['a.json: catalogs are read only inside a workspace (the folder of .cekpolicy.yaml); skipped']);
  });

  it('a .cekpolicy.yaml that is a FIFO or too large is a problem on it, and the defaults apply', () => {
    const directory = workspace();
    const pipe = fifo(join(directory, '.cekpolicy.yaml'));
    const loaded = loadLayeredConfig(pipe, [], []);
    assert.deepEqual(loaded.problems.map((problem) => problem.message), ['Not a regular file (a FIFO); cek-policy reads only regular files.']);
    assert.equal(loaded.config.review.maxIntervalMonths, 12);
    const big = sparse(join(workspace(), '.cekpolicy.yaml'), 'today: 2026-01-01\n', 2 * 1024 * 1024);
    assert.deepEqual(loadLayeredConfig(big, [], []).problems.map((problem) => problem.message), ['File is 2 MB; cek-policy checks configuration files up to 1 MB.']);
  });
});

describe('inside the workspace: one test for catalogs, profiles, BOMs, scans and policy sets', () => {
  it('the folder and what is below it; not its parent, a sibling with the same prefix, or another root', () => {
    const root = join(tmpdir(), 'ws');
    assert.equal(isInside(root, root), true);
    assert.equal(isInside(root, join(root, 'a', 'b.md')), true);
    assert.equal(isInside(root, join(root, '..notes.md')), true);
    assert.equal(isInside(root, join(root, '..')), false);
    assert.equal(isInside(root, join(root, '..', 'other', 'x.md')), false);
    assert.equal(isInside(root, `${root}x`), false);
    assert.equal(isInside(join(root, 'a'), root), false);
  });
});
