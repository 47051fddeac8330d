import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mergeConfig, parseConfigText } from '../../server/src/engine/config/config';
import { loadConfig } from '../../server/src/engine/config/workspace';
import { loadProfiles, parseProfileFile } from '../../server/src/engine/crypto/profileFile';
import { checkText } from '../../server/src/engine/engine';
import { propertiesAt, schemaAt } from '../../server/src/engine/model/schemaInfo';
import { yamlPolicy } from './fixtures';

const ORG_PROFILE = {
  id: 'acme-2027',
  title: 'ACME cryptography standard',
  sources: { 'acme-std': { title: 'ACME Cryptography Standard v4', date: '2026-06-01' } },
  rules: [
    { algorithms: ['AES'], parameters: [256], timeline: [{ status: 'acceptable', source: 'acme-std §3.1' }] },
    { algorithms: ['AES'], timeline: [{ status: 'deprecated', source: 'acme-std §3.1' }, { status: 'disallowed', from: '2027-07-01', source: 'acme-std §3.2' }] },
    { algorithms: ['*'], timeline: [{ status: 'not-approved', source: 'acme-std §1' }] },
  ],
};

describe('choosing a profile', () => {
  it('.cekpolicy.yaml: profile as a name or with options; an unknown name is a config problem on its value', () => {
    assert.equal(parseConfigText('profile: cnsa-2.0\n').config.profile, 'cnsa-2.0');
    assert.equal(parseConfigText('profile: { id: nist, rev3: true, fips: true }\n').config.profile, 'nist+rev3+fips');
    const bad = parseConfigText('profile: nsit\n');
    assert.equal(bad.config.profile, undefined);
    assert.deepEqual(bad.problems.map((problem) => [problem.span.start, problem.span.end]), [[9, 13]]);
    assert.match(bad.problems[0].message, /^Unknown cryptography profile `nsit`/);
    assert.equal(parseConfigText('profile: { rev3: true }\n').problems.length, 1);
  });

  it('--profile wins over the policy, which wins over the config', () => {
    const text = yamlPolicy(['{ name: AES, key_size: 128 }']).replace('cryptography:', 'cryptography:\n  profile: cnsa-2.0');
    const rules = (config: Parameters<typeof mergeConfig>[0]) => checkText(text, 'p.yaml', { today: '2026-11-24', config: mergeConfig(config) }).findings.map((finding) => finding.rule).filter((rule) => rule.startsWith('algorithm-'));
    assert.deepEqual(rules({ profile: 'nist' }), ['algorithm-not-approved']);
    assert.deepEqual(rules({ profile: 'nist', profileOverride: 'nist' }), []);
    assert.deepEqual(rules({}), ['algorithm-not-approved']);
  });
});

describe('user profile files', () => {
  it('a valid file parses; the schema and the cross-checks refuse broken ones', () => {
    assert.equal(parseProfileFile('acme.json', JSON.stringify(ORG_PROFILE)).profile?.id, 'acme-2027');
    assert.deepEqual(parseProfileFile('x.json', '{').errors, ['x.json: not valid JSON']);
    assert.match(parseProfileFile('x.json', JSON.stringify({ ...ORG_PROFILE, rules: [{ algorithms: ['AES'], timeline: [{ status: 'fine', source: 'acme-std' }] }] })).errors[0], /^x\.json: \/rules\/0\/timeline\/0\/status must be equal to one of the allowed values/);
    assert.deepEqual(parseProfileFile('x.json', JSON.stringify({ ...ORG_PROFILE, rules: [{ algorithms: ['AESX'], timeline: [{ status: 'acceptable', source: 'nowhere §1' }] }] })).errors, ['x.json: unknown algorithm id "AESX"', 'x.json: source "nowhere" is not in `sources`']);
    assert.deepEqual(parseProfileFile('x.json', JSON.stringify({ ...ORG_PROFILE, id: 'nist' })).errors, ['x.json: id "nist" is a built-in profile; choose another id']);
  });

  it('loaded from the workspace and used by the check, with its own dates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cek-profile-'));
    writeFileSync(join(dir, 'acme.json'), JSON.stringify(ORG_PROFILE));
    writeFileSync(join(dir, '.cekpolicy.yaml'), 'profile: acme-2027\nprofiles: [acme.json]\n');
    const loaded = loadConfig(join(dir, '.cekpolicy.yaml'));
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.catalogErrors, []);
    const text = yamlPolicy(['{ name: AES, key_size: 128 }', '{ name: TLS, version: "1.3" }']);
    const findings = (today: string) => checkText(text, 'p.yaml', { today, config: loaded.config }).findings.filter((finding) => finding.rule.startsWith('algorithm-')).map((finding) => `${finding.rule}: ${finding.message}`);
    assert.deepEqual(findings('2027-06-30'), [
      'algorithm-deprecated: AES-128 for encryption is deprecated under acme-2027 (ACME Cryptography Standard v4 §3.1); disallowed from 2027-07-01 (ACME Cryptography Standard v4 §3.2).',
      'algorithm-not-approved: TLS 1.3 is not an approved algorithm under acme-2027 (ACME Cryptography Standard v4 §1).',
    ]);
    assert.match(findings('2027-07-01')[0], /^algorithm-disallowed: AES-128 for encryption is disallowed under acme-2027/);
    assert.deepEqual(loadProfiles(['../outside.json'], dir).errors.length, 1);
  });
});

describe('the cryptography section in the policy schema (completion and key hover read it)', () => {
  it('offers the section\'s keys, an algorithm entry\'s keys, and the stances, uses and key types as values', () => {
    assert.deepEqual(Object.keys(propertiesAt(['cryptography'])), ['profile', 'algorithms', 'cryptoperiods', 'key_generation', 'post_quantum']);
    assert.deepEqual(Object.keys(propertiesAt(['cryptography', 'algorithms'])), ['name', 'key_size', 'curve', 'version', 'mode', 'use', 'status']);
    assert.deepEqual(schemaAt(['cryptography', 'algorithms', 'status'])?.enum, ['approved', 'prohibited', 'legacy']);
    assert.ok(schemaAt(['cryptography', 'cryptoperiods', 'key_type'])?.enum?.includes('symmetric-key-wrapping'));
    assert.match(schemaAt(['cryptography'])?.markdownDescription ?? '', /CEK-04/);
  });
});
