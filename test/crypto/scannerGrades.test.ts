import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cryptoTokens } from '../../server/src/engine/crypto/scanner';
import { GRADE_SOURCES, gradeMentions, SSL_LABS_CAPS, SSL_LABS_GRADES, SSL_LABS_UNVERIFIED, toleratedBy } from '../../server/src/engine/crypto/scannerGrades';

const grades = (text: string) => gradeMentions(text, cryptoTokens(text)).map((found) => [found.grade, text.slice(found.start, found.end)]);

describe('SSL Labs grades as data, with their sources', () => {
  it('pins the cap: supporting TLS 1.0 or TLS 1.1 caps a server at B from 2020-01-31 (Qualys SSL Labs)', () => {
    assert.deepEqual(SSL_LABS_CAPS, [{ protocol: 'TLS', versions: ['1.0', '1.1'], cap: 'B', since: '2020-01-31', source: 'ssllabs-tls10-11' }]);
    assert.equal(GRADE_SOURCES['ssllabs-tls10-11'].url, 'https://blog.qualys.com/ssllabs/2018/11/19/grade-change-for-tls-1-0-and-tls-1-1-protocols');
    assert.match(GRADE_SOURCES['ssllabs-tls10-11'].title, /update of 2020-01-31/);
    assert.deepEqual([...SSL_LABS_GRADES], ['A+', 'A', 'A-', 'B', 'C', 'D', 'E', 'F']);
    assert.ok(SSL_LABS_UNVERIFIED.some((note) => note.includes('SSL 2.0 or SSL 3.0')), 'what was not verified is said');
  });

  it('a grade at or below the cap tolerates TLS 1.0 and 1.1 for good; a better one only before the cap came in', () => {
    for (const grade of ['B', 'C', 'F'] as const) assert.deepEqual(toleratedBy(grade).map(({ version, until }) => [version, until]), [['1.0', undefined], ['1.1', undefined]], grade);
    for (const grade of ['A+', 'A', 'A-'] as const) assert.deepEqual(toleratedBy(grade).map(({ version, until }) => [version, until]), [['1.0', '2020-01-31'], ['1.1', '2020-01-31']], grade);
  });
});

describe('gradeMentions: the grade a sentence asks for', () => {
  const table: [string, [string, string][]][] = [
    ['Endpoints must achieve an SSL Labs grade of B or better.', [['B', 'Endpoints must achieve an SSL Labs grade of B or better.']]],
    ['All sites hold an A+ rating from Qualys SSL Labs', [['A+', 'All sites hold an A+ rating from Qualys SSL Labs']]],
    ['Scanned weekly. The SSLLabs score must be at least A- for every host; reports go to the CISO.', [['A-', 'The SSLLabs score must be at least A- for every host']]],
    ['Public endpoints are graded A by SSL Labs.', [['A', 'Public endpoints are graded A by SSL Labs.']]],
    ['SSL Labs rating: C', [['C', 'SSL Labs rating: C']]],
    ['A grade of B or lower on SSL Labs is not acceptable.', []],
    ['TLS configuration is scanned weekly via the SSL Labs API.', []],
    ['Endpoints get a grade of B. SSL Labs scans them weekly.', []],
    ['The upgrade to TLS 1.3 is graded as a major change.', []],
    ['A-B testing of the SSL Labs scanner.', []],
  ];
  for (const [text, expected] of table) it(text, () => assert.deepEqual(grades(text), expected));

  it('is linear on hostile text: 50,000 scanner names and grade words with no letter', () => {
    const text = 'SSL Labs grade of at least '.repeat(50_000);
    const started = performance.now();
    assert.deepEqual(grades(text), []);
    assert.ok(performance.now() - started < 2000);
  });
});
