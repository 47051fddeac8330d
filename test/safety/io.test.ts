import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { escapeControls, markdownText } from '../../server/src/engine/report/escape';
import { FramingGuard, MAX_MESSAGE_BYTES } from '../../server/src/framing';
import { edit, TODAY } from '../helpers/ruleTester';
import { cli, gap, policy, workspace } from '../cli/helpers';

interface JsonFinding { file: string; line: number; rule: string; severity: string; message: string; omitted?: number }

/** ESLint's results (`check --format json`) as one flat list, files relative to `cwd`. */
const findingsOf = (stdout: string, cwd = ''): JsonFinding[] => (JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; level: string; line: number; message: string; omitted?: number }[] }[])
  .flatMap((result) => result.messages.map((message) => ({
    file: cwd && isAbsolute(result.filePath) ? relative(cwd, result.filePath) : result.filePath,
    line: message.line, rule: message.ruleId, severity: message.level, message: message.message,
    ...(message.omitted !== undefined ? { omitted: message.omitted } : {}),
  })));
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

describe('the cache is read through the guarded reader and never followed', () => {
  for (const [name, make] of [
    ['a link to /dev/zero', (path: string) => symlinkSync('/dev/zero', path)],
    ['a FIFO', (path: string) => execFileSync('mkfifo', [path])],
    ['a link to a valid-looking file elsewhere', (path: string) => {
      const elsewhere = join(mkdtempSync(join(tmpdir(), 'cek-elsewhere-')), 'cache.json');
      writeFileSync(elsewhere, '{}');
      symlinkSync(elsewhere, path);
    }],
  ] as const) {
    it(`${name} committed as .cekpolicycache: ignored, the run ends normally, and the entry is replaced by a real cache`, () => {
      const directory = workspace({ 'p.yaml': gap });
      make(join(directory, '.cekpolicycache'));
      const result = cli(['check', '--cache', 'p.yaml', '--format', 'json', '--today', TODAY], directory, { env: { CEK_POLICY_DEBUG: 'cache' } });
      assert.equal(result.signal, null, 'no hang');
      assert.equal(result.code, 1, result.stderr);
      assert.deepEqual(findingsOf(result.stdout).map((finding) => finding.rule), ['owner-missing'], 'the policy keeps its findings');
      assert.match(result.stderr, /not a valid cache: ignored and rewritten/);
      const entry = lstatSync(join(directory, '.cekpolicycache'));
      assert.ok(entry.isFile() && !entry.isSymbolicLink(), 'the link or FIFO itself was replaced, not what it points to');
      assert.equal(JSON.parse(readFileSync(join(directory, '.cekpolicycache'), 'utf8')).tool, 'cek-policy');
      // The next run reads the cache it wrote.
      const again = cli(['check', '--cache', 'p.yaml', '--format', 'json', '--today', TODAY], directory, { env: { CEK_POLICY_DEBUG: 'cache' } });
      assert.match(again.stderr, /cache: 1 of 1 file from/);
      assert.deepEqual(findingsOf(again.stdout).map((finding) => finding.rule), ['owner-missing']);
    });
  }
});

describe('scans skip nothing in silence', () => {
  it('UTF-16 policies with a byte order mark are decoded and checked like UTF-8 ones', () => {
    const directory = workspace({ 'le.yaml': utf16le(gap), 'be.md': utf16be(`---\nkind: crypto-policy\n---\n\n# Key Management Policy\n`), 'utf8.yaml': gap });
    const result = cli(['check', '.', '--format', 'json', '--today', TODAY], directory);
    const findings = findingsOf(result.stdout, directory);
    assert.deepEqual(findings.filter((finding) => finding.file === 'le.yaml').map((finding) => [finding.rule, finding.line]), findings.filter((finding) => finding.file === 'utf8.yaml').map((finding) => [finding.rule, finding.line]));
    assert.ok(findings.some((finding) => finding.file === 'be.md'), 'the big-endian Markdown policy is checked too');
    const text = cli(['check', '.', '--today', TODAY], directory);
    assert.match(text.stdout, /in 3 policies\n$/);
  });

  it('--fix writes a UTF-16 policy back in UTF-16', () => {
    const broken = edit(policy, 'date: 2026-05-04', 'date: 2026/05/04');
    const directory = workspace({ 'p.yaml': utf16le(broken) });
    cli(['check', 'p.yaml', '--fix', '--today', TODAY], directory);
    assert.deepEqual(readFileSync(join(directory, 'p.yaml')), utf16le(policy));
  });

  it('a file the scan cannot read or tell apart from a policy is an error finding (exit 1), also in SARIF; the valid policy next to it keeps its findings', () => {
    const directory = workspace({ 'good.yaml': gap, 'nobom.yaml': Buffer.from(gap, 'utf16le'), 'odd.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('k\u0000i')]) });
    execFileSync('mkfifo', [join(directory, 'pipe.yaml')]);
    symlinkSync(join(directory, 'deleted.yaml'), join(directory, 'gone.yaml'));
    const result = cli(['check', '.', '--format', 'json', '--today', TODAY], directory);
    assert.equal(result.signal, null);
    assert.equal(result.code, 1);
    const findings = findingsOf(result.stdout, directory);
    const byFile = (file: string) => findings.filter((finding) => finding.file === file).map((finding) => `${finding.severity} ${finding.rule}: ${finding.message}`);
    assert.deepEqual(byFile('pipe.yaml'), ['error parse-error: Not a regular file (a FIFO); cek-policy reads only regular files.']);
    assert.deepEqual(byFile('gone.yaml'), ['error parse-error: File could not be read (no such file or directory).']);
    assert.deepEqual(byFile('nobom.yaml'), ['error parse-error: File contains binary data (NUL bytes); it is not a YAML or Markdown policy.']);
    assert.deepEqual(byFile('odd.yaml'), ['error parse-error: File starts with a UTF-16 byte order mark but is not valid UTF-16; save it as UTF-8 to have it checked.']);
    assert.deepEqual(byFile('good.yaml').map((line) => line.split(':')[0]), ['error owner-missing']);
    const sarif = JSON.parse(cli(['check', '.', '--format', 'sarif', '--today', TODAY], directory).stdout);
    const notifications = sarif.runs[0].invocations[0].toolExecutionNotifications.map((notification: { level: string; message: { text: string } }) => `${notification.level} ${notification.message.text}`);
    assert.ok(notifications.includes('error pipe.yaml was not checked: Not a regular file (a FIFO); cek-policy reads only regular files.'), notifications.join('\n'));
    assert.ok(notifications.some((text: string) => text.startsWith('error nobom.yaml was not checked')));
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
  });

  it('a folder the scan cannot read is a warning line and a SARIF notification; the rest is checked', () => {
    const directory = workspace({ 'good.yaml': gap });
    // A folder beyond PATH_MAX cannot be listed, even by root (chmod 000 does not stop root): made one level at a time.
    const level = 'd'.repeat(200);
    const script = `const fs = require('node:fs'); for (let i = 0; i < 22; i++) { fs.mkdirSync('${level}'); process.chdir('${level}'); } fs.writeFileSync('deep.yaml', 'kind: crypto-policy\\n');`;
    execFileSync(process.execPath, ['-e', script], { cwd: directory });
    const result = cli(['check', '.', '--format', 'json', '--today', TODAY], directory);
    assert.equal(result.signal, null);
    assert.equal(result.code, 1, 'the owner-missing error of good.yaml');
    assert.match(result.stderr, /^cek-policy: warning: cannot read the folder d+(\/d+)+: ENAMETOOLONG; its files are not checked$/m);
    assert.deepEqual(findingsOf(result.stdout, directory).map((finding) => finding.rule), ["owner-missing"]);
    const sarif = JSON.parse(cli(['check', '.', '--format', 'sarif', '--today', TODAY], directory).stdout);
    const notifications = sarif.runs[0].invocations[0].toolExecutionNotifications as { level: string; message: { text: string } }[];
    assert.ok(notifications.some((notification) => notification.level === 'warning' && notification.message.text.startsWith('cannot read the folder')));
  });

  it('a symbolic link that leaves the scanned folder is not followed (said on stderr) unless named', () => {
    const outside = workspace({ 'secret.yaml': gap });
    const directory = workspace({ 'inside.yaml': gap });
    mkdirSync(join(directory, 'sub'));
    symlinkSync(join(outside, 'secret.yaml'), join(directory, 'sub', 'link.yaml'));
    symlinkSync(join(directory, 'inside.yaml'), join(directory, 'sub', 'alias.yaml'));
    const result = cli(['check', '.', '--format', 'json', '--today', TODAY], directory);
    assert.match(result.stderr, new RegExp(`^cek-policy: warning: sub/link\\.yaml is a symbolic link to ${join(outside, 'secret.yaml').replace(/[.]/g, '\\.')}, outside .*: not followed \\(name it on the command line to check it\\)$`, 'm'));
    assert.deepEqual([...new Set(findingsOf(result.stdout, directory).map((finding) => finding.file))], ['inside.yaml', 'sub/alias.yaml'], 'a link that stays inside is a file like any other');
    const named = cli(['check', 'sub/link.yaml', '--format', 'json', '--today', TODAY], directory);
    assert.deepEqual(findingsOf(named.stdout, directory).map((finding) => finding.file), ['sub/link.yaml']);
    assert.equal(named.stderr, '');
  });
});

describe('output carries no live control characters or Markdown from the checked text', () => {
  const hostile = edit(edit(gap, 'title: Key Management Policy', 'title: "Key \u001b]0;pwned\u0007\u001b[2J Policy\u202e"'), 'responsibilities: [policy-oversight]\n    alternates: [crypto-architect]', 'responsibilities: [policy-oversight]\n    alternates: ["\u001b[31mcustodian\u0007"]');

  it('text output escapes them; the tool\'s own colours stay on request, and NO_COLOR is honoured', () => {
    const directory = workspace({ 'p.yaml': hostile });
    for (const env of [{}, { FORCE_COLOR: '1', NO_COLOR: undefined }]) {
      const result = cli(['check', 'p.yaml', '--today', TODAY], directory, { env });
      assert.equal(result.signal, null);
      const withoutOurColours = result.stdout.replace(/\u001b\[(?:\d+;)*\d*m/g, '');
      assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/.test(withoutOurColours), JSON.stringify(withoutOurColours));
      assert.match(result.stdout, /\\u001b\[31mcustodian\\u0007/);
    }
    assert.ok(cli(['check', 'p.yaml', '--today', TODAY], directory, { env: { FORCE_COLOR: '1', NO_COLOR: undefined } }).stdout.includes('\u001b[31merror'), 'our colours on request');
    assert.ok(!cli(['check', 'p.yaml', '--today', TODAY], directory, { env: { NO_COLOR: '1' } }).stdout.includes('\u001b'), 'none with NO_COLOR');
  });

  it('the text and Markdown reports escape them, and Markdown never carries a live link or image from the policy', () => {
    const markdown = '---\nkind: crypto-policy\ntitle: "[click](javascript:alert(1)) \\e[2J"\n---\n\n# Key Management Policy\n\nKeys are owned by [the owner](javascript:alert(1)) and ![img](https://evil.example/t.png) <img src=x onerror=alert(1)> www.evil.example and rotated.\n';
    const directory = workspace({ 'p.yaml': hostile, 'm.md': markdown });
    const text = cli(['report', 'p.yaml', 'm.md', '--today', TODAY], directory);
    assert.equal(text.code, 0);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u202e]/.test(text.stdout), 'no control character but line ends');
    const rendered = cli(['report', 'p.yaml', 'm.md', '--format', 'markdown', '--today', TODAY], directory).stdout;
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u202e]/.test(rendered));
    assert.ok(!/(?<!\\)\]\(javascript/.test(rendered), 'no link');
    assert.ok(!rendered.includes('![img]'), 'no image');
    assert.ok(!rendered.includes('<img'), 'no HTML');
    assert.ok(!rendered.includes('https://evil'), 'no autolink');
    assert.ok(rendered.includes('\\[the owner\\](javascript:alert(1))'), 'the text is still there, escaped');
  });

  it('the escapes are linear and exact', () => {
    assert.equal(escapeControls('a\u001b[2Jb\u0007\u009b\u2066'), 'a\\u001b[2Jb\\u0007\\u009b\\u2066');
    assert.equal(markdownText('[x](javascript:alert(1)) ![i](https://e.example/p.png) a@b.example www.e.example <b> | `c`'), '\\[x\\](javascript:alert(1)) !\\[i\\](https\\://e.example/p.png) a\\@b.example www\\.e.example &lt;b&gt; \\| \\`c\\`');
    const long = '\u001b['.repeat(200_000);
    assert.equal(escapeControls(long).length, long.length / 2 * 7);
    assert.equal(markdownText(':'.repeat(100_000) + '/').length, 100_002);
  });
});

describe('the same finding on thousands of roles is summarised per rule after a cap', () => {
  const head = policy.slice(0, policy.indexOf('roles:'));
  const roles = Array.from({ length: 3_000 }, (_, index) => `  - id: role-${index}\n    assignee: Team ${index}\n    responsibilities: [key-rotation]\n    alternates: [nobody-${index}]\n    trained: 2026-02-01\n    reviewed: 2026-05-04\n`).join('');
  const many = `${head}roles:\n${roles}`;

  it('text, JSON and SARIF list the first 100 of a rule and one finding that counts the rest; totals and exit status count all', () => {
    const directory = workspace({ 'many.yaml': many });
    const json = findingsOf(cli(['check', 'many.yaml', '--format', 'json', '--today', TODAY], directory).stdout);
    const unknown = json.filter((finding) => finding.rule === 'unknown-role');
    assert.equal(unknown.length, 101);
    assert.equal(unknown[100].omitted, 2_900);
    assert.match(unknown[100].message, /^2,900 more unknown-role findings in this file, from here on, are not listed: the first 100 of a rule are \(--max-per-rule, or max_per_rule: in \.cekpolicy\.yaml, sets how many; 0 lists all\)\.$/);
    const text = cli(['check', 'many.yaml', '--format', 'compact', '--today', TODAY], directory);
    assert.equal(text.code, 1);
    assert.equal(text.stdout.split('\n').filter((line) => line.includes(' unknown-role ')).length, 101);
    assert.match(text.stdout, /✖ \d+ problems/);
    const total = Number(/✖ (\d+) problems/.exec(text.stdout)![1]);
    assert.ok(total >= 3_000, 'the summary line counts every finding');
    const sarif = JSON.parse(cli(['check', 'many.yaml', '--format', 'sarif', '--today', TODAY], directory).stdout);
    const results = sarif.runs[0].results.filter((result: { ruleId: string }) => result.ruleId === 'unknown-role');
    assert.equal(results.length, 101);
    assert.equal(results[100].properties.omitted, 2_900);
    assert.equal(new Set(sarif.runs[0].results.map((result: { partialFingerprints: { primaryLocationLineHash: string } }) => result.partialFingerprints.primaryLocationLineHash)).size, sarif.runs[0].results.length, 'fingerprints stay distinct');
  });

  it('--max-per-rule and max_per_rule: set the cap; 0 lists all; a bad value is a usage error', () => {
    const directory = workspace({ 'many.yaml': many });
    const count = (args: string[], cwd = directory) => findingsOf(cli(['check', 'many.yaml', '--format', 'json', '--today', TODAY, ...args], cwd).stdout).filter((finding) => finding.rule === 'unknown-role').length;
    assert.equal(count(['--max-per-rule', '5']), 6);
    assert.equal(count(['--max-per-rule', '0']), 3_000);
    writeFileSync(join(directory, '.cekpolicy.yaml'), 'max_per_rule: 10\n');
    assert.equal(count([]), 11);
    assert.equal(count(['--max-per-rule', '2']), 3, 'the flag wins');
    const bad = cli(['check', 'many.yaml', '--max-per-rule', '-1'], directory);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Give a whole number, 0 or more/);
  });
});

describe('the language server\'s framing guard', () => {
  const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const reasons = (...chunks: string[]) => {
    const found: string[] = [];
    const guard = new FramingGuard((reason) => found.push(reason));
    for (const chunk of chunks) guard.push(Buffer.from(chunk));
    return found;
  };

  it('passes sane frames, split anywhere, and stops at the first broken header', () => {
    const stream = frame('{"a":1}') + frame('{"é":"ü"}') + 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n' + frame('{}');
    for (let cut = 0; cut <= stream.length; cut += 3) assert.deepEqual(reasons(stream.slice(0, cut), stream.slice(cut)), [], `cut at ${cut}`);
    assert.deepEqual(reasons(frame('{}') + 'Content-Type: x\r\n\r\n{}'), ['a message without a Content-Length header']);
    assert.deepEqual(reasons('Content-Length: -5\r\n\r\n'), ['a Content-Length that is not a byte count ("-5")']);
    assert.deepEqual(reasons('Content-Length: abc\r\n\r\n'), ['a Content-Length that is not a byte count ("abc")']);
    assert.deepEqual(reasons(`Content-Length: ${MAX_MESSAGE_BYTES + 1}\r\n\r\n`), [`a Content-Length of ${(MAX_MESSAGE_BYTES + 1).toLocaleString('en')} bytes, over the 256 MB a message may have`]);
    assert.deepEqual(reasons('x'.repeat(9_000)), ['a message header longer than 8192 bytes without the blank line that ends it']);
    assert.deepEqual(reasons('garbage\r\n\r\n'), ['a message header line without a name and a colon ("garbage")']);
  });
});
