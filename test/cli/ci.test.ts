import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, TODAY, edit } from '../helpers/ruleTester';
import { CLI, cli, findingsOf, gap, policy, workspace, type CliRun } from './helpers';

/** One warning (approval-evidence-missing), no error. */
const warningOnly = edit(policy, ', evidence: "RC-2026-05 minutes" }', ' }');
/** One safely fixable error (date-format) and nothing else. */
const fixable = edit(policy, 'next: 2027-05-04', 'next: 2027/05/04');
const ESC = '\u001b[';

function files(run: CliRun): string[] {
  return [...new Set(findingsOf(run).map((finding) => finding.file))].sort();
}

describe('CI gates (CLI process)', () => {
  it('--max-warnings N fails the run when there are more warnings than N', () => {
    const dir = workspace({ 'p.yaml': warningOnly });
    assert.equal(cli(['check', 'p.yaml', '--today', TODAY], dir).code, 0, 'warnings alone pass');
    const strict = cli(['check', 'p.yaml', '--max-warnings', '0', '--today', TODAY], dir);
    assert.equal(strict.code, 1);
    assert.equal(strict.stderr, 'cek-policy: 1 warning, more than --max-warnings 0 allows\n');
    assert.equal(cli(['check', 'p.yaml', '--max-warnings', '1', '--today', TODAY], dir).code, 0);
    assert.equal(cli(['check', 'p.yaml', '--max-warnings', '-1', '--today', TODAY], dir).code, 0);
    const bad = cli(['check', 'p.yaml', '--max-warnings', 'many'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^cek-policy: option '--max-warnings <count>' argument 'many' is invalid/);
  });

  it('--quiet reports errors only, and hidden warnings still count for --max-warnings', () => {
    const dir = workspace({ 'w.yaml': warningOnly, 'e.yaml': gap });
    const quiet = cli(['check', '.', '--quiet', '--today', TODAY], dir);
    assert.equal(quiet.code, 1);
    assert.doesNotMatch(quiet.stdout, / warning /);
    assert.match(quiet.stdout, /^e\.yaml\n {2}\d+:\d+ {2}error {2}.* {2}owner-missing$/m);
    assert.match(quiet.stdout, /✖ 1 problem \(1 error, 0 warnings, 0 info\) in 2 policies/);
    const json = findingsOf(cli(['check', 'w.yaml', '--quiet', '--format', 'json', '--today', TODAY], dir));
    assert.deepEqual(json, []);
    assert.equal(cli(['check', 'w.yaml', '--quiet', '--max-warnings', '0', '--today', TODAY], dir).code, 1);
  });

  it('-o / --output-file writes the output there (creating folders) and nothing to stdout', () => {
    const dir = workspace({ 'p.yaml': gap });
    const result = cli(['check', 'p.yaml', '--format', 'json', '-o', 'reports/cek.json', '--today', TODAY], dir);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.ok(findingsOf({ stdout: readFileSync(join(dir, 'reports', 'cek.json'), 'utf8'), cwd: dir }).some((finding) => finding.rule === 'owner-missing'));
    const long = cli(['report', 'p.yaml', '--output-file', 'report.md', '--format', 'markdown', '--today', TODAY], dir);
    assert.equal(long.code, 0);
    assert.match(readFileSync(join(dir, 'report.md'), 'utf8'), /^# CEK policy compliance report/);
    const blocked = cli(['check', 'p.yaml', '-o', 'p.yaml/out.txt'], dir);
    assert.equal(blocked.code, 2);
    assert.match(blocked.stderr, /^cek-policy: cannot write p\.yaml\/out\.txt: /);
  });

  describe('ignore files', () => {
    const tree = () => workspace({
      '.gitignore': 'build/\n*.tmp.yaml\n',
      '.cekpolicyignore': 'drafts/*.yaml\n!drafts/keep.yaml\n',
      'policies/kms.yaml': gap,
      'policies/.cekpolicyignore': 'old.yaml\n',
      'policies/old.yaml': gap,
      'policies/scratch.tmp.yaml': gap,
      'build/copy.yaml': gap,
      'drafts/wip.yaml': gap,
      'drafts/keep.yaml': gap,
      'node_modules/pkg/p.yaml': gap,
    }, { git: true });

    it('.gitignore and .cekpolicyignore, from the repository root down, keep files out of a walk', () => {
      const dir = tree();
      assert.deepEqual(files(cli(['check', '.', '--format', 'json', '--today', TODAY], dir)), [join('drafts', 'keep.yaml'), join('policies', 'kms.yaml')]);
      // From a subfolder the root's .gitignore still applies (*.tmp.yaml), as does the folder's own file.
      const sub = cli(['check', '.', '--format', 'json', '--today', TODAY], join(dir, 'policies'));
      assert.deepEqual(files(sub), ['kms.yaml']);
    });

    it('--no-ignore checks them all, but never node_modules', () => {
      const dir = tree();
      assert.deepEqual(files(cli(['check', '.', '--no-ignore', '--format', 'json', '--today', TODAY], dir)), [
        join('build', 'copy.yaml'), join('drafts', 'keep.yaml'), join('drafts', 'wip.yaml'), join('policies', 'kms.yaml'), join('policies', 'old.yaml'), join('policies', 'scratch.tmp.yaml'),
      ]);
    });

    it('an ignored file named on the command line is skipped with one info line', () => {
      const dir = tree();
      const result = cli(['check', 'build/copy.yaml', 'policies/kms.yaml', '--format', 'json', '--today', TODAY], dir);
      assert.deepEqual(files(result), [join('policies', 'kms.yaml')]);
      assert.equal(result.stderr, 'cek-policy: build/copy.yaml skipped: ignored by .gitignore (--no-ignore checks it)\n');
      assert.deepEqual(files(cli(['check', 'build/copy.yaml', '--no-ignore', '--format', 'json', '--today', TODAY], dir)), [join('build', 'copy.yaml')]);
    });
  });

  describe('nothing matched', () => {
    it('exits 2 when a directory or glob matches no file, like ESLint', () => {
      const dir = workspace({ 'empty/.keep': '', 'docs/readme.txt': 'hello\n', 'build/p.yaml': gap, '.gitignore': 'build/\n' }, { git: true });
      const glob = cli(['check', 'policies/**/*.yaml'], dir);
      assert.equal(glob.code, 2);
      assert.equal(glob.stderr, 'cek-policy: no policy file (.yaml, .yml, .md, .markdown) matched "policies/**/*.yaml"\n');
      assert.equal(cli(['check', 'empty'], dir).code, 2);
      const ignored = cli(['check', 'build'], dir);
      assert.equal(ignored.code, 2);
      assert.equal(ignored.stderr, 'cek-policy: all files matched by "build" are ignored by .gitignore or .cekpolicyignore (--no-ignore checks them)\n');
      const allowed = cli(['check', 'empty', '--no-error-on-unmatched'], dir);
      assert.equal(allowed.code, 0);
      assert.match(allowed.stdout, /✔ no problems in 0 policies/);
    });
  });

  describe('standard input', () => {
    it('- reads the policy from stdin; without --stdin-filename it is named <stdin>', () => {
      const dir = workspace({});
      const result = cli(['check', '-', '--format', 'json', '--today', TODAY], dir, { input: gap });
      assert.equal(result.code, 1);
      const findings = findingsOf(result);
      assert.ok(findings.some((finding) => finding.file === '<stdin>' && finding.rule === 'owner-missing'));
    });

    it('without --stdin-filename, Markdown (front matter or headings) is told from YAML by its structure', () => {
      const dir = workspace({});
      const frontMatter = `---\nkind: crypto-policy\ntitle: Key Management Policy\n---\n\n# Key Management Policy\n\nKeys are rotated yearly.\n`;
      const markdownOnly = cli(['check', '-', '--format', 'json', '--today', TODAY], dir, { input: frontMatter });
      const rules = findingsOf(markdownOnly).map((finding) => finding.rule);
      assert.ok(!rules.includes('parse-error'), `front matter then Markdown is not parsed as YAML: ${rules.join(', ')}`);
      assert.ok(rules.includes('owner-missing'));
      // The same text named .md gives the same findings: it was read as Markdown.
      const named = cli(['check', '-', '--stdin-filename', 'p.md', '--format', 'json', '--today', TODAY], dir, { input: frontMatter });
      assert.deepEqual(findingsOf(markdownOnly).map((finding) => `${finding.rule} ${finding.line}:${finding.column}`), findingsOf(named).map((finding) => `${finding.rule} ${finding.line}:${finding.column}`));
      // Headings without front matter, forced as a policy: Markdown too (as YAML it would be one parse error).
      const headings = '# Cryptography Policy\n\n## Scope\n\n- All keys are managed in the KMS.\n- Data at rest is encrypted.\n';
      const forced = findingsOf(cli(['check', '--policy', '-', '--format', 'json', '--today', TODAY], dir, { input: headings }));
      assert.ok(!forced.some((finding) => finding.rule === 'parse-error'), forced.map((finding) => finding.rule).join(', '));
      // A YAML policy whose comments look like headings stays YAML (a clean mapping).
      const yaml = findingsOf(cli(['check', '-', '--format', 'json', '--today', TODAY], dir, { input: `# Key management policy\n${gap}` }));
      assert.deepEqual(yaml.filter((finding) => finding.rule === 'owner-missing').map((finding) => finding.line), [3]);
      // Broken YAML without headings is still reported as YAML.
      const broken = findingsOf(cli(['check', '--policy', '-', '--format', 'json', '--today', TODAY], dir, { input: 'kind: crypto-policy\nowner: [\n' }));
      assert.ok(broken.some((finding) => finding.rule === 'parse-error'));
    });

    it('--stdin-filename gives the path for the format, .cekpolicy.yaml and files: globs', () => {
      const dir = workspace({ 'policies/.cekpolicy.yaml': 'files: ["*.md"]\nrules: { owner-missing: off }\n' });
      const markdown = '# Crypto policy\n\n## Scope\n\nAll keys.\n';
      const result = cli(['check', '-', '--stdin-filename', 'policies/crypto.md', '--format', 'json', '--today', TODAY], dir, { input: markdown });
      const findings = findingsOf(result);
      assert.ok(findings.length > 0, 'checked as a policy through the files: glob');
      assert.ok(findings.every((finding) => finding.file === join('policies', 'crypto.md')));
      assert.ok(!findings.some((finding) => finding.rule === 'owner-missing'), 'the config next to the named path applies');
    });

    it('stdin that is not a policy is skipped with the info line; --policy - forces it', () => {
      const dir = workspace({});
      const skipped = cli(['check', '-', '--stdin-filename', 'compose.yaml', '--format', 'json'], dir, { input: 'services: {}\n' });
      assert.equal(skipped.code, 0);
      assert.match(skipped.stderr, /^cek-policy: compose\.yaml skipped: not a policy .*--policy -\n$/);
      const forced = cli(['check', '--policy', '-', '--format', 'json', '--today', TODAY], dir, { input: 'title: Crypto\n' });
      assert.ok(findingsOf(forced).some((finding) => finding.rule === 'owner-missing'));
    });

    it('--stdin-filename without - is a usage error', () => {
      const result = cli(['check', 'examples', '--stdin-filename', 'x.yaml']);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^cek-policy: --stdin-filename names the text read from standard input/);
    });
  });

  describe('--fix-dry-run', () => {
    it('prints the fixed text as "output" in the same JSON results and writes nothing', () => {
      const dir = workspace({ 'p.yaml': fixable, 'q.yaml': gap });
      const result = cli(['check', '.', '--fix-dry-run', '--format', 'json', '--today', TODAY], dir);
      assert.equal(readFileSync(join(dir, 'p.yaml'), 'utf8'), fixable, 'the file is untouched');
      const results = JSON.parse(result.stdout) as { filePath: string; output?: string; messages: { ruleId: string }[] }[];
      const byFile = Object.fromEntries(results.map((entry) => [entry.filePath, entry]));
      assert.equal(byFile[join(dir, 'p.yaml')].output, policy);
      assert.deepEqual(byFile[join(dir, 'p.yaml')].messages, []);
      assert.equal(byFile[join(dir, 'q.yaml')].output, undefined, 'nothing safely fixable: no output');
      assert.deepEqual(byFile[join(dir, 'q.yaml')].messages.map((message) => message.ruleId), ['owner-missing']);
      assert.equal(result.code, 1, 'the remaining error still fails the run');
      // One shape: without --fix-dry-run the results have the same keys, less the output.
      const plain = JSON.parse(cli(['check', '.', '--format', 'json', '--today', TODAY], dir).stdout) as Record<string, unknown>[];
      assert.deepEqual(plain.map((entry) => Object.keys(entry)), results.map((entry) => Object.keys(entry).filter((key) => key !== 'output')));
    });

    it('works on stdin, where --fix is refused', () => {
      const dir = workspace({});
      const dry = cli(['check', '-', '--stdin-filename', 'p.yaml', '--fix-dry-run', '--format', 'json', '--today', TODAY], dir, { input: fixable });
      assert.equal(dry.code, 0);
      assert.equal((JSON.parse(dry.stdout) as { output: string }[])[0].output, policy);
      assert.equal((JSON.parse(dry.stdout) as { filePath: string }[])[0].filePath, join(dir, 'p.yaml'));
      const fix = cli(['check', '-', '--fix'], dir, { input: fixable });
      assert.equal(fix.code, 2);
      assert.match(fix.stderr, /--fix cannot write back to standard input; use --fix-dry-run/);
      assert.equal(cli(['check', 'x.yaml', '--fix', '--fix-dry-run'], dir).code, 2);
      assert.equal(cli(['check', '-', '--fix-dry-run', '--format', 'sarif'], dir, { input: fixable }).code, 2);
    });
  });

  describe('colour', () => {
    const dir = workspace({ 'p.yaml': gap });
    const run = (args: string[], env: Record<string, string | undefined>) => cli(['check', 'p.yaml', '--today', TODAY, ...args], dir, { env: { NO_COLOR: undefined, FORCE_COLOR: undefined, ...env } });

    it('is off when stdout is not a terminal, on with --color, and styled by severity', () => {
      assert.ok(!run([], {}).stdout.includes(ESC));
      const coloured = run(['--color'], {}).stdout;
      assert.ok(coloured.includes(`${ESC}31merror${ESC}39m`), 'error in red');
      assert.ok(coloured.includes(`${ESC}2mowner-missing${ESC}22m`), 'rule id dimmed');
    });

    it('honours FORCE_COLOR and NO_COLOR, and --no-color wins over both', () => {
      assert.ok(run([], { FORCE_COLOR: '1' }).stdout.includes(ESC));
      assert.ok(!run([], { FORCE_COLOR: '0' }).stdout.includes(ESC));
      assert.ok(run(['--color'], { NO_COLOR: '1' }).stdout.includes(ESC), '--color wins over NO_COLOR');
      assert.ok(!run(['--no-color'], { FORCE_COLOR: '1' }).stdout.includes(ESC));
      assert.ok(!run([], { NO_COLOR: '1' }).stdout.includes(ESC));
    });
  });

  it('a reader that closes the pipe early (| head -1) ends the run quietly, 5 runs of 5', () => {
    for (let run = 0; run < 5; run++) {
      const result = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" check --format sarif examples --today ${TODAY} | head -1; echo "exit=\${PIPESTATUS[0]}" >&2`], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      assert.equal(result.stdout, '{\n');
      assert.equal(result.stderr, 'exit=1\n', 'no EPIPE trace; the status of the findings (the gap examples have errors)');
    }
  });
});

describe('usage errors name the nearest valid choice (CLI process)', () => {
  const cases: [string[], RegExp][] = [
    [['check', '--format', 'jsn'], /^cek-policy: option '-f, --format <format>' argument 'jsn' is invalid\. Choose one of text, compact, json, sarif, github, junit \(did you mean json\?\)\.$/],
    [['check', '--format', 'xml'], /^cek-policy: option '-f, --format <format>' argument 'xml' is invalid\. Choose one of text, compact, json, sarif, github, junit\.$/],
    [['rules', '--format', 'xml'], /^cek-policy: option '-f, --format <format>' argument 'xml' is invalid\. Choose one of text, json\.$/],
    [['report', '--format', 'markdwn'], /did you mean markdown\?/],
    [['chek'], /^cek-policy: unknown command 'chek' \(did you mean check\?\)$/],
    [['check', '--fixx'], /^cek-policy: unknown option '--fixx' \(did you mean --fix\?\)$/],
    [['check', '--write'], /^cek-policy: unknown option '--write'$/],
    [['rules', 'extra'], /^cek-policy: too many arguments for 'rules'/],
    [['check', '--today', '24/11/2026'], /Give a date as YYYY-MM-DD\.$/],
    [[], /^cek-policy: give a command: check, report, init, migrate or rules/],
  ];
  for (const [args, expected] of cases) {
    it(`cek-policy ${args.join(' ')}`, () => {
      const result = cli(args);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, `one line: ${result.stderr}`);
      assert.match(result.stderr.trimEnd(), expected);
    });
  }
});

describe('help and version (CLI process)', () => {
  for (const command of ['check', 'report', 'init', 'migrate', 'rules']) {
    it(`${command} --help prints the help of ${command}`, () => {
      const result = cli([command, '--help']);
      assert.equal(result.code, 0);
      assert.match(result.stdout, new RegExp(`^Usage: cek-policy ${command} `));
      assert.equal(cli(['help', command]).stdout, result.stdout);
    });
  }

  it('check --help lists every CI flag', () => {
    const help = cli(['check', '--help']).stdout;
    for (const flag of ['--format', '--max-warnings', '--quiet', '--output-file', '--no-ignore', '--no-error-on-unmatched', '--stdin-filename', '--fix-dry-run', '--color', '--no-color', '--base-path', '--sarif-category', '--policy', '--baseline', '--baseline-write', '--print-config']) {
      assert.ok(help.includes(flag), flag);
    }
  });

  it('--version prints the package version', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    assert.equal(cli(['--version']).stdout, `${version}\n`);
  });

  it('the language server answers --help and --version without starting', () => {
    const server = join(ROOT, 'dist', 'server.js');
    const help = spawnSync(process.execPath, [server, '--help'], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: cek-policy-language-server --stdio/);
    assert.equal(help.stderr, '');
    const version = spawnSync(process.execPath, [server, '--version'], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(version.stdout, `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });
});

describe('migrate and config errors (CLI process)', () => {
  it('migrate refuses a YAML policy and leaves it untouched', () => {
    const dir = workspace({ 'p.yaml': policy });
    const result = cli(['migrate', 'p.yaml', '--write'], dir);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'cek-policy: p.yaml is a YAML policy: its fields are structured already, so there is nothing to migrate (migrate reads Markdown policies)\n');
    assert.equal(readFileSync(join(dir, 'p.yaml'), 'utf8'), policy);
    assert.ok(!existsSync(join(dir, 'p.yaml.bak')));
  });

  it('reports each config problem once, on its own line and column, with the nearest valid name', () => {
    const config = 'actor: XP\nrevew: { max_interval_months: 12 }\nroles: { review_months: 40 }\n';
    const dir = workspace({ '.cekpolicy.yaml': config, 'p.yaml': policy });
    const result = cli(['check', 'p.yaml'], dir);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.deepEqual(result.stderr.trimEnd().split('\n'), [
      '.cekpolicy.yaml:1:8: config error: `actor` must be one of CSP, MP, OSP, AP, AIC, not "XP" (did you mean "MP"?); it is ignored and the default is used.',
      '.cekpolicy.yaml:2:1: config error: Unknown key `revew` (did you mean "review"?); it is ignored.',
      '.cekpolicy.yaml:3:25: config error: `roles.review_months` must be a whole number from 1 to 12; it is ignored and the default is used.',
    ]);
  });

  it('a list actor with one wrong item is one message at that item', () => {
    const dir = workspace({ '.cekpolicy.yaml': 'actor: [MP, APP]\n', 'p.yaml': policy });
    assert.equal(cli(['check', 'p.yaml'], dir).stderr, '.cekpolicy.yaml:1:13: config error: `actor[1]` must be one of CSP, MP, OSP, AP, AIC, not "APP" (did you mean "AP"?); it is left out.\n');
  });

  it('a misspelt rule id under rules: is a config error naming the rule meant', () => {
    const dir = workspace({ '.cekpolicy.yaml': 'rules:\n  review-overdu: off\n', 'p.yaml': policy });
    const result = cli(['check', 'p.yaml'], dir);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, '.cekpolicy.yaml:2:3: config error: Unknown rule "review-overdu" in `rules` (did you mean "review-overdue"?); it is ignored.\n');
  });
});
