import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { builtinCatalog } from '../../server/src/engine/config/catalog';
import { mergeConfig } from '../../server/src/engine/config/config';
import { checkText } from '../../server/src/engine/engine';
import { composeComplianceReport, documentReport } from '../../server/src/engine/report/compliance';
import { renderCsv } from '../../server/src/engine/report/csv';
import { renderHtml } from '../../server/src/engine/report/html';
import type { Analysis } from '../../server/src/features/analysis';
import { hover } from '../../server/src/features/hover';
import { checkedView, featureView } from '../../server/src/features/view';
import { ROOT } from '../helpers/ruleTester';
import { markdownPolicy } from './fixtures';

const TODAY = '2026-11-24';
const text = markdownPolicy('| Use | Algorithm | Key size |\n|---|---|---|\n| Key exchange | RSA | 2048-bit |\n| Payments | 3DES | 168-bit |\n\nTLS 1.0 is disabled.');

describe('cryptography in the report and the hover', () => {
  const result = checkText(text, 'p.md', { today: TODAY });
  const document = documentReport({ path: 'p.md', result }, builtinCatalog());

  it('JSON: profile and one entry per mention with line, text, parameter, stance, status, until and source; valid against the schema', () => {
    assert.deepEqual(document.cryptography, {
      profile: 'nist',
      mentions: [
        { line: 10, text: 'RSA', algorithm: 'RSA', parameter: 2048, use: 'key-establishment', stance: 'approved', status: 'acceptable', until: '2031-01-01', source: 'NIST SP 800-131A Rev. 2 §4–§7' },
        { line: 11, text: '3DES', algorithm: '3DES', parameter: null, use: 'unspecified', stance: 'approved', status: 'disallowed', source: 'NIST SP 800-131A Rev. 2 §2 Table 1; NIST news of 2023-06-29' },
        { line: 13, text: 'TLS', algorithm: 'TLS', parameter: '1.0', use: 'unspecified', stance: 'prohibited', status: 'disallowed', source: 'NIST SP 800-52 Rev. 2 §3.1; RFC 8996' },
      ],
    });
    const report = composeComplianceReport([document], builtinCatalog(), { today: TODAY, version: '0.0.0' });
    const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'report.schema.json'), 'utf8')));
    assert.ok(validate(report), JSON.stringify(validate.errors));
  });

  it('CSV: a row per mention; HTML: an algorithm table with statuses and dates', () => {
    const report = composeComplianceReport([document], builtinCatalog(), { today: TODAY, version: '0.0.0' });
    const csv = renderCsv(report);
    assert.ok(csv.includes(',algorithm,,,disallowed,,,,,NIST SP 800-131A Rev. 2 §2 Table 1; NIST news of 2023-06-29,11,3DES,3DES,,unspecified,approved,nist,\r\n'), csv);
    const html = renderHtml(report, {});
    assert.match(html, /<caption>Algorithms named in the policy, judged against the nist profile on 2026-11-24<\/caption>/);
    assert.match(html, /<td>RSA<\/td><td>2048<\/td><td>key-establishment<\/td><td>approved<\/td><td><strong>acceptable<\/strong><\/td><td>2031-01-01<\/td>/);
  });

  it('hover on a name and on a size in another cell: what it is, strength, status today, next transition and source', () => {
    const analysis: Analysis = { uri: 'file:///p.md', version: 1, result, loaded: { config: mergeConfig(), problems: [], catalog: builtinCatalog(), catalogErrors: [] } as unknown as Analysis['loaded'], today: TODAY };
    const view = featureView(checkedView(analysis, 1), text, builtinCatalog());
    const lines = result.document.lines;
    const at = (needle: string) => lines.positionAt(text.indexOf(needle) + 1);
    const onName = hover(view, at('| RSA') && lines.positionAt(text.indexOf('RSA')));
    assert.ok(onName);
    const value = (onName.contents as { value: string }).value;
    assert.match(value, /^\*\*RSA 2048-bit\*\*: RSA \(FIPS 186-5 signatures, SP 800-56B key transport\)/);
    assert.match(value, /Security strength: 112 bits/);
    assert.match(value, /Under `nist` on 2026-11-24: \*\*acceptable\*\*/);
    assert.match(value, /Next: \*\*deprecated\*\* from 2031-01-01 \(NIST IR 8547 \(draft\) §4\.1 Tables 2–4\)/);
    const onSize = hover(view, at('2048-bit'));
    assert.match((onSize!.contents as { value: string }).value, /^\*\*RSA 2048-bit\*\*/);
  });
});
