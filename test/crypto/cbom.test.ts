import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mergeConfig } from '../../server/src/engine/config/config';
import { assessCryptography } from '../../server/src/engine/crypto/assess';
import { compareCbom, readCbom } from '../../server/src/engine/crypto/cbom';
import { DEFAULT_PROFILE_CHOICE } from '../../server/src/engine/crypto/judge';
import { parsePolicyDocument } from '../../server/src/engine/parse/document';
import { ROOT } from '../helpers/ruleTester';
import { cli, workspace } from '../cli/helpers';
import { markdownPolicy } from './fixtures';

const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'cbom', name), 'utf8');

describe('check --cbom: a CycloneDX 1.6 BOM against the policy', () => {
  it('the vendored CycloneDX schemas are the ones shipped in @cyclonedx/cyclonedx-library', () => {
    for (const [ours, theirs] of [['bom-1.6', 'bom-1.6'], ['spdx', 'spdx'], ['jsf-0.82', 'jsf-0.82']]) {
      assert.equal(readFileSync(join(ROOT, 'vendor', 'cyclonedx', `${ours}.schema.json`), 'utf8'), readFileSync(join(ROOT, 'node_modules', '@cyclonedx', 'cyclonedx-library', 'res', 'schema', `${theirs}.SNAPSHOT.schema.json`), 'utf8'));
    }
  });

  it('reads algorithm and protocol assets with sizes, modes, uses and cipher-suite parts', () => {
    const reading = readCbom('service.cdx.json', fixture('service.cdx.json'));
    assert.deepEqual(reading.errors, []);
    assert.deepEqual(reading.assets.map((asset) => [asset.algorithm, asset.parameter, asset.use]), [
      ['AES', 256, 'encryption'], ['GCM', null, 'mode'], ['3DES', null, 'encryption'], ['CBC', null, 'mode'], ['SHA-1', null, 'hash'], ['RSA', 2048, 'signature'],
      ['bcrypt', null, 'kdf'], ['TLS', '1.2', 'protocol'], ['ECDH', null, 'key-establishment'], ['RSA', null, 'signature'], ['AES', 256, 'encryption'], ['GCM', null, 'unspecified'], ['SHA-384', null, 'kdf'],
    ]);
  });

  it('refuses a BOM that is not valid CycloneDX 1.6, or not CycloneDX 1.6 at all', () => {
    assert.match(readCbom('invalid.cdx.json', fixture('invalid.cdx.json')).errors[0], /^invalid\.cdx\.json: \/components\/0\/cryptoProperties\/assetType must be equal to one of the allowed values/);
    assert.deepEqual(readCbom('x.json', '{"bomFormat":"CycloneDX","specVersion":"1.4"}').errors, ['x.json: CycloneDX 1.4; cryptographic assets are read from CycloneDX 1.6']);
    assert.deepEqual(readCbom('x.json', '{"spdxVersion":"SPDX-2.3"}').errors, ['x.json: not a CycloneDX BOM (bomFormat is not "CycloneDX")']);
    assert.deepEqual(readCbom('x.json', 'not json').errors, ['x.json: not valid JSON (only the JSON form of CycloneDX is read)']);
  });

  it('reports what is used but disallowed, prohibited or not approved, and what is approved but unused', () => {
    const policy = markdownPolicy('Data is encrypted with AES-256-GCM; TLS 1.2 or 1.3 with ECDHE suites; signatures use RSA 3072-bit keys and ML-DSA; passwords use PBKDF2. SHA-1 is prohibited.');
    const assessment = assessCryptography(parsePolicyDocument(policy, 'p.md'), mergeConfig(), '2026-11-24');
    const issues = compareCbom(readCbom('service.cdx.json', fixture('service.cdx.json')), [assessment], DEFAULT_PROFILE_CHOICE, '2026-11-24');
    assert.deepEqual(issues.map((issue) => `${issue.severity} ${issue.kind}: ${issue.message}`), [
      'error disallowed-in-use: 3DES (3DES, bom-ref crypto/3des) is in use, and nist disallows it (NIST SP 800-131A Rev. 2 §2 Table 1; NIST news of 2023-06-29).',
      'warning not-approved-in-use: CBC (3DES, bom-ref crypto/3des) is in use, but the policy does not approve it.',
      'error prohibited-in-use: SHA-1 (SHA-1, bom-ref crypto/sha1) is in use, but the policy prohibits it.',
      'warning not-approved-in-use: RSA-2048 (RSA-2048, bom-ref crypto/rsa-2048) is in use, but the policy does not approve it.',
      'warning not-approved-in-use: bcrypt (bcrypt, bom-ref crypto/bcrypt) is in use, but the policy does not approve it.',
      'warning not-approved-in-use: SHA-384 (TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, bom-ref crypto/tls) is in use, but the policy does not approve it.',
      'info approved-unused: The policy approves ML-DSA, but no cryptographic asset of the BOM uses it.',
      'info approved-unused: The policy approves PBKDF2, but no cryptographic asset of the BOM uses it.',
    ]);
  });
});

describe('cek-policy check --cbom', () => {
  it('prints the BOM\'s gaps after the findings, counts them in the exit status, and refuses an invalid BOM (exit 2)', () => {
    const dir = workspace({ 'policy.md': markdownPolicy('Data is encrypted with AES-256-GCM; TLS 1.2 or 1.3 with ECDHE suites; signatures use RSA 3072-bit keys and ML-DSA; passwords use PBKDF2. SHA-1 is prohibited.'), 'bom.json': fixture('service.cdx.json'), 'bad.json': fixture('invalid.cdx.json') });
    const run = cli(['check', 'policy.md', '--cbom', 'bom.json', '--today', '2026-11-24'], dir);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^bom\.json: error cbom-disallowed-in-use 3DES \(3DES, bom-ref crypto\/3des\) is in use, and nist disallows it/m);
    assert.match(run.stderr, /^bom\.json: info cbom-approved-unused The policy approves ML-DSA, but no cryptographic asset of the BOM uses it\.$/m);
    assert.match(run.stderr, /^cek-policy: --cbom bom\.json: 13 algorithm uses read, judged against nist and 1 policy: 2 errors, 4 warnings$/m);
    const bad = cli(['check', 'policy.md', '--cbom', 'bad.json'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--cbom bad\.json: \/components\/0\/cryptoProperties\/assetType must be equal to one of the allowed values/);
  });
});
