import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cryptographyOf } from '../../server/src/engine/crypto/extract';
import { checkText } from '../../server/src/engine/engine';
import { parsePolicyDocument } from '../../server/src/engine/parse/document';
import { markdownPolicy, yamlPolicy } from './fixtures';

type Expected = [algorithm: string, parameter: number | string | null, stance: string, use?: string];

function mentionsOf(text: string, fileName: string): Expected[] {
  const document = parsePolicyDocument(text, fileName);
  return cryptographyOf(document).mentions.map((mention) => {
    // Every span is exact: it covers the name as written.
    assert.ok(mention.span.end > mention.span.start && mention.span.end <= text.length);
    return [mention.algorithm, mention.parameter, mention.stance, mention.use];
  });
}

/** One table per layout: the text (our own) and every mention with its parameter, stance and use. */
const LAYOUTS: Record<string, [string, Expected[]][]> = {
  'Use | Algorithm | Key size table': [[
    '| Use | Algorithm | Key size |\n|---|---|---|\n| Data at rest | AES-GCM | 256-bit |\n| Key exchange | RSA | 3072-bit minimum, 4096-bit preferred |\n| Signatures | ECDSA | P-256, P-384 |',
    [['AES', 256, 'approved', 'encryption'], ['GCM', null, 'approved', 'unspecified'], ['RSA', 3072, 'approved', 'key-establishment'], ['RSA', 4096, 'approved', 'key-establishment'], ['ECDSA', 'P-256', 'approved', 'signature'], ['ECDSA', 'P-384', 'approved', 'signature']],
  ]],
  'Approved | Prohibited columns': [[
    '| Category | Approved | Prohibited |\n|---|---|---|\n| Ciphers | AES-256 | DES, RC4 |\n| Hashes | SHA-384 | MD5 |',
    [['AES', 256, 'approved', 'unspecified'], ['DES', null, 'prohibited', 'unspecified'], ['RC4', null, 'prohibited', 'unspecified'], ['SHA-384', null, 'approved', 'unspecified'], ['MD5', null, 'prohibited', 'unspecified']],
  ]],
  'status column, legacy row and prohibited row': [[
    '| Algorithm | Notes | Status |\n|---|---|---|\n| AES-CBC | Old archive readers only, legacy only | Restricted |\n| 3DES | Legacy systems | Prohibited |',
    [['AES', null, 'legacy', 'unspecified'], ['CBC', null, 'legacy', 'unspecified'], ['3DES', null, 'prohibited', 'unspecified']],
  ]],
  'list: algorithm on the parent bullet, sizes on sub-bullets': [[
    '- RSA:\n  - 3072 bits for signatures\n  - 4096 bits for the root CA',
    [['RSA', null, 'approved', 'unspecified'], ['RSA', 3072, 'approved', 'signature'], ['RSA', 4096, 'approved', 'unspecified']],
  ]],
  'lines of a paragraph written as a list': [[
    '• ECC\no Curves: secp256r1, secp384r1',
    [['ECC', null, 'approved', 'unspecified'], ['ECC', 'P-256', 'approved', 'unspecified'], ['ECC', 'P-384', 'approved', 'unspecified']],
  ]],
  'sentences': [
    ['Data in transit must use TLS 1.2 or higher; TLS 1.0 and 1.1 are disabled.', [['TLS', '1.2', 'approved', 'unspecified'], ['TLS', '1.0', 'prohibited', 'unspecified'], ['TLS', '1.1', 'prohibited', 'unspecified']]],
    ['Never use ECB mode. Replace 3DES with AES-256.', [['ECB', null, 'prohibited', 'unspecified'], ['3DES', null, 'prohibited', 'unspecified'], ['AES', 256, 'approved', 'unspecified']]],
    ['SHA-1 for digital signatures: verification only.', [['SHA-1', null, 'legacy', 'signature']]],
    ['MD5 is allowed only for non-security checksums.', [['MD5', null, 'approved', 'hash']]],
    ['Passwords are hashed with bcrypt, scrypt or Argon2id.', [['bcrypt', null, 'approved', 'unspecified'], ['scrypt', null, 'approved', 'unspecified'], ['Argon2', null, 'approved', 'unspecified']]],
    ['HMAC-SHA1 signs webhook payloads.', [['HMAC', null, 'approved', 'unspecified'], ['SHA-1', null, 'approved', 'mac']]],
    ['Diffie-Hellman groups smaller than 2048 bits are not permitted.', [['DH', '<2048', 'prohibited', 'unspecified']]],
    ['3DES is only allowed for legacy systems.', [['3DES', null, 'legacy', 'unspecified']]],
    ['SHA-1 may be used only for HMAC.', [['SHA-1', null, 'approved', 'mac'], ['HMAC', null, 'approved', 'unspecified']]],
    ['Services set `DB_USE_SSL=true`.', [['SSL', null, 'approved', 'unspecified']]],
    ['No SSLv2, SSLv3, TLS 1.0 or TLS 1.1.', [['SSL', '2.0', 'prohibited', 'unspecified'], ['SSL', '3.0', 'prohibited', 'unspecified'], ['TLS', '1.0', 'prohibited', 'unspecified'], ['TLS', '1.1', 'prohibited', 'unspecified']]],
    ['DES, 3DES and RC4 are prohibited; AES-256 is required.', [['DES', null, 'prohibited', 'unspecified'], ['3DES', null, 'prohibited', 'unspecified'], ['RC4', null, 'prohibited', 'unspecified'], ['AES', 256, 'approved', 'unspecified']]],
  ],
  'cipher-suite list': [[
    'Allowed suites:\n\n- TLS_AES_256_GCM_SHA384\n- ECDHE-ECDSA-AES128-GCM-SHA256',
    [['AES', 256, 'approved', 'encryption'], ['GCM', null, 'approved', 'unspecified'], ['SHA-384', null, 'approved', 'kdf'], ['ECDH', null, 'approved', 'key-establishment'], ['ECDSA', null, 'approved', 'signature'], ['AES', 128, 'approved', 'encryption'], ['GCM', null, 'approved', 'unspecified'], ['SHA-256', null, 'approved', 'kdf']],
  ]],
  '"Prohibited algorithms" heading and a lead-in': [
    ['## Prohibited algorithms\n\n- DES\n- 3DES: replace with AES-256', [['DES', null, 'prohibited', 'unspecified'], ['3DES', null, 'prohibited', 'unspecified'], ['AES', 256, 'approved', 'unspecified']]],
    ['**Prohibited Algorithms:**\n\n- RC4 stream cipher\n- MD5 hash', [['RC4', null, 'prohibited', 'unspecified'], ['MD5', null, 'prohibited', 'hash']]],
    ['The following must not be used:\n\n- SHA-1\n- CBC mode', [['SHA-1', null, 'prohibited', 'unspecified'], ['CBC', null, 'prohibited', 'unspecified']]],
  ],
  'code block': [[
    '```nginx\nssl_protocols TLSv1.2 TLSv1.3;\n```',
    [['SSL', null, 'approved', 'unspecified'], ['TLS', '1.2', 'approved', 'unspecified'], ['TLS', '1.3', 'approved', 'unspecified']],
  ]],
  'comparison table': [[
    '## Algorithm comparison\n\n| Algorithm | Key size |\n|---|---|\n| RSA-2048 | 2048 bits |',
    [['RSA', 2048, 'mentioned', 'unspecified']],
  ]],
};

describe('extraction by layout (Markdown)', () => {
  for (const [layout, cases] of Object.entries(LAYOUTS)) {
    cases.forEach(([body, expected], index) => {
      it(`${layout}${cases.length > 1 ? ` #${index + 1}` : ''}`, () => {
        assert.deepEqual(mentionsOf(markdownPolicy(body), 'p.md'), expected);
      });
    });
  }
});

describe('extraction from the YAML cryptography section', () => {
  it('names, sizes, curves, versions, modes, uses and stances', () => {
    const text = yamlPolicy(['{ name: AES, key_size: 256, mode: GCM, use: encryption }', '{ name: "TLS", version: "1.3" }', '{ name: ECDSA, curve: secp384r1 }', '{ name: 3DES, status: prohibited }', '{ name: SHA-1, use: mac, status: legacy }', 'ChaCha20-Poly1305']);
    assert.deepEqual(mentionsOf(text, 'p.yaml'), [
      ['AES', 256, 'approved', 'encryption'], ['GCM', null, 'approved', 'mode'], ['TLS', '1.3', 'approved', 'unspecified'], ['ECDSA', 'P-384', 'approved', 'unspecified'],
      ['3DES', null, 'prohibited', 'unspecified'], ['SHA-1', null, 'legacy', 'mac'], ['ChaCha20-Poly1305', null, 'approved', 'unspecified'],
    ]);
    const facts = cryptographyOf(parsePolicyDocument(text, 'p.yaml'));
    assert.deepEqual(facts.cryptoperiods.map((period) => [period.keyType, period.months]), [['symmetric-data-encryption', 12]]);
    assert.equal(facts.generation.length, 1);
    assert.equal(facts.postQuantum.length, 1);
  });

  it('a quoted name maps its span inside the quotes', () => {
    const text = yamlPolicy(['{ name: "3DES" }']);
    const [mention] = cryptographyOf(parsePolicyDocument(text, 'p.yaml')).mentions;
    assert.equal(text.slice(mention.span.start, mention.span.end), '3DES');
  });

  it('spans stay exact with CRLF line ends and a BOM', () => {
    const text = `\uFEFF${markdownPolicy('| Algorithm | Key size |\n|---|---|\n| RSA | 1024 |\n\nUse 3DES.').replace(/\n/g, '\r\n')}`;
    const mentions = cryptographyOf(parsePolicyDocument(text, 'p.md')).mentions;
    assert.deepEqual(mentions.map((mention) => text.slice(mention.span.start, mention.span.end)), ['RSA', '3DES']);
    assert.equal(text.slice(mentions[0].parameterSpan!.start, mentions[0].parameterSpan!.end), '1024');
  });
});

describe('findings move with today across each transition', () => {
  const days = (from: string, to: string) => fc.integer({ min: Date.parse(`${from}T00:00:00Z`), max: Date.parse(`${to}T00:00:00Z`) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
  const TRANSITIONS: { name: string; algorithm: string; date: string; before: string | undefined; after: string }[] = [
    { name: '3DES encryption', algorithm: '{ name: 3DES, use: encryption }', date: '2024-01-01', before: 'algorithm-deprecated', after: 'algorithm-disallowed' },
    { name: 'SHA-1 with no use', algorithm: '{ name: SHA-1 }', date: '2031-01-01', before: 'algorithm-deprecated', after: 'algorithm-disallowed' },
    { name: 'SHA-1 in HMAC', algorithm: '{ name: SHA-1, use: mac }', date: '2031-01-01', before: undefined, after: 'algorithm-disallowed' },
    { name: 'RSA-2048 deprecated after 2030', algorithm: '{ name: RSA, key_size: 2048, use: signature }', date: '2031-01-01', before: undefined, after: 'algorithm-deprecated' },
    { name: 'RSA-2048 disallowed after 2035', algorithm: '{ name: RSA, key_size: 2048, use: signature }', date: '2036-01-01', before: 'algorithm-deprecated', after: 'algorithm-disallowed' },
    { name: 'ECDSA P-384 disallowed after 2035', algorithm: '{ name: ECDSA, curve: P-384 }', date: '2036-01-01', before: undefined, after: 'algorithm-disallowed' },
  ];
  for (const transition of TRANSITIONS) {
    it(transition.name, () => {
      const text = yamlPolicy([transition.algorithm]);
      const rulesOn = (today: string) => checkText(text, 'p.yaml', { today }).findings.map((finding) => finding.rule).filter((rule) => rule.startsWith('algorithm-'));
      const dayBefore = new Date(Date.parse(`${transition.date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const earliest = new Date(Date.parse(`${transition.date}T00:00:00Z`) - 2 * 365 * 86_400_000).toISOString().slice(0, 10);
      const latestAfter = new Date(Date.parse(`${transition.date}T00:00:00Z`) + 2 * 365 * 86_400_000).toISOString().slice(0, 10);
      assert.deepEqual(rulesOn(dayBefore), transition.before ? [transition.before] : []);
      assert.deepEqual(rulesOn(transition.date), [transition.after]);
      fc.assert(fc.property(days(earliest, dayBefore), (today) => {
        if (transition.before === undefined && today < '2024-01-01') return;
        assert.deepEqual(rulesOn(today), transition.before ? [transition.before] : []);
      }), { numRuns: 25 });
      fc.assert(fc.property(days(transition.date, latestAfter), (today) => {
        const rules = rulesOn(today);
        assert.ok(rules.includes(transition.after) || (transition.after === 'algorithm-deprecated' && rules.includes('algorithm-disallowed')), `${today}: ${rules.join(',')}`);
      }), { numRuns: 25 });
    });
  }
});

describe('extraction never throws and keeps every span inside the text', () => {
  const WORDS = ['AES', '-256', 'GCM', '3DES', 'TLS', ' 1.2', 'SSLv3', 'RSA', ' 2048', '-bit', 'P-256', 'secp384r1', 'SHA-1', 'HMAC', 'MD5', 'ECDHE-RSA-AES256-GCM-SHA384', 'TLS_AES_128_GCM_SHA256',
    ' not ', ' no ', ' prohibited', ' legacy only', ' use ', ' replace with ', ':', ';', '.', ',', ' | ', '\n', '\r\n', '\n- ', '\n  - ', '\n## Prohibited algorithms\n', '\n| A | B |\n|---|---|\n', '`', '**', '```\n', ' every 3 years', ' keys', 'é', '🔐', '\u2028'];
  it('on random statements made of names, sizes, cues and Markdown structure', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }), fc.boolean(), (parts, yaml) => {
      const body = parts.join('');
      const text = yaml ? yamlPolicy([`{ name: "${body.replace(/["\\\r\n\u2028]/g, ' ')}" }`]) : markdownPolicy(body);
      const facts = cryptographyOf(parsePolicyDocument(text, yaml ? 'p.yaml' : 'p.md'));
      for (const mention of facts.mentions) {
        assert.ok(mention.span.start >= 0 && mention.span.end <= text.length && mention.span.end > mention.span.start, JSON.stringify(mention.span));
        if (mention.parameterSpan) assert.ok(mention.parameterSpan.start >= 0 && mention.parameterSpan.end <= text.length);
      }
      for (const period of facts.cryptoperiods) assert.ok(period.span.end <= text.length && period.span.end > period.span.start);
    }), { numRuns: 400, seed: 25 });
  });
});
