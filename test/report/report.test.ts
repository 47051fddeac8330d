import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { checkText } from '../../server/src/engine/engine';
import { formatGuidelineRef } from '../../server/src/engine/config/catalog';
import { CSV_COLUMNS, csvRows, renderCsv } from '../../server/src/engine/report/csv';
import { renderMarkdown } from '../../server/src/engine/report/markdown';
import { renderText } from '../../server/src/engine/report/text';
import type { ComplianceReport } from '../../server/src/engine/report/types';
import { ROOT, TODAY, edit, example } from '../helpers/ruleTester';
import { EXAMPLES, reportOf, schemaErrors } from './helpers';

const CLI = join(ROOT, 'dist', 'cli.js');

function cli(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A report whose texts hold everything a CSV writer must quote, and what a spreadsheet would run. */
function awkwardReport(): ComplianceReport {
  const report = reportOf(['examples/gaps/cloud-provider-gaps.yaml']);
  const document = report.documents[0];
  document.file = 'policies/a "quoted", file.yaml';
  document.title = '=HYPERLINK("http://example.invalid")';
  const requirement = document.requirements[0];
  requirement.evidence.push({ line: 7, text: 'line one\r\nline two\rline three\nend, "quoted"', matched: 'x' });
  requirement.reason = '@SUM(1) and a tab\tinside; ünïcødé 🔐';
  return report;
}

describe('compliance report: JSON', () => {
  it('the examples, one by one and as a set, validate against schemas/report.schema.json', () => {
    for (const file of EXAMPLES) assert.deepEqual(schemaErrors(reportOf([file])), [], file);
    const set = reportOf(EXAMPLES);
    assert.deepEqual(schemaErrors(set), []);
    assert.equal(set.documents.length, 4);
    assert.equal(set.set.requirements.length, set.documents[0].requirements.length);
  });

  it('the schema has teeth: a wrong status, a missing field or an extra one fails', () => {
    const report = reportOf(['examples/key-management-policy.yaml']);
    const broken = structuredClone(report) as unknown as { documents: { requirements: Record<string, unknown>[]; actor: Record<string, unknown> }[] };
    broken.documents[0].requirements[0].status = 'done';
    assert.match(schemaErrors(broken).join('\n'), /status must be equal to one of the allowed values/);
    const missing = structuredClone(report) as unknown as { documents: { requirements: Record<string, unknown>[] }[] };
    delete missing.documents[0].requirements[0].evidence;
    assert.match(schemaErrors(missing).join('\n'), /must have required property 'evidence'/);
    const extra = structuredClone(report) as unknown as { documents: { actor: Record<string, unknown> }[] };
    extra.documents[0].actor.confidence = 1;
    assert.match(schemaErrors(extra).join('\n'), /must NOT have additional properties/);
  });

  it('`cek-policy report --format json` prints a report that validates, for a directory of policies', () => {
    const result = cli(['report', 'examples', '--format', 'json', '--today', TODAY]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(schemaErrors(report), []);
    // The examples, and the policy set of examples/set/ (a policy and the procedure it refers to, a policy by its content).
    assert.deepEqual(report.documents.map((document: { file: string }) => document.file).sort(), [...EXAMPLES, 'examples/set/key-management-policy.md', 'examples/set/procedures/key-management-procedure.md'].sort());
    assert.equal(report.today, TODAY);
  });
});

describe('compliance report: each evidence item says why it was accepted', () => {
  const POLICY = [
    '---', 'kind: crypto-policy', 'id: KMP-9', 'version: 1.0', 'title: Key Handling Standard', '---', '',
    '# Key Handling Standard', '', '## Lifecycle', '',
    'Data encryption keys are rotated every 12 months and destroyed when retired.', '',
    '## Cryptography', '', 'Approved: AES-256-GCM for data at rest; TLS 1.3 for data in transit.', '',
  ].join('\n');
  const evidence = (name: string, text: string, guideline: string) => reportOf([{ name, text }]).documents[0].requirements.find((requirement) => requirement.guideline === guideline)!.evidence;

  it('a statement by the words that say it, a structured value by its field, an algorithm by the stance read', () => {
    const document = reportOf([{ name: 'standard.md', text: POLICY }]).documents[0];
    // The guidelines of CEK-01/02, and the requirements of the domain's control packs.
    const items = [...document.requirements, ...document.controls.flatMap((control) => control.requirements ?? [])].flatMap((requirement) => requirement.evidence);
    const rotation = items.find((item) => item.text.startsWith('Data encryption keys are rotated'));
    assert.ok(rotation?.why, JSON.stringify(items));
    assert.match(rotation.why, /^it says "(keys?|data encryption keys?)".*"rotated"/);
    const id = items.find((item) => item.text === 'id: KMP-9');
    assert.equal(id?.why, 'the `id` field');
    assert.ok(items.some((item) => item.why === 'the policy approves AES-256 (read as approved in the text)'), JSON.stringify(items.map((item) => item.why)));
    // Every item says why, and the report still validates with the new property.
    assert.deepEqual(items.filter((item) => !item.why), []);
    assert.deepEqual(schemaErrors(reportOf([{ name: 'standard.md', text: POLICY }])), []);
  });

  it('a duty by the role that holds it; evidence from another document of the set by that document', () => {
    const yaml = evidence('p.yaml', readFileSync(join(ROOT, 'examples/key-management-policy.yaml'), 'utf8'), 'CEK-01 auditing guideline 5');
    assert.ok(yaml.some((item) => item.text === 'key-generation' && item.why === 'a duty among the role\'s responsibilities'), JSON.stringify(yaml));
    assert.ok(yaml.some((item) => item.text === 'Model Security Team' && item.why === 'a named holder of a role with CEK duties'), JSON.stringify(yaml));
    // Where the role was read says how: a roles table's row; an owner column of a schedule.
    const table = evidence('p.md', readFileSync(join(ROOT, 'examples/key-management-policy.md'), 'utf8'), 'CEK-01 auditing guideline 5');
    assert.ok(table.some((item) => item.text === 'key-generation' && item.why === 'a duty in the role\'s row of a roles table'), JSON.stringify(table));
    const schedule = ['---', 'kind: crypto-policy', 'title: Key Rotation Standard', '---', '', '# Key Rotation Standard', '', '## Schedule', '',
      '| Key | Rotation | Owner |', '|---|---|---|', '| TLS certificates | yearly | Platform Team |', '| Data keys | every 90 days | Security Engineering |', ''].join('\n');
    const owners = reportOf([{ name: 's.md', text: schedule }]).documents[0].requirements.flatMap((requirement) => requirement.evidence).filter((item) => item.why?.startsWith('the role named in an owner'));
    assert.ok(owners.length > 0, 'an owner column\'s duty says so');
    const result = cli(['report', 'examples/set/key-management-policy.md', '--format', 'json', '--today', TODAY]);
    const report = JSON.parse(result.stdout) as ComplianceReport;
    const fromSet = report.documents[0].requirements.flatMap((requirement) => requirement.evidence).filter((item) => item.file);
    assert.ok(fromSet.length > 0, result.stderr);
    for (const item of fromSet) assert.match(item.why ?? '', new RegExp(`in ${item.file!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, which the policy refers to$`));
  });
});

describe('compliance report: a requirement is never met while one of its findings stands', () => {
  for (const file of EXAMPLES) {
    it(file, () => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const result = checkText(text, file, { today: TODAY });
      const report = reportOf([file]);
      const [document] = report.documents;
      for (const requirement of document.requirements) {
        if (requirement.status !== 'met') continue;
        const standing = (requirement.gaps ?? []).filter((gap) => gap.severity !== 'info');
        assert.deepEqual(standing, [], `${requirement.guideline} is met with open findings`);
        assert.deepEqual(requirement.findings, [], `${requirement.guideline} is met but names blocking rules`);
      }
      // And from the engine's side: every open error or warning finding keeps each guideline it cites from `met`.
      for (const finding of result.findings.filter((entry) => !entry.suppression && entry.severity !== 'info')) {
        for (const guideline of finding.guidelines) {
          const requirement = document.requirements.find((entry) => entry.guideline === formatGuidelineRef(guideline));
          if (!requirement) continue;
          assert.notEqual(requirement.status, 'met', `${finding.rule} stands on ${requirement.guideline}`);
          assert.ok(requirement.findings.includes(finding.rule), `${requirement.guideline} names ${finding.rule}`);
        }
      }
    });
  }

  it('the gap examples do have unmet guidelines and the compliant ones none (the check above is not vacuous)', () => {
    const report = reportOf(EXAMPLES);
    const unmet = (file: string) => report.documents.find((document) => document.file === file)!.requirements.filter((requirement) => requirement.status !== 'met').length;
    assert.equal(unmet('examples/key-management-policy.yaml'), 0);
    assert.equal(unmet('examples/key-management-policy.md'), 0);
    assert.ok(unmet('examples/gaps/cloud-provider-gaps.yaml') >= 6);
    assert.ok(unmet('examples/gaps/application-policy-gaps.md') >= 10);
  });
});

describe('compliance report: CSV', () => {
  it('has one row per (document, guideline) and round-trips through csv-parse', () => {
    const report = reportOf(EXAMPLES);
    const csv = renderCsv(report);
    const records: string[][] = parse(csv, { relax_column_count: false });
    assert.deepEqual(records[0], [...CSV_COLUMNS]);
    const rows = records.slice(1);
    // CEK-01/02's guidelines, the domain packs' requirements (kind `requirement`) and a row per algorithm mention.
    assert.equal(rows.length, report.documents.reduce((sum, document) => sum + document.requirements.length + document.controls.reduce((count, control) => count + (control.requirements?.length ?? 0), 0) + (document.cryptography?.mentions.length ?? 0), 0));
    assert.deepEqual(rows, csvRows(report).map((row) => CSV_COLUMNS.map((column) => row[column])));
    const algorithmRows = rows.filter((row) => row[7] === 'algorithm');
    assert.ok(algorithmRows.some((row) => row[CSV_COLUMNS.indexOf('algorithm')] === 'AES' && row[CSV_COLUMNS.indexOf('parameter')] === '256'), 'a row per algorithm mention');
    const keys = rows.filter((row) => row[7] !== 'algorithm').map((row) => `${row[0]}|${row[6]}`);
    assert.equal(new Set(keys).size, keys.length, 'no (document, guideline) twice');
  });

  it('quotes commas, quotes and every line end (RFC 4180), keeps Unicode, and defuses spreadsheet formulas', () => {
    const report = awkwardReport();
    const csv = renderCsv(report);
    assert.ok(csv.endsWith('\r\n'));
    assert.ok(csv.includes('"policies/a ""quoted"", file.yaml"'));
    const records: string[][] = parse(csv);
    const [header, first] = records;
    const cell = (name: string) => first[header.indexOf(name)];
    assert.equal(cell('file'), 'policies/a "quoted", file.yaml');
    assert.equal(cell('document_title'), `'=HYPERLINK("http://example.invalid")`);
    assert.ok(cell('evidence').endsWith(': line one\r\nline two\rline three\nend, "quoted"'));
    assert.equal(cell('reason'), `'@SUM(1) and a tab\tinside; ünïcødé 🔐`);
    const expected = csvRows(report)[0];
    assert.deepEqual(first.filter((_, index) => !['document_title', 'reason'].includes(header[index])), CSV_COLUMNS.filter((column) => !['document_title', 'reason'].includes(column)).map((column) => expected[column]));
  });

  it('`report --format csv` on stdout and `--output FILE` give the same parseable bytes', () => {
    const stdout = cli(['report', 'examples', '--format', 'csv', '--today', TODAY]);
    assert.equal(stdout.code, 0, stdout.stderr);
    const dir = mkdtempSync(join(tmpdir(), 'cek-report-'));
    const written = cli(['report', 'examples', '--format', 'csv', '--today', TODAY, '--output', join(dir, 'report.csv')]);
    assert.equal(written.code, 0, written.stderr);
    assert.equal(written.stdout, '');
    assert.equal(readFileSync(join(dir, 'report.csv'), 'utf8'), stdout.stdout);
    const records: string[][] = parse(stdout.stdout);
    const kind = CSV_COLUMNS.indexOf('kind');
    assert.equal(records.slice(1).filter((record) => record[kind] !== 'requirement' && record[kind] !== 'algorithm').length, 6 * 28, 'CEK-01/02 guidelines of the four examples and the two documents of examples/set/');
    assert.ok(records.slice(1).some((record) => record[kind] === 'requirement'), 'and the domain packs\' requirements of the gap examples, which claim no controls');
    assert.ok(records.slice(1).some((record) => record[kind] === 'algorithm'), 'a row per algorithm mention');
  });
});

describe('compliance report: text, Markdown, HTML from the CLI', () => {
  it('text: per document and control, each guideline with status, evidence as file:line and the gaps', () => {
    const result = cli(['report', 'examples/gaps/cloud-provider-gaps.yaml', '--today', TODAY]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^ {2}actor CSP: declared in the document \(its actor field\) \(line \d+: actor: CSP\)$/m);
    assert.match(result.stdout, /^ {2}CEK-01 Encryption and Key Management Policy and Procedures: 3\/8 auditing guidelines met/m);
    assert.match(result.stdout, /^ {4}partial {8}auditing 2 Governance$/m);
    assert.match(result.stdout, /^ {6}gap {7}examples\/gaps\/cloud-provider-gaps\.yaml:3:1 error owner-missing: /m);
    assert.match(result.stdout, /^ {6}evidence {2}examples\/gaps\/cloud-provider-gaps\.yaml:9 approval: \{ by: CISO, date: 2026-02-10 \}/m);
    assert.match(result.stdout, /^ {2}CEK-01\.2 No {11}/m);
  });

  it('Markdown: a table per document with status, evidence and gaps, the set and the CAIQ answers', () => {
    const markdown = renderMarkdown(reportOf(EXAMPLES));
    assert.match(markdown, /^\| CEK-01 auditing guideline 2 \(Governance\) \| \*\*partial\*\* \| `examples\/gaps\/cloud-provider-gaps\.yaml:9` approval: /m);
    assert.match(markdown, /^## The set$/m);
    assert.match(markdown, /^\| CEK-01\.2 \| .* \| \*\*No\*\* \|/m);
    const text = renderText(reportOf(EXAMPLES));
    assert.match(text, /^The set of 4 documents:$/m);
  });

  it('Markdown cells cannot break the table: pipes and line breaks in policy text are escaped', () => {
    const policy = edit(example('key-management-policy.yaml'), 'title: Key Management Policy', 'title: "Keys | Secrets <b>now</b>"');
    const markdown = renderMarkdown(reportOf([{ name: 'p.yaml', text: policy }]));
    assert.match(markdown, /^## Keys \\\| Secrets &lt;b&gt;now&lt;\/b&gt;$/m);
  });

  it('`report --format html --output FILE` writes one HTML file; usage errors exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cek-report-'));
    const result = cli(['report', 'examples', '--format', 'html', '--output', join(dir, 'report.html'), '--today', TODAY]);
    assert.equal(result.code, 0, result.stderr);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.doesNotMatch(html, /<script|<link|src=|url\(/i);
    assert.equal(cli(['report', 'examples', '--format', 'pdf']).code, 2);
    assert.equal(cli(['check', 'examples', '--output', join(dir, 'x')]).code, 2);
    // As -o/--output-file: missing folders are created; a path through a file cannot be written.
    assert.equal(cli(['report', 'examples', '--format', 'csv', '--output', join(dir, 'missing', 'r.csv'), '--today', TODAY]).code, 0);
    const unwritable = cli(['report', 'examples', '--format', 'csv', '--output', join(dir, 'report.html', 'r.csv'), '--today', TODAY]);
    assert.equal(unwritable.code, 2);
    assert.match(unwritable.stderr, /cannot write .*r\.csv: /);
  });
});

describe('VS Code problem matcher for `cek-policy check`', () => {
  it('matches every finding line of the CLI with file, position, severity, rule and message, and nothing else', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const matcher = pkg.contributes.problemMatchers.find((entry: { name: string }) => entry.name === 'cek-policy');
    const pattern = matcher.pattern;
    const regexp = new RegExp(pattern.regexp);
    const dir = mkdtempSync(join(tmpdir(), 'cek-matcher-'));
    writeFileSync(join(dir, 'policy.yaml'), edit(edit(example('key-management-policy.yaml'), 'owner: { name: Lena Okafor, role: Head of Security }\n', ''), 'title: Policy Owner', 'title: Policy Steward'));
    const output = cli(['check', '.', '--format', 'compact', '--today', TODAY], dir).stdout.split('\n').filter(Boolean);
    const matches = output.map((line) => regexp.exec(line)).filter((match) => match !== null);
    assert.equal(matches.length, output.length - 1, 'every line but the summary');
    const owner = matches.find((match) => match[pattern.code] === 'owner-missing')!;
    assert.equal(owner[pattern.file], 'policy.yaml');
    assert.equal(owner[pattern.line], '2');
    assert.equal(owner[pattern.column], '1');
    assert.equal(owner[pattern.severity], 'error');
    assert.match(owner[pattern.message], /^The policy has no designated owner/);
    assert.deepEqual(matcher.fileLocation, ['relative', '${workspaceFolder}']);
    // The task the matcher reads runs that format (the default output is grouped by file, which it cannot read).
    assert.match(readFileSync(join(ROOT, 'client', 'src', 'tasks.ts'), 'utf8'), /\[cli, 'check', '--format', 'compact', \.\.\.paths/);
  });
});
