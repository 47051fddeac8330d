import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol/node';
import { ROOT } from '../helpers/ruleTester';
import { markdownPolicy } from '../crypto/fixtures';
import { TestClient } from './client';

const BOM = readFileSync(join(ROOT, 'test', 'fixtures', 'cbom', 'service.cdx.json'), 'utf8');
const BODY = 'Data is encrypted with AES-256-GCM; TLS 1.2 or 1.3 with ECDHE suites; signatures use RSA 3072-bit keys and ML-DSA; passwords use PBKDF2. SHA-1 is prohibited.';
const POLICY = markdownPolicy(BODY);
const BODY_LINE = POLICY.split('\n').indexOf(BODY);
const cbomOnes = (diagnostics: Diagnostic[]) => diagnostics.filter((diagnostic) => String(diagnostic.code).startsWith('cbom-')).map((diagnostic) => ({ ...diagnostic, message: String(diagnostic.message) }));
/** The text a range covers on the policy's body line. */
const covered = (diagnostic: Pick<Diagnostic, 'range'>) => {
  assert.equal(diagnostic.range.start.line, BODY_LINE);
  assert.equal(diagnostic.range.end.line, BODY_LINE);
  return BODY.slice(diagnostic.range.start.character, diagnostic.range.end.character);
};
/** The LSP range of the component whose bom-ref is `ref`, in `bom`'s text. */
function componentRange(bom: string, ref: string) {
  const start = bom.lastIndexOf('{', bom.indexOf(`"bom-ref": "${ref}"`));
  let depth = 0;
  let end = start;
  for (; end < bom.length; end++) {
    if (bom[end] === '{') depth++;
    if (bom[end] === '}' && --depth === 0) break;
  }
  const position = (offset: number) => ({ line: bom.slice(0, offset).split('\n').length - 1, character: offset - bom.lastIndexOf('\n', offset - 1) - 1 });
  return { start: position(start), end: position(end + 1) };
}

describe('language server: a policy against the BOM of `cekPolicy.cbom` / `cbom:` (LSP over stdio)', () => {
  const client = new TestClient();
  const write = (name: string, text: string) => writeFileSync(join(client.directory, name), text);
  let uri = '';
  before(async () => {
    write('bom.json', BOM);
    client.settings = { ...client.settings, cbom: 'bom.json' };
    await client.initialize();
  });
  after(() => client.stop());

  it('shows what the BOM uses that the policy prohibits or does not approve, and its approvals nothing uses, with the component as related information', async () => {
    const opened = await client.open('crypto-standard.md', POLICY);
    uri = opened.uri;
    const found = cbomOnes(opened.diagnostics);
    const prohibited = found.find((diagnostic) => diagnostic.code === 'cbom-prohibited-in-use')!;
    assert.equal(covered(prohibited), 'SHA-1');
    assert.equal(prohibited.severity, 1);
    assert.match(prohibited.message, /^SHA-1 \(SHA-1, bom-ref crypto\/sha1\) is in use, but the policy prohibits it\. \[CEK-01 auditing guideline 1; CEK-01 auditing guideline 4\]$/);
    assert.deepEqual(prohibited.relatedInformation, [{ location: { uri: client.uri('bom.json'), range: componentRange(BOM, 'crypto/sha1') }, message: 'SHA-1 (bom-ref crypto/sha1): the component in bom.json' }]);
    assert.deepEqual(found.filter((diagnostic) => diagnostic.code === 'cbom-approved-unused').map((diagnostic) => [covered(diagnostic), diagnostic.severity, diagnostic.message]), [
      ['ML-DSA', 3, 'The policy approves ML-DSA, but no cryptographic asset of the BOM bom.json uses it. [CEK-01 auditing guideline 1; CEK-01 auditing guideline 4]'],
      ['PBKDF2', 3, 'The policy approves PBKDF2, but no cryptographic asset of the BOM bom.json uses it. [CEK-01 auditing guideline 1; CEK-01 auditing guideline 4]'],
    ]);
    const disallowed = found.find((diagnostic) => diagnostic.code === 'cbom-disallowed-in-use')!;
    assert.match(disallowed.message, /^3DES \(3DES, bom-ref crypto\/3des\) is in use, and nist disallows it/);
    assert.equal(covered(disallowed), 'AES', 'shown where the policy lists encryption algorithms');
    assert.deepEqual(disallowed.relatedInformation![0].location.range, componentRange(BOM, 'crypto/3des'));
    const rsa = found.find((diagnostic) => diagnostic.code === 'cbom-not-approved-in-use' && diagnostic.message.startsWith('RSA-2048'))!;
    assert.match(covered(rsa), /^RSA/, 'shown on the policy\'s signature algorithm');
    assert.ok(String(prohibited.codeDescription?.href).endsWith('/docs/rules/cbom.md'));
    assert.deepEqual(client.registrations.filter((registration) => JSON.stringify(registration.registerOptions).includes('bom.json')).map((registration) => registration.registerOptions), [{ watchers: [{ globPattern: '**/bom.json' }] }], 'the BOM is watched');
  });

  it('is checked again when the BOM changes on disk; a BOM that is not valid CycloneDX is one diagnostic, and the server goes on', async () => {
    const withoutSha1 = JSON.parse(BOM) as { components: { 'bom-ref'?: string }[] };
    withoutSha1.components = withoutSha1.components.filter((component) => component['bom-ref'] !== 'crypto/sha1');
    write('bom.json', JSON.stringify(withoutSha1, null, 2));
    let published = client.diagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('bom.json'), type: 2 }] });
    let found = cbomOnes((await published).diagnostics);
    assert.equal(found.some((diagnostic) => diagnostic.code === 'cbom-prohibited-in-use'), false, 'SHA-1 is no longer in use');
    assert.ok(found.some((diagnostic) => diagnostic.code === 'cbom-disallowed-in-use'));

    write('bom.json', '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"type": "cryptographic-asset", "name": "x", "cryptoProperties": {"assetType": "spell"}}]}');
    published = client.diagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('bom.json'), type: 2 }] });
    found = cbomOnes((await published).diagnostics);
    assert.equal(found.length, 1);
    assert.equal(found[0].code, 'cbom-unreadable');
    assert.deepEqual(found[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(found[0].message, /^The BOM named by `cekPolicy\.cbom` \(bom\.json\) is not compared with this policy: bom\.json: \/components\/0\/cryptoProperties\/assetType must be equal to one of the allowed values/);
    assert.equal(client.exitCode, undefined);

    write('bom.json', 'x'.repeat(33 * 1024 * 1024));
    published = client.diagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('bom.json'), type: 2 }] });
    found = cbomOnes((await published).diagnostics);
    assert.deepEqual(found.map((diagnostic) => diagnostic.code), ['cbom-unreadable']);
    assert.match(found[0].message, /is not compared with this policy: .*33(\.0)? MB/);
  });

  it('`cbom:` in .cekpolicy.yaml wins over the setting, relative to its folder; one outside that folder is refused', async () => {
    mkdirSync(join(client.directory, 'build'), { recursive: true });
    const lean = JSON.parse(BOM) as { components: { 'bom-ref'?: string }[] };
    lean.components = lean.components.filter((component) => component['bom-ref'] === 'crypto/sha1');
    write('build/crypto.cdx.json', JSON.stringify(lean, null, 2));
    write('.cekpolicy.yaml', 'today: 2026-11-24\ncbom: build/crypto.cdx.json\n');
    let published = client.diagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('.cekpolicy.yaml'), type: 2 }] });
    let found = cbomOnes((await published).diagnostics);
    assert.deepEqual(found.filter((diagnostic) => diagnostic.severity !== 3).map((diagnostic) => [diagnostic.code, covered(diagnostic)]), [['cbom-prohibited-in-use', 'SHA-1']]);
    assert.ok(found.some((diagnostic) => diagnostic.code === 'cbom-approved-unused' && covered(diagnostic) === 'AES'), 'nothing in this BOM encrypts');
    assert.equal(found.find((diagnostic) => diagnostic.code === 'cbom-prohibited-in-use')!.relatedInformation![0].location.uri, client.uri('build/crypto.cdx.json'));

    write('.cekpolicy.yaml', 'today: 2026-11-24\ncbom: ../elsewhere.cdx.json\n');
    writeFileSync(join(client.directory, '..', 'elsewhere.cdx.json'), BOM);
    published = client.diagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('.cekpolicy.yaml'), type: 2 }] });
    found = cbomOnes((await published).diagnostics);
    assert.deepEqual(found.map((diagnostic) => diagnostic.code), ['cbom-unreadable']);
    assert.match(found[0].message, /^The BOM named by `cbom:` in the configuration file \(\.\.\/elsewhere\.cdx\.json\) is not compared with this policy: it is outside the folder of the configuration file; a BOM is read only from there\.$/);
  });

  it('a policy that names no algorithm is not compared', async () => {
    const opened = await client.open('key-policy.md', markdownPolicy('Keys are generated in the KMS and rotated yearly by the key custodian.'));
    assert.deepEqual(cbomOnes(opened.diagnostics), []);
  });

  it('a scanner grade: algorithm-disallowed for the versions it tolerates, on its sentence, and a hover that says why', async () => {
    const sentence = 'Internet-facing TLS endpoints must achieve an SSL Labs grade of B or better.';
    const opened = await client.open('tls-standard.md', markdownPolicy(`Stored data is encrypted with AES-256. ${sentence}`));
    const line = BODY_LINE;
    const start = 'Stored data is encrypted with AES-256. '.length;
    const disallowed = opened.diagnostics.filter((diagnostic) => diagnostic.code === 'algorithm-disallowed');
    assert.deepEqual(disallowed.map((diagnostic) => [String(diagnostic.message).slice(0, 8), diagnostic.range]), [
      ['TLS 1.0 ', { start: { line, character: start }, end: { line, character: start + sentence.length } }],
      ['TLS 1.1 ', { start: { line, character: start }, end: { line, character: start + sentence.length } }],
    ]);
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: opened.uri }, position: { line, character: start + 10 } });
    assert.match((hover?.contents as { value: string }).value, /^\*\*TLS 1\.0\*\*: [^\n]+\n\nThe policy does not name it, but the SSL Labs grade B it asks for tolerates it: a server that supports it is capped at B since 2020-01-31 \(Qualys SSL Labs, "SSL Labs Grade Change for TLS 1\.0 and TLS 1\.1 Protocols"/);
  });
});
