import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, renderCsv } from '../../server/src/engine/report/csv';
import { renderHtml } from '../../server/src/engine/report/html';
import { renderMarkdown } from '../../server/src/engine/report/markdown';
import { domainSummary } from '../../server/src/engine/report/summary';
import { checkText } from '../../server/src/engine/engine';
import { join } from 'node:path';
import { loadCatalogs } from '../../server/src/engine/config/workspace';
import { buildComplianceReport } from '../../server/src/engine/report/compliance';
import { reportOf, schemaErrors } from './helpers';
import { ROOT, TODAY } from '../helpers/ruleTester';

const doc = (title: string, body: string) => `---\nkind: crypto-policy\nactor: CSP\n---\n# ${title}\n\n## Key Management\n\n${body}\n`;
const compromise = { name: 'compromise.md', text: doc('Key Compromise Procedure', 'Compromised keys are revoked immediately and replaced with new keys.') };
const leavers = { name: 'leavers.md', text: doc('Leavers Procedure', 'When an employee with key access leaves the organisation, the keys they held are revoked.') };

describe('compliance report: the CEK domain', () => {
  const report = reportOf([compromise, leavers]);

  it('JSON: controls[] per document with status, requirements, evidence and the text\'s origin; it validates against the schema', () => {
    assert.deepEqual(schemaErrors(report), []);
    const first = report.documents[0];
    assert.deepEqual(first.controls.map((control) => control.control), Array.from({ length: 21 }, (_, index) => `CEK-${String(index + 1).padStart(2, '0')}`));
    const cek13 = first.controls.find((control) => control.control === 'CEK-13')!;
    assert.equal(cek13.status, 'partial');
    assert.equal(cek13.basis, 'pack');
    assert.deepEqual(cek13.text, { source: 'summary', framework: 'CSA AICM', edition: '1.1.0', specification: cek13.text!.specification });
    assert.deepEqual(cek13.evidence!.map((evidence) => [evidence.line, evidence.text]), [[9, 'Compromised keys are revoked immediately and replaced with new keys.']]);
    assert.deepEqual(cek13.requirements![0].elements, [{ id: 'onCompromise', label: 'revocation when a key is compromised', met: true }, { id: 'onDeparture', label: 'revocation when a person or entity leaves', met: false }]);
    assert.deepEqual(cek13.requirements![0].findings, ['key-revocation-missing']);
    assert.equal(first.controls.find((control) => control.control === 'CEK-01')!.basis, 'guidelines');
  });

  it('set: a control is met when its elements are established across the documents', () => {
    const cek13 = report.set.controls!.find((control) => control.control === 'CEK-13')!;
    assert.deepEqual(cek13.documents.map((document) => document.status), ['partial', 'partial']);
    assert.equal(cek13.status, 'met');
    assert.equal(report.set.controls!.find((control) => control.control === 'CEK-15')!.status, 'not-met');
  });

  it('HTML opens with the heat map (controls × documents and the set, in words and colour)', () => {
    const html = renderHtml(report);
    const map = html.indexOf('<h2 id="domain">CEK domain at a glance</h2>');
    // The one-page summary opens the report; the heat map follows it, before the detail sections.
    assert.ok(map > html.indexOf('<h2 id="summary">') && map < html.indexOf('<details class="section"'), 'the heat map follows the summary, before the details');
    const row = html.slice(html.indexOf('<th scope="row">CEK-13 · Key Revocation'), html.indexOf('</tr>', html.indexOf('<th scope="row">CEK-13 · Key Revocation')));
    assert.equal(row.match(/status-partial/g)?.length, 2);
    assert.match(row, /status-met"><span aria-hidden="true">✓ <\/span>Met<\/span><\/td>$/);
    assert.match(row, /summary by cek-policy/);
  });

  it('CSV and Markdown carry the domain', () => {
    const records: string[][] = parse(renderCsv(report));
    const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const cek13 = records.filter((record) => record[column('guideline')] === 'CEK-13 requirement 1');
    assert.deepEqual(cek13.map((record) => [record[column('status')], record[column('set_status')]]), [['partial', 'met'], ['partial', 'met']]);
    const markdown = renderMarkdown(report);
    assert.match(markdown, /\| CEK-13 Key Revocation \(summary by cek-policy\) \| \*\*partial\*\* \| `compromise\.md:9` Compromised keys are revoked immediately and replaced with new keys\. \|/);
    assert.match(markdown, /\| CEK-13 Key Revocation \| \*\*met\*\* \| partial \| partial \|/);
  });

  it('CAIQ: every judged control whose questions your catalog holds is answered from its status', () => {
    const { catalog } = loadCatalogs(['csa-layout'], join(ROOT, 'test', 'fixtures', 'catalogs'));
    const inputs = [compromise, leavers].map((file) => ({ path: file.name, result: checkText(file.text, file.name, { today: TODAY, catalog }) }));
    const withCatalog = buildComplianceReport(inputs, { today: TODAY, version: '0.0.0-test', catalogFor: () => catalog });
    assert.deepEqual(schemaErrors(withCatalog), []);
    assert.deepEqual(withCatalog.documents.map((document) => document.caiq.find((answer) => answer.id === 'CEK-13.1')?.answer), ['Partial', 'Partial']);
    assert.equal(withCatalog.set.caiq.find((answer) => answer.id === 'CEK-13.1')?.answer, 'Yes', 'the set establishes both triggers');
    assert.equal(report.documents[0].caiq.some((answer) => answer.id === 'CEK-13.1'), false, 'no question without your catalog: none is shipped');
  });

  it('code lens text: "CEK domain: N/M controls met", n/a left out of the count', () => {
    const result = checkText(compromise.text, 'a.md', { today: TODAY });
    const summary = domainSummary(result.controls)!;
    const met = result.controls.filter((control) => control.status === 'met').length;
    const notApplicable = result.controls.filter((control) => control.status === 'not-applicable').length;
    assert.equal(summary.title, `CEK domain: ${met}/${21 - notApplicable} controls met${notApplicable ? ` (${notApplicable} n/a)` : ''}`);
    assert.equal(summary.firstOpen, result.controls.find((control) => control.status !== 'met' && control.status !== 'not-applicable')!.control);
    assert.equal(domainSummary(result.controls.filter((control) => control.control === 'CEK-01' || control.control === 'CEK-02')), undefined, 'CEK-01/02 alone keep their own lens');
  });
});
