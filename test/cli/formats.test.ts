import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { githubData, githubProperty, xmlEscape } from '../../server/src/cli/output';
import { ROOT, TODAY, edit } from '../helpers/ruleTester';
import { cli, gap, policy, workspace } from './helpers';

/** xml2js (sax in strict mode) comes with @vscode/vsce: a real XML parser that rejects what is not well-formed. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseStringPromise } = require('xml2js') as { parseStringPromise: (xml: string, options?: { strict?: boolean }) => Promise<JunitXml> };

interface JunitXml {
  testsuites: {
    $: { tests: string; failures: string };
    testsuite: { $: { tests: string; failures: string }; testcase: { $: { name: string; classname: string }; failure?: { _: string; $: { type: string; message: string } }[]; 'system-out'?: string[] }[] }[];
  };
}

const validateResults = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'check-results.schema.json'), 'utf8')));
/** One warning (approval-evidence-missing), no error. */
const warningOnly = edit(policy, ', evidence: "RC-2026-05 minutes" }', ' }');
const fixable = edit(gap, 'next: 2027-05-04', 'next: 2027/05/04');
const suppressed = edit(gap, 'kind: crypto-policy\n', '# cek-policy-disable-next-line owner-missing -- named in the ISMS register (until 2027-01-31)\nkind: crypto-policy\n');
const ESC = '\u001b[';

describe('check --format json: one shape in every mode, with its schema (CLI process)', () => {
  const dir = workspace({ 'fix.yaml': fixable, 'sup.yaml': suppressed, 'warn.yaml': warningOnly, 'broken.yaml': 'kind: crypto-policy\nowner: [\n', 'notes.md': '# Notes\n' });
  for (const mode of [[], ['--fix-dry-run'], ['--quiet']]) {
    it(`validates against schemas/check-results.schema.json ${mode.join(' ') || '(plain)'}`, () => {
      const result = cli(['check', '.', '--format', 'json', '--today', TODAY, ...mode], dir);
      const results = JSON.parse(result.stdout) as { filePath: string; output?: string; suppressedMessages: { suppressions: { kind: string }[] }[]; messages: { fatal?: boolean; severity: number; level: string }[]; fatalErrorCount: number }[];
      assert.ok(validateResults(results), JSON.stringify(validateResults.errors?.slice(0, 5)));
      assert.deepEqual(results.map((entry) => entry.filePath), ['broken.yaml', 'fix.yaml', 'sup.yaml', 'warn.yaml'].map((name) => join(dir, name)), 'one entry per policy, none for notes.md');
      const byName = (name: string) => results.find((entry) => entry.filePath === join(dir, name))!;
      assert.equal(byName('broken.yaml').fatalErrorCount, 1);
      assert.deepEqual(byName('sup.yaml').suppressedMessages.map((message) => message.suppressions[0].kind), ['directive']);
      if (!mode.includes('--quiet')) assert.deepEqual(byName('warn.yaml').messages.map((message) => [message.severity, message.level]), [[1, 'warning']]);
      assert.equal(byName('fix.yaml').output !== undefined, mode.includes('--fix-dry-run'));
    });
  }

  it('an info finding is severity 1 with level "info"', () => {
    const info = workspace({ '.cekpolicy.yaml': 'rules: { owner-missing: info }\n', 'p.yaml': gap });
    const [result] = JSON.parse(cli(['check', 'p.yaml', '--format', 'json', '--today', TODAY], info).stdout) as { messages: { ruleId: string; severity: number; level: string }[]; warningCount: number }[];
    assert.deepEqual(result.messages.map((message) => [message.ruleId, message.severity, message.level]), [['owner-missing', 1, 'info']]);
    assert.equal(result.warningCount, 1);
  });
});

describe('check --format github: workflow commands for annotations (CLI process)', () => {
  it('one command per finding, with the place and a title, levels error/warning/notice', () => {
    const dir = workspace({ 'e.yaml': gap, 'w.yaml': warningOnly, 'i.yaml': gap, '.cekpolicy.yaml': 'files: []\n', 'sub/.cekpolicy.yaml': 'rules: { owner-missing: info }\n', 'sub/i.yaml': gap });
    const result = cli(['check', 'e.yaml', 'w.yaml', 'sub/i.yaml', '--format', 'github', '--today', TODAY], dir);
    assert.equal(result.code, 1);
    assert.deepEqual(result.stdout.trimEnd().split('\n'), [
      '::error file=e.yaml,line=2,col=1,endLine=2,endColumn=5,title=owner-missing (CEK-01 auditing guideline 2)::The policy has no designated owner. Add `owner: {name, role}` so an auditor can see who is accountable for it.',
      '::notice file=sub/i.yaml,line=2,col=1,endLine=2,endColumn=5,title=owner-missing (CEK-01 auditing guideline 2)::The policy has no designated owner. Add `owner: {name, role}` so an auditor can see who is accountable for it.',
      ...result.stdout.trimEnd().split('\n').slice(2),
    ]);
    assert.match(result.stdout, /^::warning file=w\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=approval-evidence-missing \(CEK-01 [^)]*\)::/m);
    assert.equal(result.stdout.trimEnd().split('\n').length, 3);
  });

  it('escapes a file name and message as the runner expects: % CR LF everywhere, and : , in properties', () => {
    const dir = workspace({ 'a,b:c%d.yaml': gap });
    const result = cli(['check', '.', '--format', 'github', '--today', TODAY], dir);
    assert.match(result.stdout, /^::error file=a%2Cb%3Ac%25d\.yaml,line=2,/m);
    assert.equal(githubData('50% done\r\nnext'), '50%25 done%0D%0Anext');
    assert.equal(githubProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
  });
});

describe('check --format junit: JUnit XML for CI test reports (CLI process)', () => {
  it('well-formed XML: one test case per policy, one failure per error or warning, info in the case\'s output', async () => {
    const dir = workspace({ 'e.yaml': gap, 'w.yaml': warningOnly, 'ok.yaml': policy, 'sub/.cekpolicy.yaml': 'rules: { owner-missing: info }\n', 'sub/i.yaml': gap, 'notes.md': '# Notes\n' });
    const result = cli(['check', '.', '--format', 'junit', '--today', TODAY], dir);
    assert.equal(result.code, 1);
    const xml = await parseStringPromise(result.stdout, { strict: true });
    assert.deepEqual({ ...xml.testsuites.$ }, { name: 'cek-policy', tests: '4', failures: '2', errors: '0' });
    const cases = xml.testsuites.testsuite[0].testcase;
    assert.deepEqual(cases.map((testcase) => testcase.$.name), ['e.yaml', 'ok.yaml', 'sub/i.yaml', 'w.yaml']);
    const byName = (name: string) => cases.find((testcase) => testcase.$.name === name)!;
    assert.deepEqual(byName('e.yaml').failure!.map((failure) => failure.$.type), ['owner-missing']);
    assert.match(byName('e.yaml').failure![0]._, /^e\.yaml:2:1 error owner-missing \(CEK-01 auditing guideline 2\)\nThe policy has no designated owner\./);
    assert.deepEqual(byName('w.yaml').failure!.map((failure) => failure.$.type), ['approval-evidence-missing']);
    assert.equal(byName('ok.yaml').failure, undefined);
    assert.equal(byName('sub/i.yaml').failure, undefined, 'an info finding is no failure');
    assert.match(byName('sub/i.yaml')['system-out']![0], /^2:1 info owner-missing /);
  });

  it('escapes what XML cannot hold: markup characters and control characters in a file name', async () => {
    const dir = workspace({ 'a&b<"c">\u0001.yaml': gap });
    const result = cli(['check', '.', '--format', 'junit', '--today', TODAY], dir);
    const xml = await parseStringPromise(result.stdout, { strict: true });
    assert.equal(xml.testsuites.testsuite[0].testcase[0].$.name, 'a&b<"c">\uFFFD.yaml');
    assert.equal(xmlEscape('\uD800x\uDC00 \uD83D\uDD10 \u0000'), '\uFFFDx\uFFFD \uD83D\uDD10 \uFFFD', 'lone surrogates replaced, a pair kept');
  });
});

describe('check: the default output on a terminal (CLI process)', () => {
  const dir = workspace({ 'p.yaml': gap, 'ok.yaml': policy });
  const run = (args: string[], env: Record<string, string | undefined>) => cli(['check', '.', '--today', TODAY, ...args], dir, { env: { NO_COLOR: undefined, FORCE_COLOR: undefined, ...env } });

  it('colours the header, severities and a summary by its worst finding; none with NO_COLOR or off a terminal', () => {
    const coloured = run([], { FORCE_COLOR: '1' }).stdout;
    assert.ok(coloured.startsWith(`${ESC}4mp.yaml${ESC}24m\n`), 'the file header underlined');
    assert.ok(coloured.includes(`${ESC}31m${ESC}1m✖ 1 problem (1 error, 0 warnings, 0 info) in 2 policies${ESC}22m${ESC}39m`), 'the summary red and bold');
    const clean = cli(['check', 'ok.yaml', '--today', TODAY], dir, { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout;
    assert.ok(clean.includes(`${ESC}32m${ESC}1m✔ no problems in 1 policy`), 'green when clean');
    assert.ok(!run([], { NO_COLOR: '1' }).stdout.includes(ESC));
    assert.ok(!run([], {}).stdout.includes(ESC), 'not a terminal');
  });
});

describe('report --fail-on: a CI gate on the compliance picture (CLI process)', () => {
  it('exits 1 when a requirement of a judged control has that status or worse, 0 otherwise', () => {
    const dir = workspace({ 'ok.yaml': policy, 'gap.yaml': gap });
    for (const status of ['not-met', 'partial', 'not-assessed']) {
      const clean = cli(['report', 'ok.yaml', '--fail-on', status, '--today', TODAY], dir);
      assert.equal(clean.code, 0, `${status}: ${clean.stderr}`);
    }
    const plain = cli(['report', 'gap.yaml', '--today', TODAY], dir);
    assert.equal(plain.code, 0, 'without --fail-on a report never fails');
    const partial = cli(['report', 'gap.yaml', '--fail-on', 'partial', '--today', TODAY], dir);
    assert.equal(partial.code, 1);
    assert.match(partial.stderr, /^cek-policy: \d+ requirements? partial or worse \(--fail-on partial\), e\.g\. CEK-01 auditing guideline 2 \(partial\)/);
    assert.equal(partial.stdout, plain.stdout, 'the report is written all the same');
    const notMet = cli(['report', 'gap.yaml', '--fail-on', 'not-met', '--today', TODAY], dir);
    assert.equal(notMet.code, JSON.parse(cli(['report', 'gap.yaml', '--format', 'json', '--today', TODAY], dir).stdout).set.requirements.some((requirement: { status: string }) => requirement.status === 'not-met') ? 1 : 0);
    const bad = cli(['report', 'gap.yaml', '--fail-on', 'partal'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Choose one of not-met, partial, not-assessed \(did you mean partial\?\)/);
  });

  it('not-assessed counts: a policy whose actor cannot be known fails --fail-on not-assessed only', () => {
    const dir = workspace({ 'p.md': '---\nkind: crypto-policy\ntitle: Key Policy\n---\n\n# Key Policy\n\nKeys exist.\n' });
    const report = JSON.parse(cli(['report', 'p.md', '--format', 'json', '--today', TODAY], dir).stdout) as { set: { requirements: { status: string }[] } };
    const statuses = new Set(report.set.requirements.map((requirement) => requirement.status));
    assert.ok(statuses.has('not-assessed'), [...statuses].join(', '));
    assert.equal(cli(['report', 'p.md', '--fail-on', 'not-assessed', '--today', TODAY], dir).code, 1);
  });
});
