import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type * as Sarif from 'sarif';
import { TODAY, edit, example } from '../helpers/ruleTester';
import { CLI, cli, findingsOf, gap, policy, workspace } from './helpers';

const markdown = example('key-management-policy.md');
const markdownGaps = example(join('gaps', 'application-policy-gaps.md'));
const yamlGaps = example(join('gaps', 'cloud-provider-gaps.yaml'));
/** A safely fixable error (date-format). */
const fixable = edit(policy, 'next: 2027-05-04', 'next: 2027/05/04');
/** One warning (approval-evidence-missing). */
const warningOnly = edit(policy, ', evidence: "RC-2026-05 minutes" }', ' }');
const suppressed = edit(gap, 'kind: crypto-policy\n', '# cek-policy-disable-next-line owner-missing -- named in the ISMS register (until 2027-01-31)\nkind: crypto-policy\n');

/** A folder of mixed policies: YAML and Markdown, compliant and not, CRLF, BOM, suppressions, fixes, non-policies, a `files:` glob. */
function mixedFolder(): string {
  const files: Record<string, string> = {
    'notes/README.md': '# Notes\n\nNothing to check.\n',
    'compose.yaml': 'services:\n  web: { image: nginx }\n',
    'broken.yaml': 'kind: crypto-policy\na: [\n',
    'prose/.cekpolicy.yaml': 'files: ["*.md"]\nrules: { review-overdue: warning }\n',
    'prose/crypto.md': '# Crypto policy\n\nWe encrypt data at rest.\n',
    'prose/keys.md': markdownGaps,
  };
  const variants: [string, string][] = [['ok.yaml', policy], ['gap.yaml', gap], ['gaps.yaml', yamlGaps], ['fixable.yaml', fixable], ['warn.yaml', warningOnly], ['suppressed.yaml', suppressed], ['ok.md', markdown], ['gaps.md', markdownGaps]];
  for (let unit = 0; unit < 5; unit++) {
    for (const [name, text] of variants) {
      const variant = unit % 2 === 1 ? text.replace(/\n/g, '\r\n') : unit === 2 ? `\uFEFF${text}` : text;
      files[`unit-${unit}/${name}`] = variant;
    }
  }
  return workspace(files, { git: true });
}

const debug = (topics: string) => ({ env: { CEK_POLICY_DEBUG: topics } });

/** The CEK_POLICY_DEBUG=jobs line: files answered by the main thread and by each worker thread. */
function threads(stderr: string): { main: number; workers: number[] } {
  const match = /^cek-policy: jobs: \d+ files?; main thread (\d+); worker threads ([\d ]+|none)$/m.exec(stderr);
  assert.ok(match, `no jobs line in ${JSON.stringify(stderr)}`);
  return { main: Number(match[1]), workers: match[2] === 'none' ? [] : match[2].split(' ').map(Number) };
}

/** The CEK_POLICY_DEBUG=cache line: files taken from the cache. */
function cacheHits(stderr: string): { hits: number; total: number; discarded: boolean } {
  const match = /^cek-policy: cache: (\d+) of (\d+) files? from .*$/m.exec(stderr);
  assert.ok(match, `no cache line in ${JSON.stringify(stderr)}`);
  return { hits: Number(match[1]), total: Number(match[2]), discarded: /not a valid cache/.test(match[0]) };
}

/** stderr without the debug lines, as a user sees it. */
function userLines(stderr: string): string {
  return stderr.split('\n').filter((line) => !/^cek-policy: (jobs|cache): /.test(line)).join('\n');
}

describe('--jobs: worker threads, stable output (CLI process)', () => {
  const dir = mixedFolder();

  for (const format of ['text', 'json', 'sarif'] as const) {
    it(`--format ${format}: the same bytes, exit status and stderr on 1, 2 and 3 threads`, () => {
      const args = ['check', '.', 'compose.yaml', '--format', format, '--today', TODAY];
      const single = cli([...args, '--jobs', '1'], dir, debug('jobs'));
      assert.deepEqual(threads(single.stderr), { main: 46, workers: [] }, 'one thread: the main thread checks everything');
      assert.equal(single.code, 1, 'errors, among them the parse error of broken.yaml');
      for (const jobs of ['2', '3']) {
        const parallel = cli([...args, '--jobs', jobs], dir, debug('jobs'));
        const used = threads(parallel.stderr);
        assert.equal(used.workers.length, Number(jobs) - 1, 'the main thread is one of the --jobs threads');
        assert.ok(used.main > 0, 'the main thread checked files too');
        assert.ok(used.workers.every((count) => count > 0), `every worker checked files: ${used.workers.join(' ')}`);
        assert.equal(used.main + used.workers.reduce((sum, count) => sum + count, 0), 46);
        assert.equal(parallel.stdout, single.stdout, `--jobs ${jobs} prints what --jobs 1 prints`);
        assert.equal(userLines(parallel.stderr), userLines(single.stderr));
        assert.equal(parallel.code, single.code);
      }
    });
  }

  it('report --format json is the same on 1 and 2 threads', () => {
    const args = ['report', '.', '--format', 'json', '--today', TODAY];
    const single = cli([...args, '--jobs', '1'], dir);
    const parallel = cli([...args, '--jobs', '2'], dir);
    assert.equal(single.code, 0);
    assert.equal(parallel.stdout, single.stdout);
    assert.equal((JSON.parse(single.stdout) as { documents: unknown[] }).documents.length, 43);
  });

  it('--fix-dry-run and --quiet are the same on 1 and 2 threads', () => {
    for (const extra of [['--fix-dry-run', '--format', 'json'], ['--quiet'], ['--quiet', '--format', 'sarif']]) {
      const args = ['check', '.', '--today', TODAY, ...extra];
      const single = cli([...args, '--jobs', '1'], dir);
      const parallel = cli([...args, '--jobs', '2'], dir);
      assert.equal(parallel.stdout, single.stdout, extra.join(' '));
      assert.equal(parallel.code, single.code);
    }
  });

  it('--fix writes the same files from worker threads', () => {
    const fixDir = workspace(Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`p${index}.yaml`, index % 3 === 0 ? gap : fixable])));
    const result = cli(['check', '.', '--fix', '--jobs', '2', '--format', 'json', '--today', TODAY], fixDir);
    assert.equal(result.code, 1, 'the owner-missing errors are left');
    for (let index = 0; index < 12; index++) assert.equal(readFileSync(join(fixDir, `p${index}.yaml`), 'utf8'), index % 3 === 0 ? gap : policy);
  });

  it('the default checks a folder of small files (well under a megabyte) in the main thread alone', () => {
    const many = threads(cli(['check', '.', '--today', TODAY], dir, debug('jobs')).stderr);
    assert.deepEqual(many, { main: 46, workers: [] }, 'a worker thread costs more to start than it would save here');
    const few = threads(cli(['check', 'unit-0/ok.yaml', 'unit-0/gap.yaml', '--today', TODAY], dir, debug('jobs')).stderr);
    assert.deepEqual(few, { main: 2, workers: [] });
  });

  it('--jobs takes a whole number of threads, 1 or more', () => {
    for (const value of ['0', '-2', 'many', '1.5']) {
      const result = cli(['check', '.', '--jobs', value], dir);
      assert.equal(result.code, 2, value);
      assert.match(result.stderr, /^cek-policy: option '-j, --jobs <count>' argument '.*' is invalid\. Give a whole number of threads, 1 or more\.$/m);
    }
  });
});

describe('a file that breaks the engine is contained (CLI process)', () => {
  // p03.yaml carries the marker of the engine's fault seam (CEK_POLICY_INJECT_FAULT): parsing it throws.
  const dir = workspace(Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`p${String(index).padStart(2, '0')}.yaml`, index === 3 ? `${gap}# cek-policy-test-fault\n` : gap])), { git: true });
  const fault = { CEK_POLICY_INJECT_FAULT: 'cek-policy-test-fault' };

  for (const jobs of ['1', '2']) {
    it(`--jobs ${jobs}: that file gets an internal error, every other file is reported, exit 2`, () => {
      const result = cli(['check', '.', '--format', 'json', '--jobs', jobs, '--today', TODAY], dir, { env: fault });
      assert.equal(result.code, 2);
      assert.equal(result.stderr, 'cek-policy: internal error while checking p03.yaml: injected fault (CEK_POLICY_INJECT_FAULT)\n');
      const findings = findingsOf(result);
      assert.equal(new Set(findings.map((finding) => finding.file)).size, 20);
      assert.deepEqual(findings.filter((finding) => finding.file === 'p03.yaml').map((finding) => [finding.rule, finding.message]), [
        ['internal-error', 'cek-policy failed in checking this file (Error: injected fault (CEK_POLICY_INJECT_FAULT)); it is not checked; the other files are. Please report this.'],
      ], 'the file is in the output, as not checked');
      const sarif = cli(['check', '.', '--format', 'sarif', '--jobs', jobs, '--today', TODAY], dir, { env: fault });
      const invocation = (JSON.parse(sarif.stdout) as Sarif.Log).runs[0].invocations![0];
      assert.equal(invocation.executionSuccessful, false);
      assert.equal(invocation.toolExecutionNotifications![0].message.text, 'internal error while checking p03.yaml: injected fault (CEK_POLICY_INJECT_FAULT)');
      assert.equal(invocation.toolExecutionNotifications![0].locations![0].physicalLocation!.artifactLocation!.uri, 'p03.yaml');
    });
  }

  it('a worker thread that dies costs only the file it was on; a new worker takes the rest', () => {
    // The one worker of --jobs 2 is handed the first files (p00 to p03) before the main thread takes any: it meets p02.
    const result = cli(['check', '.', '--format', 'json', '--jobs', '2', '--today', TODAY], dir, { env: { CEK_POLICY_TEST_WORKER_EXIT: 'p02.yaml', CEK_POLICY_DEBUG: 'jobs' } });
    assert.equal(result.code, 2);
    assert.match(userLines(result.stderr), /^cek-policy: internal error while checking p02\.yaml: the worker thread checking it stopped: it exited with status 70\n$/);
    assert.equal(threads(result.stderr).workers.length, 2, 'the dead worker was replaced');
    const files = [...new Set(findingsOf(result).map((finding) => finding.file))];
    assert.deepEqual(files, Array.from({ length: 20 }, (_, index) => `p${String(index).padStart(2, '0')}.yaml`).filter((name) => name !== 'p02.yaml'));
  });
});

describe('--cache (CLI process)', () => {
  it('a second run takes every file from the cache and prints the same; a changed file alone is checked again', () => {
    const dir = mixedFolder();
    const args = ['check', '.', '--cache', '--format', 'json', '--today', TODAY];
    const plain = cli(['check', '.', '--format', 'json', '--today', TODAY], dir);
    const first = cli(args, dir, debug('cache'));
    assert.deepEqual(cacheHits(first.stderr), { hits: 0, total: 46, discarded: false });
    assert.ok(existsSync(join(dir, '.cekpolicycache')));
    const second = cli(args, dir, debug('cache'));
    assert.deepEqual(cacheHits(second.stderr), { hits: 46, total: 46, discarded: false });
    assert.equal(second.stdout, plain.stdout, 'the cached run prints what an uncached run prints');
    assert.equal(first.stdout, plain.stdout);
    assert.equal(second.code, plain.code);

    writeFileSync(join(dir, 'unit-0', 'ok.yaml'), gap);
    const third = cli(args, dir, debug('cache'));
    assert.deepEqual(cacheHits(third.stderr), { hits: 45, total: 46, discarded: false });
    assert.ok(findingsOf(third).some((finding) => finding.file === join('unit-0', 'ok.yaml') && finding.rule === 'owner-missing'), 'the changed file is checked again');
  });

  it('the cache serves every format: text, SARIF and --quiet from a JSON run print what an uncached run prints', () => {
    const dir = mixedFolder();
    cli(['check', '.', '--cache', '--format', 'json', '--today', TODAY], dir);
    for (const extra of [[], ['--format', 'sarif'], ['--quiet']]) {
      const cached = cli(['check', '.', '--cache', '--today', TODAY, ...extra], dir, debug('cache'));
      assert.equal(cacheHits(cached.stderr).hits, 46, extra.join(' '));
      const plain = cli(['check', '.', '--today', TODAY, ...extra], dir);
      assert.equal(cached.stdout, plain.stdout, extra.join(' '));
      assert.equal(userLines(cached.stderr), plain.stderr);
    }
  });

  it('a config change, another --today or --config invalidate what they touch', () => {
    const dir = mixedFolder();
    const args = ['check', '.', '--cache', '--format', 'json', '--today', TODAY];
    cli(args, dir);
    // prose/.cekpolicy.yaml governs prose/*.md only.
    writeFileSync(join(dir, 'prose', '.cekpolicy.yaml'), 'files: ["*.md"]\nrules: { review-overdue: warning, owner-missing: off }\n');
    const changed = cli(args, dir, debug('cache'));
    assert.deepEqual(cacheHits(changed.stderr), { hits: 43, total: 46, discarded: false });
    assert.ok(!findingsOf(changed).some((finding) => finding.file.startsWith('prose') && finding.rule === 'owner-missing'), 'the new config applies');
    writeFileSync(join(dir, '.cekpolicy.yaml'), 'rules: { owner-missing: warning }\n');
    assert.equal(cacheHits(cli(args, dir, debug('cache')).stderr).hits, 3, 'a new config at the root covers every file outside prose/');
    assert.equal(cacheHits(cli(['check', '.', '--cache', '--format', 'json', '--today', '2026-11-25'], dir, debug('cache')).stderr).hits, 0, 'today is part of the key');
    writeFileSync(join(dir, 'other.yaml'), 'rules: { owner-missing: info }\n');
    assert.equal(cacheHits(cli([...args, '--config', 'other.yaml'], dir, debug('cache')).stderr).hits, 0);
  });

  it('a corrupt or foreign cache is ignored and rewritten, never trusted', () => {
    const dir = mixedFolder();
    const args = ['check', '.', '--cache', '--format', 'json', '--today', TODAY];
    const plain = cli(['check', '.', '--format', 'json', '--today', TODAY], dir).stdout;
    const cacheFile = join(dir, '.cekpolicycache');
    cli(args, dir);
    const valid = JSON.parse(readFileSync(cacheFile, 'utf8'));
    const key = Object.keys(valid.entries).find((path) => path.endsWith(join('unit-0', 'gap.yaml')))!;
    const tampered = structuredClone(valid);
    tampered.entries[key].outcome.findings[0].severity = 'fatal';
    const extra = structuredClone(valid);
    extra.entries[key].outcome.findings[0].command = 'rm -rf /';
    const older = { ...structuredClone(valid), version: '0.0.1' };
    const foreign = { tool: 'eslint', format: 1, version: valid.version, entries: {} };
    for (const [label, content] of [['not JSON', '{"tool": "cek-policy", "entries": {'], ['a wrong severity', JSON.stringify(tampered)], ['an unknown field', JSON.stringify(extra)], ['another version', JSON.stringify(older)], ['another tool', JSON.stringify(foreign)], ['a JSON array', '[]']] as const) {
      writeFileSync(cacheFile, content);
      const run = cli(args, dir, debug('cache'));
      assert.deepEqual(cacheHits(run.stderr), { hits: 0, total: 46, discarded: true }, label);
      assert.equal(run.stdout, plain, label);
      assert.deepEqual(JSON.parse(readFileSync(cacheFile, 'utf8')).entries[key], valid.entries[key], `${label}: rewritten`);
    }
  });

  it('--fix neither reads nor writes the cache; --cache-location takes a file or a folder', () => {
    const dir = workspace({ 'p.yaml': fixable, 'q.yaml': gap });
    cli(['check', '.', '--fix', '--cache', '--today', TODAY], dir);
    assert.ok(!existsSync(join(dir, '.cekpolicycache')));
    assert.equal(readFileSync(join(dir, 'p.yaml'), 'utf8'), policy);
    cli(['check', '.', '--cache', '--cache-location', 'build/cek-cache.json', '--today', TODAY], dir);
    assert.ok(existsSync(join(dir, 'build', 'cek-cache.json')));
    const folder = cli(['check', '.', '--cache', '--cache-location', 'tmp/', '--today', TODAY], dir, debug('cache'));
    assert.match(folder.stderr, /from tmp\/\.cekpolicycache$/m);
    assert.ok(existsSync(join(dir, 'tmp', '.cekpolicycache')));
    assert.equal(cacheHits(cli(['check', '.', '--cache', '--cache-location', 'tmp', '--today', TODAY], dir, debug('cache')).stderr).hits, 2, 'an existing folder holds the file');
  });

  it('standard input is never cached, and a cache that cannot be written is a warning, not a failure', () => {
    const dir = workspace({ 'p.yaml': gap, 'blocker': 'a file where the cache folder would be\n' });
    const stdin = cli(['check', '-', '--cache', '--today', TODAY], dir, { input: gap, ...debug('cache') });
    assert.deepEqual(cacheHits(stdin.stderr), { hits: 0, total: 1, discarded: false });
    assert.deepEqual(JSON.parse(readFileSync(join(dir, '.cekpolicycache'), 'utf8')).entries, {});
    const blocked = cli(['check', 'p.yaml', '--cache', '--cache-location', 'blocker/cache', '--today', TODAY], dir);
    assert.equal(blocked.code, 1, 'the status of the findings');
    assert.match(blocked.stderr, /^cek-policy: warning: cannot write the cache blocker\/cache: /m);
  });
});

describe('progress line (CLI process)', () => {
  const dir = workspace(Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`p${index}.yaml`, gap])));
  // A child process cannot be given a terminal portably: CEK_POLICY_TEST_PROGRESS=1 stands in for a terminal on stderr and drops the one-second delay.
  const tty = { CEK_POLICY_TEST_PROGRESS: '1', CI: undefined };

  for (const jobs of ['1', '2']) {
    it(`--jobs ${jobs}: "checked n/30 files" on a terminal, erased at the end`, () => {
      const result = cli(['check', '.', '--format', 'json', '--jobs', jobs, '--today', TODAY], dir, { env: tty });
      assert.match(result.stderr, /^\r\u001b\[Kchecked \d+\/30 files/);
      assert.ok(result.stderr.endsWith('\r\u001b[K'), 'the line is erased when done');
      const counts = [...result.stderr.matchAll(/checked (\d+)\/30 files/g)].map((match) => Number(match[1]));
      assert.deepEqual(counts, [...counts].sort((a, b) => a - b), 'counts only go up');
      assert.equal(counts.at(-1), 30);
      assert.equal(result.stderr.replace(/\r\u001b\[K(checked \d+\/30 files)?/g, ''), '', 'nothing else on stderr');
      assert.equal((JSON.parse(result.stdout) as unknown[]).length, 30, 'stdout untouched');
    });
  }

  it('erases itself before a line on stderr', () => {
    const mixed = workspace({ ...Object.fromEntries(Array.from({ length: 5 }, (_, index) => [`p${index}.yaml`, gap])), 'q-notes.md': '# Notes\n' });
    const result = cli(['check', 'p0.yaml', 'p1.yaml', 'q-notes.md', 'p2.yaml', '--today', TODAY], mixed, { env: tty });
    assert.match(result.stderr, /\r\u001b\[Kcek-policy: q-notes\.md skipped: not a policy/);
  });

  it('never when stderr is piped, nor in CI', () => {
    assert.equal(cli(['check', '.', '--today', TODAY], dir).stderr, '');
    assert.equal(cli(['check', '.', '--today', TODAY], dir, { env: { ...tty, CI: 'true' } }).stderr, '');
  });
});

describe('the bundle (CLI process)', () => {
  it('a run lowers V8\'s inlining budget (compiles sooner on a batch), unless the node command line sets it', () => {
    const dir = workspace({ 'policy.yaml': policy });
    const ours = cli(['check', 'policy.yaml', '--today', TODAY], dir, { env: { CEK_POLICY_DEBUG: 'v8' } });
    assert.equal(ours.code, 0, ours.stderr);
    assert.match(ours.stderr, /^cek-policy: v8 flags: --max-inlined-bytecode-size=100$/m);
    const theirs = spawnSync(process.execPath, ['--max_inlined_bytecode_size=300', CLI, 'check', 'policy.yaml', '--today', TODAY], { cwd: dir, encoding: 'utf8', env: { ...process.env, CEK_POLICY_DEBUG: 'v8' } });
    assert.equal(theirs.status, 0, theirs.stderr);
    assert.match(theirs.stderr, /^cek-policy: v8 flags: none \(set by the user\)$/m);
  });

  it("the YAML parser reads its debug switches from the environment once, not for every token it lexes", () => {
    // process.env is a call into the C++ environment on every read; the bundle gives `yaml` a snapshot of it.
    const dir = workspace({ 'policy.yaml': policy, 'count-env.cjs': `let reads = 0;
const real = process.env;
process.env = new Proxy(real, { get(target, key) { if (key === 'LOG_TOKENS' || key === 'LOG_STREAM') reads++; return Reflect.get(target, key); } });
process.on('exit', () => process.stderr.write('env reads: ' + reads + '\\n'));
` });
    const result = spawnSync(process.execPath, ['--require', join(dir, 'count-env.cjs'), CLI, 'check', 'policy.yaml', '--today', TODAY], { cwd: dir, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const reads = Number(/env reads: (\d+)/.exec(result.stderr)?.[1]);
    assert.ok(policy.split('\n').length > 50, 'the policy has hundreds of tokens');
    assert.ok(reads >= 1 && reads <= 2, `read ${reads} times`);
  });
});
