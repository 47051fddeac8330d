import assert from 'node:assert/strict';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TODAY, edit } from '../helpers/ruleTester';
import { cli, findingsOf, gap, policy, workspace } from './helpers';

describe('cek-policy check (CLI process)', () => {
  it('exits 0 on the compliant examples with a summary line', () => {
    const result = cli(['check', 'examples/key-management-policy.yaml', 'examples/key-management-policy.md', '--today', TODAY]);
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /^✔ no problems in 2 policies$/m);
    assert.equal(result.code, 0);
  });

  it('prints findings grouped by file (a header, then indented rows) and exits 1 on an error finding', () => {
    const dir = workspace({ 'policy.yaml': gap, 'b/other.yaml': edit(gap, 'interval_months: 12', 'interval_months: 24') });
    const result = cli(['check', 'policy.yaml', 'b/other.yaml', '--today', TODAY], dir);
    assert.equal(result.code, 1);
    const blocks = result.stdout.split('\n\n');
    assert.equal(blocks.length, 3, 'two files and the summary');
    // Files come in the order of the file list (sorted), each block a header line then its rows.
    assert.equal(blocks[0].split('\n')[0], join('b', 'other.yaml'));
    assert.equal(blocks[1].split('\n')[0], 'policy.yaml');
    assert.match(blocks[1], /^ {2}2:1 {2}error {2}The policy has no designated owner\. .* {2}owner-missing$/m);
    assert.match(blocks[0], /^ {2}2:1 {4}error {2}The policy has no designated owner\..* {2}owner-missing$/m, 'places padded to the widest of the file');
    assert.match(blocks[0], /^ {2}12:20 {2}error {2}A 24-month review interval .* {2}review-interval-too-long$/m);
    assert.match(blocks[2], /^✖ \d+ problems? \(3 errors, \d+ warnings?, \d+ info\) in 2 policies\n$/);
  });

  it('--format compact keeps one line per finding (file:line:col severity rule message)', () => {
    const dir = workspace({ 'policy.yaml': gap });
    const result = cli(['check', 'policy.yaml', '--format', 'compact', '--today', TODAY], dir);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^policy\.yaml:2:1 error owner-missing The policy has no designated owner\..*\(CEK-01 auditing guideline 2\)$/m);
    assert.match(result.stdout, /^✖ \d+ problems? \(1 error, \d+ warnings?, \d+ info\) in 1 policy/m);
  });

  it('--format json prints ESLint\'s result shape with 1-based UTF-16 positions and the fix as ESLint gives it', () => {
    const text = edit(gap, 'title: Key Management Policy', 'title: "🔐 Key Management Policy"').replace(/\n/g, '\r\n');
    const dir = workspace({ 'p.yaml': edit(text, 'next: 2027-05-04', 'next: 2026/01/04') });
    const result = cli(['check', 'p.yaml', '--format', 'json', '--today', TODAY], dir);
    assert.equal(result.code, 1);
    const results = JSON.parse(result.stdout) as { filePath: string; messages: Record<string, unknown>[]; errorCount: number; warningCount: number }[];
    assert.equal(results.length, 1);
    assert.equal(results[0].filePath, join(dir, 'p.yaml'));
    const { messages } = results[0];
    assert.ok(messages.length >= 2);
    for (const message of messages) {
      assert.deepEqual(Object.keys(message).filter((key) => key !== 'fix'), ['ruleId', 'severity', 'level', 'message', 'line', 'column', 'endLine', 'endColumn', 'control', 'guidelines', 'docs']);
      assert.equal(message.severity, message.level === 'error' ? 2 : 1);
    }
    assert.equal(results[0].errorCount, messages.filter((message) => message.severity === 2).length);
    const date = messages.find((message) => message.ruleId === 'date-format')!;
    const fileText = readFileSync(join(dir, 'p.yaml'), 'utf8');
    const lineText = fileText.split('\r\n')[(date.line as number) - 1];
    assert.equal(lineText.slice((date.column as number) - 1, (date.endColumn as number) - 1), '2026/01/04');
    const fix = date.fix as { range: [number, number]; text: string };
    assert.equal(fileText.slice(0, fix.range[0]) + fix.text + fileText.slice(fix.range[1]), edit(fileText, 'next: 2026/01/04', 'next: 2026-01-04'));
    assert.equal(date.control, 'CEK-01');
    assert.ok(Array.isArray(date.guidelines) && (date.guidelines as string[]).includes('CEK-01 auditing guideline 2'));
    assert.match(date.docs as string, /docs\/rules\/date-format\.md$/);
  });

  it('skips non-policy YAML and Markdown in a directory, silently', () => {
    const dir = workspace({ 'policies/kms.yaml': policy, 'docker-compose.yml': 'services:\n  web: { image: nginx }\n', 'README.md': '# Readme\n', 'broken.yaml': 'a: [\n' });
    const result = cli(['check', '.', '--today', TODAY], dir);
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0);
    assert.match(result.stdout, /✔ no problems in 1 policy/);
  });

  it('expands globs; a named file that is not a policy is skipped with one info line', () => {
    const dir = workspace({ 'a/one.yaml': gap, 'a/two.yaml': policy, 'std.yaml': 'title: Crypto standard\n' });
    const globbed = findingsOf(cli(['check', 'a/*.yaml', '--format', 'json', '--today', TODAY], dir));
    assert.deepEqual([...new Set(globbed.map((finding) => finding.file))], [join('a', 'one.yaml')]);
    const named = cli(['check', 'std.yaml', '--format', 'json', '--today', TODAY], dir);
    assert.equal(named.code, 0);
    assert.deepEqual(JSON.parse(named.stdout), []);
    assert.equal(named.stderr, 'cek-policy: std.yaml skipped: not a policy (no "kind: crypto-policy", not in the files: of .cekpolicy.yaml, and its title "Crypto standard" names a policy, but its body establishes no CEK concept, and a policy establishes at least 3); to check it anyway: cek-policy check --policy std.yaml\n');
    const forced = findingsOf(cli(['check', '--policy', 'std.yaml', '--format', 'json', '--today', TODAY], dir));
    assert.ok(forced.some((finding) => finding.rule === 'owner-missing'), '--policy checks it as a policy');
  });

  it('uses .cekpolicy.yaml found upward, and reports a broken one with its position (exit 2)', () => {
    const dir = workspace({ '.cekpolicy.yaml': 'rules:\n  owner-missing: off\n', 'sub/p.yaml': gap });
    const result = cli(['check', 'sub/p.yaml', '--format', 'json', '--today', TODAY], dir);
    assert.ok(!findingsOf(result).some((finding) => finding.rule === 'owner-missing'));
    const broken = workspace({ '.cekpolicy.yaml': 'rules:\n  owner-missing: sometimes\n', 'p.yaml': gap });
    const bad = cli(['check', 'p.yaml', '--today', TODAY], broken);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, '.cekpolicy.yaml:2:18: config error: `rules.owner-missing` must be one of error, warning, warn, info, off, 2, 1, 0, not "sometimes"; it is ignored and the default is used.\n');
  });

  it('config files globs make a Markdown file without the marker a policy', () => {
    const dir = workspace({ '.cekpolicy.yaml': 'files: ["policies/*.md"]\n', 'policies/crypto.md': '# Crypto policy\n\nWe encrypt.\n', 'notes.md': '# Notes\n' });
    const findings = findingsOf(cli(['check', '.', '--format', 'json', '--today', TODAY], dir));
    assert.ok(findings.some((finding) => finding.file === join('policies', 'crypto.md') && finding.rule === 'owner-missing'));
    assert.ok(!findings.some((finding) => finding.file === 'notes.md'));
  });

  it('--fix applies safe fixes in place and leaves the rest', () => {
    const dir = workspace({ 'p.yaml': edit(gap, 'next: 2027-05-04', 'next: 2026/01/04') });
    const result = cli(['check', 'p.yaml', '--fix', '--format', 'json', '--today', TODAY], dir);
    const fixed = readFileSync(join(dir, 'p.yaml'), 'utf8');
    assert.equal(fixed, edit(gap, 'next: 2027-05-04', 'next: 2026-01-04'));
    const rules = findingsOf(result).map((finding) => finding.rule);
    assert.ok(!rules.includes('date-format'));
    assert.ok(rules.includes('owner-missing'), 'not safely fixable: still reported');
  });

  describe('bad input', () => {
    it('usage errors exit 2 with one line', () => {
      for (const args of [['check', '--format', 'xml'], ['check', '--today', '24/11/2026'], ['lint'], ['check', '--nope'], []]) {
        const result = cli(args);
        assert.equal(result.code, 2, args.join(' '));
        assert.match(result.stderr, /^cek-policy: /);
        assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      }
    });

    it('a missing path or a dangling link exits 2 with a clear line', () => {
      const dir = workspace({});
      symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'dangling.yaml'));
      const missing = cli(['check', 'missing.yaml'], dir);
      assert.equal(missing.code, 2);
      assert.equal(missing.stderr.trim(), 'cek-policy: cannot read missing.yaml: no such file or directory');
      const dangling = cli(['check', 'dangling.yaml'], dir);
      assert.equal(dangling.code, 2);
      assert.match(dangling.stderr, /cannot read dangling\.yaml: no such file or directory/);
    });

    it('binary bytes, a 10 MB file, an alias bomb and __proto__ keys get a finding, not a crash', () => {
      const bomb = ['kind: crypto-policy', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let level = 1; level < 9; level++) {
        const previous = String.fromCharCode(96 + level);
        const name = String.fromCharCode(97 + level);
        bomb.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
      }
      const dir = workspace({
        'binary.yaml': Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x00, 0xff, 0xfe, 0x00]),
        'huge.yaml': 'kind: crypto-policy\n' + '# padding\n'.repeat(1_100_000),
        'bomb.yaml': bomb.join('\n') + '\n',
        'proto.yaml': 'kind: crypto-policy\n__proto__: { polluted: true }\nowner: { __proto__: { name: x } }\n',
      });
      const started = Date.now();
      const result = cli(['check', '--policy', 'binary.yaml', '--policy', 'huge.yaml', 'bomb.yaml', 'proto.yaml', '--format', 'json', '--today', TODAY], dir);
      assert.ok(Date.now() - started < 30_000, 'returns promptly');
      assert.equal(result.code, 1);
      assert.equal(result.stderr, '');
      const findings = findingsOf(result);
      const byFile = (file: string) => findings.filter((finding) => finding.file === file);
      assert.match(byFile('binary.yaml')[0].message, /binary/);
      assert.match(byFile('huge.yaml')[0].message, /MB/);
      assert.ok(byFile('bomb.yaml').some((finding) => finding.rule === 'parse-error' && /alias/i.test(finding.message)));
      assert.ok(byFile('proto.yaml').length > 0);
    });
  });
});

describe('cek-policy report', () => {
  it('prints per-control status and CAIQ answers with evidence', () => {
    const result = cli(['report', 'examples/key-management-policy.yaml', '--today', TODAY]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /CEK-01 Encryption and Key Management Policy and Procedures: 8\/8 auditing guidelines met, 10\/10 of all guidelines/);
    assert.match(result.stdout, /CEK-02 CEK Roles and Responsibilities: 10\/10 auditing guidelines met, 18\/18 of all guidelines/);
    assert.match(result.stdout, /CEK-01\.1 Yes/);
    assert.match(result.stdout, /CEK-01\.2 Yes/);
    assert.match(result.stdout, /CEK-02\.1 Yes/);
    assert.match(result.stdout, /met {12}auditing 2 Governance\n {6}evidence {2}examples\/key-management-policy\.yaml:9 approval: \{ by: Risk Committee, date: 2026-05-04, evidence: "RC-2026-05 minutes" \}\n {6}evidence {2}examples\/key-management-policy\.yaml:8 owner: \{ name: Lena Okafor, role: Head of Security \}\n/);
  });

  it('answers Partial/No with the gaps, as JSON and Markdown', () => {
    const dir = workspace({ 'p.yaml': edit(gap, 'next: 2027-05-04', 'next: 2025-01-04') });
    const report = JSON.parse(cli(['report', 'p.yaml', '--format', 'json', '--today', TODAY], dir).stdout);
    const caiq = Object.fromEntries(report.documents[0].caiq.map((answer: { id: string; answer: string }) => [answer.id, answer.answer]));
    assert.equal(caiq['CEK-01.1'], 'Partial');
    assert.equal(caiq['CEK-01.2'], 'No');
    assert.equal(caiq['CEK-02.1'], 'Yes');
    const governance = report.documents[0].requirements.find((requirement: { guideline: string }) => requirement.guideline === 'CEK-01 auditing guideline 2');
    assert.equal(governance.status, 'partial', 'the approval stands; owner and review do not');
    assert.deepEqual(governance.findings, ['owner-missing', 'review-overdue']);
    const markdown = cli(['report', 'p.yaml', '--format', 'markdown', '--today', TODAY], dir).stdout;
    assert.match(markdown, /^\| CEK-01\.2 \| .* \| \*\*No\*\* \|/m);
  });
});

describe('cek-policy migrate (CLI process)', () => {
  it('--write moves metadata into front matter, then check passes for it', () => {
    const body = '# Key Policy\n\n**Owner**: Priya Raman\n**Approved by**: CISO\n**Approval date**: Oct 16, 2026\n';
    const dir = workspace({ 'policy.md': body });
    const result = cli(['migrate', 'policy.md', '--write'], dir);
    assert.equal(result.code, 0);
    assert.equal(result.stderr.trim(), 'policy.md: moved kind, title, owner, approval into front matter');
    const text = readFileSync(join(dir, 'policy.md'), 'utf8');
    assert.ok(text.endsWith(body));
    const findings = findingsOf(cli(['check', 'policy.md', '--format', 'json', '--today', TODAY], dir));
    assert.ok(!findings.some((finding) => ['owner-missing', 'approval-missing', 'date-format'].includes(finding.rule)));
  });
});
