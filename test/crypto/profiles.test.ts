import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judge, parseProfileName, rulesOf, type ProfileChoice } from '../../server/src/engine/crypto/judge';
import { BUILTIN_PROFILES, type CryptoStatus } from '../../server/src/engine/crypto/profiles';
import type { CryptoUse, Parameter } from '../../server/src/engine/crypto/registry';

function choice(name: string): ProfileChoice {
  const parsed = parseProfileName(name);
  assert.ok(parsed, `profile ${name}`);
  return parsed;
}

type Row = [algorithm: string, parameter: Parameter, use: CryptoUse, today: string, status: CryptoStatus, until?: string];

/** Each row: what the profile says of one use on one day; transitions are pinned on both sides of their date. */
const TABLES: Record<string, Row[]> = {
  nist: [
    ['3DES', null, 'encryption', '2023-12-31', 'deprecated', '2024-01-01'],
    ['3DES', null, 'encryption', '2024-01-01', 'disallowed'],
    ['3DES', null, 'unspecified', '2024-01-01', 'disallowed'],
    ['2TDEA', null, 'encryption', '2015-12-31', 'disallowed'],
    ['DES', null, 'encryption', '2020-01-01', 'disallowed'],
    ['RC4', null, 'encryption', '2020-01-01', 'disallowed'],
    ['MD5', null, 'hash', '2020-01-01', 'disallowed'],
    ['SHA-1', null, 'signature', '2026-12-07', 'disallowed'],
    ['SHA-1', null, 'mac', '2030-12-31', 'acceptable', '2031-01-01'],
    ['SHA-1', null, 'mac', '2031-01-01', 'disallowed'],
    ['SHA-1', null, 'unspecified', '2030-12-31', 'deprecated', '2031-01-01'],
    ['SHA-1', null, 'hash', '2031-01-01', 'disallowed'],
    ['SHA-256', null, 'hash', '2040-01-01', 'acceptable'],
    ['AES', 128, 'encryption', '2040-01-01', 'acceptable'],
    ['ECB', null, 'mode', '2026-12-07', 'deprecated'],
    ['GCM', null, 'mode', '2026-12-07', 'acceptable'],
    ['RSA', 1024, 'signature', '2026-12-07', 'disallowed'],
    ['RSA', '<2048', 'unspecified', '2026-12-07', 'disallowed'],
    ['RSA', 2048, 'key-establishment', '2030-12-31', 'acceptable', '2031-01-01'],
    ['RSA', 2048, 'key-establishment', '2031-01-01', 'deprecated', '2036-01-01'],
    ['RSA', 2048, 'signature', '2035-12-31', 'deprecated', '2036-01-01'],
    ['RSA', 2048, 'signature', '2036-01-01', 'disallowed'],
    ['RSA', 3072, 'signature', '2035-12-31', 'acceptable', '2036-01-01'],
    ['RSA', 3072, 'signature', '2036-01-01', 'disallowed'],
    ['RSA', null, 'unspecified', '2035-12-31', 'unknown', '2036-01-01'],
    ['ECDSA', 'P-192', 'signature', '2026-12-07', 'disallowed'],
    ['ECDSA', 'P-224', 'signature', '2030-12-31', 'acceptable', '2031-01-01'],
    ['ECDSA', 'P-256', 'signature', '2035-12-31', 'acceptable', '2036-01-01'],
    ['ECDH', 'P-384', 'key-establishment', '2036-01-01', 'disallowed'],
    ['Ed25519', null, 'signature', '2035-12-31', 'acceptable', '2036-01-01'],
    ['DSA', 2048, 'signature', '2026-12-07', 'not-approved'],
    ['bcrypt', null, 'password-hashing', '2026-12-07', 'not-approved'],
    ['Argon2', null, 'password-hashing', '2026-12-07', 'not-approved'],
    ['X25519', null, 'key-establishment', '2026-12-07', 'not-approved'],
    ['ChaCha20-Poly1305', null, 'encryption', '2026-12-07', 'not-approved'],
    ['ML-KEM', 768, 'key-establishment', '2040-01-01', 'acceptable'],
    ['ML-DSA', 65, 'signature', '2040-01-01', 'acceptable'],
    ['SLH-DSA', null, 'signature', '2040-01-01', 'acceptable'],
    ['TLS', '1.0', 'protocol', '2026-12-07', 'disallowed'],
    ['TLS', '1.1', 'protocol', '2026-12-07', 'disallowed'],
    ['TLS', '<1.2', 'protocol', '2026-12-07', 'disallowed'],
    ['TLS', '1.2', 'protocol', '2026-12-07', 'acceptable'],
    ['TLS', '1.3', 'protocol', '2026-12-07', 'acceptable'],
    ['TLS', null, 'protocol', '2026-12-07', 'unknown'],
    ['SSL', '3.0', 'protocol', '2026-12-07', 'disallowed'],
  ],
  'nist+rev3': [
    ['ECB', null, 'mode', '2026-12-07', 'disallowed'],
    ['RSA', 2048, 'key-establishment', '2025-12-31', 'acceptable', '2026-01-01'],
    ['RSA', 2048, 'key-establishment', '2026-01-01', 'deprecated', '2031-01-01'],
    ['RSA', 2048, 'key-establishment', '2031-01-01', 'disallowed'],
    ['RSA', 3072, 'key-establishment', '2031-01-01', 'acceptable', '2036-01-01'],
    ['SHA-224', null, 'hash', '2030-12-31', 'deprecated', '2031-01-01'],
    ['SHA-224', null, 'hash', '2031-01-01', 'disallowed'],
  ],
  'cnsa-2.0': [
    ['AES', 256, 'encryption', '2026-12-07', 'acceptable'],
    ['AES', 128, 'encryption', '2026-12-07', 'not-approved'],
    ['SHA-384', null, 'hash', '2026-12-07', 'acceptable'],
    ['SHA-256', null, 'hash', '2026-12-07', 'not-approved'],
    ['ML-KEM', 1024, 'key-establishment', '2026-12-07', 'acceptable'],
    ['ML-KEM', 768, 'key-establishment', '2026-12-07', 'not-approved'],
    ['ML-DSA', 87, 'signature', '2026-12-07', 'acceptable'],
    ['LMS', null, 'signature', '2026-12-07', 'acceptable'],
    ['RSA', 3072, 'signature', '2033-12-31', 'deprecated', '2034-01-01'],
    ['RSA', 3072, 'signature', '2034-01-01', 'disallowed'],
    ['ECDSA', 'P-384', 'signature', '2033-12-31', 'deprecated', '2034-01-01'],
    ['ECDSA', 'P-384', 'signature', '2034-01-01', 'disallowed'],
    ['TLS', '1.3', 'protocol', '2026-12-07', 'acceptable'],
    ['TLS', '1.2', 'protocol', '2033-12-31', 'deprecated', '2034-01-01'],
    ['3DES', null, 'encryption', '2026-12-07', 'disallowed'],
    ['bcrypt', null, 'password-hashing', '2026-12-07', 'not-approved'],
  ],
  'bsi-tr-02102-1': [
    ['RSA', 2048, 'signature', '2023-12-31', 'acceptable', '2024-01-01'],
    ['RSA', 2048, 'signature', '2024-01-01', 'disallowed'],
    ['DH', 2048, 'key-establishment', '2024-01-01', 'disallowed'],
    ['RSA', 3072, 'signature', '2030-01-01', 'acceptable'],
    ['ECDSA', 'P-256', 'signature', '2030-01-01', 'acceptable'],
    ['ECDSA', 'P-224', 'signature', '2026-12-07', 'disallowed'],
    ['AES', 128, 'encryption', '2030-01-01', 'acceptable'],
    ['SHA-256', null, 'hash', '2030-01-01', 'acceptable'],
    ['SHA-224', null, 'hash', '2026-12-07', 'disallowed'],
    ['SHA-1', null, 'signature', '2026-12-07', 'disallowed'],
    ['Argon2', null, 'password-hashing', '2026-12-07', 'acceptable'],
    ['TLS', '1.2', 'protocol', '2026-12-07', 'acceptable'],
    ['TLS', '1.1', 'protocol', '2026-12-07', 'disallowed'],
  ],
};

for (const [name, rows] of Object.entries(TABLES)) {
  describe(`profile ${name}: pinned statuses and dates`, () => {
    for (const [algorithm, parameter, use, today, status, until] of rows) {
      it(`${algorithm} ${parameter ?? ''} ${use} on ${today}: ${status}${until ? ` until ${until}` : ''}`, () => {
        const judgement = judge(choice(name), { algorithm, parameter, use }, today);
        assert.equal(judgement.status, status);
        assert.equal(judgement.until, until);
        assert.ok(judgement.source.length > 0);
      });
    }
  });
}

describe('profile data', () => {
  for (const profile of BUILTIN_PROFILES) {
    const options = Object.keys(profile.options ?? {});
    for (const name of [profile.id, ...options.map((option) => `${profile.id}+${option}`)]) {
      it(`${name}: every phase names a known source and dates are in order`, () => {
        const picked = choice(name);
        for (const rule of rulesOf(picked)) {
          let previous = '';
          rule.timeline.forEach((phase, index) => {
            for (const part of phase.source.split('; ')) assert.ok(profile.sources[part.split(/[ ,]/)[0]], `${name}: source of ${rule.algorithms.join(',')}: ${part}`);
            if (index > 0) {
              assert.ok(phase.from && phase.from > previous, `${name}: ${rule.algorithms.join(',')} phases in date order`);
              previous = phase.from!;
            } else if (phase.from) previous = phase.from;
          });
        }
      });
    }
  }

  it('options parse: nist+rev3+fips, and unknown names or options are refused', () => {
    assert.deepEqual(choice('nist+rev3+fips').options, ['rev3']);
    assert.equal(choice('nist+rev3+fips').fips, true);
    assert.equal(parseProfileName('nist+rev4'), undefined);
    assert.equal(parseProfileName('fips-140'), undefined);
  });
});
