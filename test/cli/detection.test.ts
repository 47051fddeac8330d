import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TODAY } from '../helpers/ruleTester';
import { cli, findingsOf, workspace } from './helpers';

/** A Markdown key-management policy as organisations write it: no front matter, no marker. */
const PLAIN_POLICY = `# Key Management Standard

## Scope
Every encryption key of the Contoso platform.

## Roles and Responsibilities
The Security Engineering team generates and rotates keys.

## Requirements
Keys are generated in the HSM and rotated every year. Data at rest is encrypted with AES-256. All traffic uses TLS 1.2 or later.
`;

describe('policies found by their content (CLI process)', () => {
  it('checks a folder of ordinary Markdown policies without a marker', () => {
    const dir = workspace({ 'policies/key-management.md': PLAIN_POLICY, 'policies/README.md': '# Policies\n\nThe index of our policies.\n' });
    const result = cli(['check', 'policies/', '--format', 'json', '--today', TODAY], dir);
    const files = [...new Set(findingsOf(result).map((finding) => finding.file))];
    assert.deepEqual(files, ['policies/key-management.md']);
    assert.equal(result.code, 1, 'the policy has errors (no owner, no approval ...)');
    assert.equal(result.stderr, '');
  });

  it('files matched but none a policy: exit 0 and one line saying how many were skipped and how to force one', () => {
    const dir = workspace({ 'docs/README.md': '# Project\n\nHow to build.\n', 'docs/SECURITY.md': '# Security Policy\n\nReport vulnerabilities to security@example.org.\n', 'docs/compose.yaml': 'services: {}\n' });
    const result = cli(['check', 'docs', '--today', TODAY], dir);
    assert.equal(result.code, 0);
    assert.equal(result.stderr, 'cek-policy: no policy among the 3 files found (none has `kind: crypto-policy` or a title and text that make it a cryptography policy); to check a file anyway: cek-policy check --policy FILE, or list it under files: in .cekpolicy.yaml\n');
    assert.match(result.stdout, /no problems in 0 policies \(3 non-policy files skipped\)/);
    const quiet = cli(['check', 'docs', '--today', TODAY, '--quiet'], dir);
    assert.equal(quiet.code, 0);
    assert.equal(quiet.stderr, '');
  });

  it('a glob that matched no file is still a usage error (exit 2)', () => {
    const dir = workspace({ 'docs/README.md': '# Project\n' });
    const result = cli(['check', 'policies/**/*.md', '--today', TODAY], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no policy file .* matched "policies\/\*\*\/\*\.md"/);
  });

  it('report: a policy found by content is reported; a named look-alike is skipped with its reason', () => {
    const dir = workspace({ 'km.md': PLAIN_POLICY, 'CHANGELOG.md': '# Changelog\n\n## 1.0\n- Key rotation.\n' });
    const result = cli(['report', 'km.md', 'CHANGELOG.md', '--format', 'json', '--today', TODAY], dir);
    assert.equal(result.code, 0);
    const report = JSON.parse(result.stdout) as { documents: { file: string; title?: string }[] };
    assert.deepEqual(report.documents.map((document) => [document.file, document.title]), [['km.md', 'Key Management Standard']]);
    assert.match(result.stderr, /^cek-policy: CHANGELOG\.md skipped: not a policy \(.*its title "Changelog" names no policy.*--policy CHANGELOG\.md\n$/);
  });
});
