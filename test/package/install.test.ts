import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { findingsOf, gap } from '../cli/helpers';
import { ROOT, TODAY, example } from '../helpers/ruleTester';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** npm with a private cache and no registry traffic: the package has no runtime dependency to fetch. */
function npm(args: string[], options: SpawnSyncOptions & { cache: string }) {
  const result = spawnSync(NPM, [...args, '--offline', '--no-audit', '--no-fund', '--cache', options.cache], { encoding: 'utf8', timeout: 120_000, ...options });
  assert.equal(result.status, 0, `npm ${args.join(' ')}: ${String(result.stderr)}`);
  return String(result.stdout);
}

describe('the npm package installs as a tool (npm pack, npm install -g, npx)', () => {
  let work: string;
  let tarball: string;
  let prefix: string;
  let installed: string;
  let cache: string;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'cek-pack-'));
    cache = join(work, 'npm-cache');
    // --ignore-scripts: pack the bundles `npm test` built, without rebuilding dist/ under the other test files.
    const packed = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, cache })) as { filename: string; files: { path: string }[] }[];
    tarball = join(work, packed[0].filename);
    prefix = join(work, 'prefix');
    npm(['install', '--global', '--prefix', prefix, tarball], { cwd: work, cache });
    installed = join(prefix, 'lib', 'node_modules', 'cek-policy');
  });

  it('carries only what the CLI and the server need', () => {
    const files = (JSON.parse(npm(['pack', '--ignore-scripts', '--dry-run', '--json'], { cwd: ROOT, cache })) as { files: { path: string }[] }[])[0].files.map((file) => file.path).sort();
    const rulesDocs = readdirSync(join(ROOT, 'docs', 'rules')).map((name) => `docs/rules/${name}`);
    const dirs = (folder: string) => readdirSync(join(ROOT, folder)).map((name) => `${folder}/${name}`);
    // Control packs: their data and docs, not their test tables (controls/CEK-NN/tests.json).
    const controls = readdirSync(join(ROOT, 'controls'), { withFileTypes: true }).flatMap((entry) => entry.isDirectory()
      ? readdirSync(join(ROOT, 'controls', entry.name)).filter((name) => name !== 'tests.json').map((name) => `controls/${entry.name}/${name}`)
      : [`controls/${entry.name}`]);
    assert.deepEqual(files, ['CHANGELOG.md', 'LICENSE', 'NOTICE', 'README.md', ...controls, 'dist/cli.js', 'dist/nlp.js', 'dist/server.js', ...rulesDocs, 'package.json', ...dirs('schemas'), ...dirs('templates')].sort());
  });

  it('has no runtime dependency: the bundles are self-contained, so a CLI install pulls nothing (no vscode-languageclient)', () => {
    assert.equal(pkg.dependencies, undefined);
    assert.ok(!existsSync(join(installed, 'node_modules')));
    assert.deepEqual(readdirSync(join(prefix, 'lib', 'node_modules')), ['cek-policy']);
  });

  it('cek-policy check runs from the install prefix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cek-installed-'));
    writeFileSync(join(dir, 'ok.yaml'), example('key-management-policy.yaml'));
    writeFileSync(join(dir, 'gap.yaml'), gap);
    const bin = join(prefix, 'bin', 'cek-policy');
    const clean = spawnSync(bin, ['check', 'ok.yaml', '--today', TODAY], { cwd: dir, encoding: 'utf8' });
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(clean.stdout, '✔ no problems in 1 policy\n');
    const failing = spawnSync(bin, ['check', '.', '--format', 'json', '--today', TODAY], { cwd: dir, encoding: 'utf8' });
    assert.equal(failing.status, 1);
    assert.deepEqual(findingsOf({ stdout: failing.stdout, cwd: dir }).map((finding) => `${finding.file} ${finding.rule}`), ['gap.yaml owner-missing']);
  });

  it('cek-policy-language-server --version and --help answer from the install prefix', () => {
    const version = spawnSync(join(prefix, 'bin', 'cek-policy-language-server'), ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0);
    assert.equal(version.stdout, `${pkg.version}\n`);
    assert.match(spawnSync(join(prefix, 'bin', 'cek-policy-language-server'), ['--help'], { encoding: 'utf8' }).stdout, /^Usage: cek-policy-language-server --stdio/);
  });

  it('npx runs both binaries from the package', () => {
    const run = (binary: string) => npm(['exec', '--yes', `--package=${tarball}`, '--', binary, '--version'], { cwd: work, cache }).trim();
    assert.equal(run('cek-policy'), pkg.version);
    assert.equal(run('cek-policy-language-server'), pkg.version);
  });

  describe('the installed language server', () => {
    let server: ReturnType<typeof spawn>;
    let connection: ReturnType<typeof createProtocolConnection>;
    after(() => {
      connection?.dispose();
      server?.kill();
    });

    it('links each diagnostic to the rule doc shipped in the package (offline), over LSP', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cek-installed-lsp-'));
      writeFileSync(join(dir, '.cekpolicy.yaml'), `today: ${TODAY}\n`);
      server = spawn(join(prefix, 'bin', 'cek-policy-language-server'), ['--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
      connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
      const uri = pathToFileURL(join(dir, 'gap.yaml')).href;
      const published = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        if (params.uri === uri) resolve(params);
      }));
      connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
      connection.onRequest('client/registerCapability', () => null);
      connection.listen();
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
      await connection.sendNotification('initialized', {});
      const text = gap;
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      const owner = (await published).diagnostics.find((diagnostic) => diagnostic.code === 'owner-missing')!;
      const doc = join(installed, 'docs', 'rules', 'owner-missing.md');
      assert.equal(owner.codeDescription!.href, pathToFileURL(doc).href);
      assert.ok(readFileSync(doc, 'utf8').startsWith('# owner-missing\n'));
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
    });
  });
});
