import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { allNames, scanText } from '../../server/src/engine/crypto/scanner';
import { ALGORITHMS, CURVES } from '../../server/src/engine/crypto/registry';

const CONTEXT = ['the', 'policy', 'requires', 'for', 'data', 'and', 'keys', 'only', 'approved'];

describe('name scanner', () => {
  it('every alias parses to its id, in any case where case does not matter, amid other words', () => {
    const aliases = allNames().filter(({ name }) => !/^[HRPE]S\d/.test(name));
    fc.assert(fc.property(fc.constantFrom(...aliases), fc.array(fc.constantFrom(...CONTEXT), { maxLength: 4 }), fc.array(fc.constantFrom(...CONTEXT), { maxLength: 4 }), fc.boolean(), ({ name, id }, before, after, upper) => {
        const exact = ALGORITHMS.find((info) => info.id === id)?.exactCase?.includes(name) ?? false;
        const written = exact ? name : upper ? name.toUpperCase() : name.toLowerCase();
        const text = [...before, written, ...after].join(' ');
        const mentions = scanText(text);
        const at = before.join(' ').length + (before.length > 0 ? 1 : 0);
        const found = mentions.find((mention) => mention.start <= at && mention.end >= at + written.replace(/[^A-Za-z0-9]+$/, '').length);
        assert.ok(found, `"${written}" in "${text}"`);
        assert.equal(found.algorithm, id, `"${written}"`);
      }), { numRuns: 2000 });
  });

  it('every curve alias is read as its curve after ECDSA', () => {
    for (const curve of CURVES) for (const alias of curve.aliases) {
      const [mention] = scanText(`ECDSA with ${alias} keys`);
      assert.deepEqual(mention.parameters.map((hit) => hit.value), [curve.id], alias);
    }
  });

  it('JOSE names are two algorithms', () => {
    assert.deepEqual(scanText('tokens are signed with HS256').map((m) => [m.algorithm, m.use]), [['HMAC', 'mac'], ['SHA-256', 'mac']]);
    assert.deepEqual(scanText('RS256').map((m) => m.algorithm), ['RSA', 'SHA-256']);
  });

  const table: [string, [string, unknown, string | undefined][]][] = [
    ['ECDHE-RSA-AES256-GCM-SHA384', [['ECDH', null, 'key-establishment'], ['RSA', null, 'signature'], ['AES', 256, 'encryption'], ['GCM', null, undefined], ['SHA-384', null, 'kdf']]],
    ['TLS_AES_128_GCM_SHA256', [['AES', 128, 'encryption'], ['GCM', null, undefined], ['SHA-256', null, 'kdf']]],
    ['TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', [['ECDH', null, 'key-establishment'], ['ECDSA', null, 'signature'], ['AES', 256, 'encryption'], ['GCM', null, undefined], ['SHA-384', null, 'kdf']]],
    ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', [['RSA', null, 'key-establishment'], ['3DES', null, 'encryption'], ['CBC', null, undefined], ['SHA-1', null, 'mac']]],
    ['TLS_CHACHA20_POLY1305_SHA256', [['ChaCha20-Poly1305', null, 'encryption'], ['SHA-256', null, 'kdf']]],
    ['AES-256-GCM', [['AES', 256, undefined], ['GCM', null, undefined]]],
    ['TLSv1.2 and SSLv3', [['TLS', '1.2', undefined], ['SSL', '3.0', undefined]]],
    ['SSL v2 or v3', [['SSL', '2.0', undefined]]],
    ['RSA keys shorter than 3072 bits', [['RSA', '<3072', undefined]]],
    ['256-bit AES', [['AES', 256, undefined]]],
    ['AES with key lengths of 128, 192, or 256 bits', [['AES', 128, undefined]]],
    ['DES-EDE3, TDEA and Triple DES', [['3DES', null, undefined], ['3DES', null, undefined], ['3DES', null, undefined]]],
    ['secp256r1 is prime256v1', []],
    ['SSL Labs grade A', []],
    ['Deutsche Bank des Jahres', []],
  ];
  for (const [text, expected] of table) {
    it(`splits "${text}"`, () => {
      const got = scanText(text).map((mention) => [mention.algorithm, mention.parameters[0]?.value ?? null, mention.use]);
      assert.deepEqual(got, expected);
    });
  }

  it('all sizes after a name: "128, 192, or 256"', () => {
    assert.deepEqual(scanText('AES with key lengths of 128, 192, or 256 bits')[0].parameters.map((hit) => hit.value), [128, 192, 256]);
    assert.deepEqual(scanText('SSL v2 or v3')[0].parameters.map((hit) => hit.value), ['2.0', '3.0']);
  });

  it('is linear on hostile input', () => {
    for (const unit of ['AES-', 'a-', '1.', 'SHA ', 'TLS 1.', '_x', 'RSA 2048 ']) {
      const text = unit.repeat(200_000 / unit.length);
      const started = performance.now();
      scanText(text);
      assert.ok(performance.now() - started < 2000, `${unit} x ${text.length / unit.length}`);
    }
  });
});
