/**
 * `npm run bench:safety`, the I/O and output families of issue 23: each hostile input run through the real CLI or
 * language server process, with the figure measured on the build before the fix (4a26b87, same 2-core machine) beside
 * it. Figures only: nothing here is asserted (the tests in io.test.ts and lsp/hostileIo.test.ts are).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { example, ROOT, TODAY, withoutOwner } from '../helpers/ruleTester';
import { TestClient } from '../lsp/client';

const CLI = join(ROOT, 'dist', 'cli.js');
const NET_MS = 30_000;
const policy = example('key-management-policy.yaml');
const gap = withoutOwner(policy);

function folder(files: Record<string, string | Buffer> = {}): string {
  const directory = mkdtempSync(join(tmpdir(), 'cek-io-bench-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(directory, name, '..'), { recursive: true });
    writeFileSync(join(directory, name), content);
  }
  return directory;
}

function run(args: string[], cwd: string): { ms: number; code: number | null; killed: boolean; stdout: string; stderr: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: NET_MS, maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return { ms: performance.now() - started, code: result.status, killed: result.signal !== null, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

const time = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const kb = (text: string) => `${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`;
function ended(result: ReturnType<typeof run>): string {
  return result.killed ? `killed at the ${NET_MS / 1000} s net` : `exit ${result.code} in ${time(result.ms)}`;
}

function row(family: string, input: string, before: string, after: string): void {
  console.log(`| ${family} | ${input} | ${before} | ${after} |`);
}

/** Resolves with how long the server took to end after `input`, or the net. */
function serverEnds(input: string): Promise<string> {
  return new Promise((resolve) => {
    const started = performance.now();
    const server = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const net = setTimeout(() => {
      server.kill();
      resolve(`still running at the ${NET_MS / 1000} s net, silent`);
    }, NET_MS);
    server.on('exit', (code) => {
      clearTimeout(net);
      resolve(`exit ${code} in ${time(performance.now() - started)}, ${stderr ? 'with its reason on stderr' : 'silent'}`);
    });
    server.stdin.write(input);
  });
}

export async function runIoCases(): Promise<void> {
  console.log('\nI/O and output (issue 23): the CLI and the server as processes; "before" is the build of 4a26b87\n');
  console.log('| family | input | before | after |\n|---|---|---|---|');

  for (const [name, make] of [['a link to /dev/zero', (path: string) => symlinkSync('/dev/zero', path)], ['a FIFO', (path: string) => execFileSync('mkfifo', [path])]] as const) {
    const directory = folder({ 'p.yaml': gap });
    make(join(directory, '.cekpolicycache'));
    const result = run(['check', '--cache', 'p.yaml', '--today', TODAY], directory);
    row('reads', `.cekpolicycache is ${name}`, name.includes('zero') ? 'killed at the 30 s net, 2.5 GB resident after 5 s' : 'killed at the 30 s net (blocked on the FIFO)', `${ended(result)}; ignored and rewritten`);
  }

  const scan = folder({ 'good.yaml': gap, 'utf16.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(gap, 'utf16le')]) });
  execFileSync('mkfifo', [join(scan, 'pipe.yaml')]);
  const outside = folder({ 'secret.yaml': gap });
  symlinkSync(join(outside, 'secret.yaml'), join(scan, 'link.yaml'));
  const scanned = run(['check', '.', '--today', TODAY], scan);
  row('scans', 'a UTF-16 policy, a FIFO and a link out next to a policy', 'exit 1 in 512 ms: 2 problems in 2 policies (1 non-policy file skipped): the link out followed and its policy quoted, the UTF-16 policy skipped, the FIFO not listed; no warning',
    `${ended(scanned)}: ${scanned.stdout.trim().split('\n').pop()}; ${scanned.stderr.split('\n').filter(Boolean).length} warning line (the link)`);

  const hostile = policy.replace('title: Key Management Policy', 'title: "Key \u001b]0;pwned\u0007\u001b[2J Policy"').replace('responsibilities: [policy-oversight]\n    alternates: [crypto-architect]', 'responsibilities: [policy-oversight]\n    alternates: ["\u001b[31mcustodian\u0007"]');
  const markdown = '---\nkind: crypto-policy\ntitle: Key Management Policy\n---\n\n# Key Management Policy\n\nKeys are owned by [the owner](javascript:alert(1)) and ![img](https://evil.example/t.png), rotated.\n';
  const output = folder({ 'p.yaml': hostile, 'm.md': markdown });
  const controls = (text: string) => (text.match(/[\u0000-\u0009\u000b-\u001f]/g) ?? []).length;
  row('output', 'escape and bell characters in a policy: control characters in text output', '2 (a colour and a bell)', String(controls(run(['check', 'p.yaml', '--today', TODAY], output).stdout)));
  row('output', 'the same in report text / Markdown', '16 / 16 (window title set, screen cleared)', `${controls(run(['report', 'p.yaml', '--today', TODAY], output).stdout)} / ${controls(run(['report', 'p.yaml', '--format', 'markdown', '--today', TODAY], output).stdout)}`);
  const rendered = run(['report', 'm.md', '--format', 'markdown', '--today', TODAY], output).stdout;
  row('output', 'a javascript: link and a remote image in a Markdown policy: live in the Markdown report', '2 live', `${(rendered.match(/(?<!\\)\]\((?:javascript|https)/g) ?? []).length} live`);

  const head = policy.slice(0, policy.indexOf('roles:'));
  const roles = Array.from({ length: 20_000 }, (_, index) => `  - id: role-${index}\n    assignee: Team ${index}\n    responsibilities: [key-rotation]\n    alternates: [nobody-${index}]\n    trained: 2026-02-01\n    reviewed: 2026-05-04\n`).join('');
  const volume = folder({ 'v.yaml': `${head}roles:\n${roles}` });
  const before = { text: '4,787 KB in 6.09-10.34 s', json: '8,912 KB in 7.69-11.03 s', sarif: '22,375 KB in 6.88-14.83 s' } as const;
  for (const format of ['text', 'json', 'sarif'] as const) {
    const result = run(['check', 'v.yaml', '--format', format, '--today', TODAY], volume);
    row('volume', `20,000 roles, each an unknown-role finding (--format ${format})`, before[format], `${kb(result.stdout)} in ${time(result.ms)}`);
  }

  const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  for (const header of ['Content-Type: x', 'Content-Length: -5', 'Content-Length: abc', 'Content-Length: 99999999999999']) {
    row('framing', `\`${header}\` after a valid message`, 'still running at the 30 s net, silent, never answers again', await serverEnds(`Content-Length: ${Buffer.byteLength(initialize)}\r\n\r\n${initialize}${header}\r\n\r\n{}`));
  }

  const client = new TestClient();
  client.connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL('/').href, name: 'root' }]);
  await client.initialize();
  const started = performance.now();
  const result = await client.connection.sendRequest<{ files: number; policies: number; notes: string[] }>('cekPolicy/checkWorkspace').then(
    (answer) => `${time(performance.now() - started)}: ${answer.files.toLocaleString('en')} files, ${answer.policies} policies, ${answer.notes.length} notes (first: ${answer.notes[0] ?? 'none'})`,
    (error: Error) => `${time(performance.now() - started)}: ${error.message}`,
  );
  await client.stop();
  row('scans', 'Check Workspace on the folder / (language server)', '10.4-10.8 s to the error "the check worker stopped: it did not answer within 10 s" (the issue: 75 s to an error at 1.1 GB)', result);
}

if (require.main === module) void runIoCases();
