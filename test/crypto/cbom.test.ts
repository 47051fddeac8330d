import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import type { Log as SarifLog } from 'sarif';
import { mergeConfig, parseConfigText } from '../../server/src/engine/config/config';
import { assessCryptography } from '../../server/src/engine/crypto/assess';
import { compareCbom, componentSpans, readCbom } from '../../server/src/engine/crypto/cbom';
import { DEFAULT_PROFILE_CHOICE } from '../../server/src/engine/crypto/judge';
import { parsePolicyDocument } from '../../server/src/engine/parse/document';
import { ROOT } from '../helpers/ruleTester';
import { cli, workspace } from '../cli/helpers';
import { markdownPolicy } from './fixtures';

// xml2js comes with @vscode/vsce (as test/cli/formats.test.ts uses it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseStringPromise } = require('xml2js') as { parseStringPromise: (xml: string, options?: { strict?: boolean }) => Promise<{ testsuites: { testsuite: { testcase: unknown[] }[] } }> };
const validateResults = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'check-results.schema.json'), 'utf8')));
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
      'info approved-unused: The policy approves ML-DSA, but no cryptographic asset of the BOM service.cdx.json uses it.',
      'info approved-unused: The policy approves PBKDF2, but no cryptographic asset of the BOM service.cdx.json uses it.',
    ]);
  });
});

const POLICY_BODY = 'Data is encrypted with AES-256-GCM; TLS 1.2 or 1.3 with ECDHE suites; signatures use RSA 3072-bit keys and ML-DSA; passwords use PBKDF2. SHA-1 is prohibited.';

describe('componentSpans: where each component of a BOM is', () => {
  it('gives each component object (nested ones too) its exact span, whatever its strings hold', () => {
    const text = '\uFEFF{"bomFormat":"CycloneDX","metadata":{"components":[{"name":"not here"}]},"components":[\n  {"name":"a } ] \\" {","components":[{"name":"inner"}]},\n  {"name":"b"}\n]}';
    const spans = componentSpans(text);
    assert.deepEqual([...spans.keys()], ['/components/0/components/0', '/components/0', '/components/1']);
    assert.deepEqual(JSON.parse(text.slice(spans.get('/components/0/components/0')!.start, spans.get('/components/0/components/0')!.end)), { name: 'inner' });
    assert.equal(JSON.parse(text.slice(spans.get('/components/0')!.start, spans.get('/components/0')!.end)).name, 'a } ] " {');
    assert.equal(text.slice(spans.get('/components/1')!.start, spans.get('/components/1')!.end), '{"name":"b"}');
  });

  it('is linear and does not recurse: 100,000 nested arrays', () => {
    const deep = `{"components":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`;
    assert.equal(componentSpans(deep).size, 0);
  });

  it('every asset read knows its component\'s pointer and span', () => {
    const text = fixture('service.cdx.json');
    const reading = readCbom('service.cdx.json', text);
    const threeDes = reading.assets.find((asset) => asset.algorithm === '3DES')!;
    assert.equal(threeDes.pointer, '/components/1');
    assert.equal(JSON.parse(text.slice(threeDes.span!.start, threeDes.span!.end))['bom-ref'], 'crypto/3des');
    assert.ok(reading.assets.every((asset) => asset.span !== undefined));
  });
});

describe('cek-policy check --cbom: every output format carries the comparison, with its locations (CLI process)', () => {
  const dir = workspace({ 'policy.md': markdownPolicy(POLICY_BODY), 'bom.json': fixture('service.cdx.json'), 'bad.json': fixture('invalid.cdx.json') });
  const run = (...args: string[]) => cli(['check', 'policy.md', '--cbom', 'bom.json', '--today', '2026-11-24', ...args], dir);

  it('text: the BOM is a file of its own, its findings on its components; approvals nothing uses on the policy\'s lines', () => {
    const result = run();
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^policy\.md\n(?:.*\n)*? {2}8:108 +info +The policy approves ML-DSA, but no cryptographic asset of the BOM bom\.json uses it\. +cbom-approved-unused$/m);
    assert.match(result.stdout, /^bom\.json\n {2}12:5 +error +3DES \(3DES, bom-ref crypto\/3des\) is in use, and nist disallows it/m);
    assert.match(result.stdout, /^ {2}16:5 +error +SHA-1 \(SHA-1, bom-ref crypto\/sha1\) is in use, but the policy prohibits it\. Prohibited at policy\.md:8:138\. +cbom-prohibited-in-use$/m);
    assert.match(result.stdout, /problems \(\d+ errors, \d+ warnings, 3 info\) in 1 policy$/m, 'the BOM is neither a policy nor a skipped file');
    assert.match(result.stderr, /^cek-policy: --cbom bom\.json: 13 algorithm uses read, judged against nist and 1 policy$/m);
    const quiet = run('--quiet');
    assert.doesNotMatch(quiet.stdout, /cbom-not-approved-in-use|cbom-approved-unused/);
    assert.match(quiet.stdout, /cbom-prohibited-in-use/);
    assert.equal(quiet.code, 1);
    const compact = run('--format', 'compact').stdout.split('\n');
    assert.ok(compact.includes('bom.json:16:5 error cbom-prohibited-in-use SHA-1 (SHA-1, bom-ref crypto/sha1) is in use, but the policy prohibits it. Prohibited at policy.md:8:138. (CEK-01 auditing guideline 1; CEK-01 auditing guideline 4)'));
    assert.ok(compact.some((line) => line.startsWith('policy.md:8:108 info cbom-approved-unused ')));
  });

  it('the BOM\'s warnings count towards --max-warnings', () => {
    // The example policy has no finding of its own: the BOM's one warning decides.
    const clean = workspace({ 'policy.yaml': readFileSync(join(ROOT, 'examples', 'key-management-policy.yaml'), 'utf8'), 'bom.json': JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'cryptographic-asset', name: 'ChaCha20', 'bom-ref': 'c', cryptoProperties: { assetType: 'algorithm', algorithmProperties: { primitive: 'stream-cipher' } } }] }) });
    const check = (...args: string[]) => cli(['check', 'policy.yaml', '--cbom', 'bom.json', '--today', '2026-11-24', ...args], clean);
    const results = JSON.parse(check('--format', 'json').stdout) as { errorCount: number; warningCount: number; messages: { ruleId: string; level: string }[] }[];
    assert.deepEqual(results.map((result) => [result.errorCount, result.warningCount]), [[0, 0], [0, 1]]);
    assert.deepEqual(results[1].messages.map((message) => `${message.level} ${message.ruleId}`), ['warning cbom-not-approved-in-use']);
    assert.equal(check('--max-warnings', '1').code, 0);
    const over = check('--max-warnings', '0');
    assert.equal(over.code, 1);
    assert.match(over.stderr, /^cek-policy: 1 warning, more than --max-warnings 0 allows$/m);
  });

  it('json: ESLint results valid against schemas/check-results.schema.json, the BOM a result of its own', () => {
    const result = run('--format', 'json');
    const results = JSON.parse(result.stdout) as { filePath: string; messages: Record<string, unknown>[]; errorCount: number; warningCount: number }[];
    assert.ok(validateResults(results), JSON.stringify(validateResults.errors));
    assert.deepEqual(results.map((entry) => entry.filePath), [join(dir, 'policy.md'), join(dir, 'bom.json')]);
    const [policy, bom] = results;
    const unused = policy.messages.filter((message) => message.ruleId === 'cbom-approved-unused');
    assert.deepEqual(unused.map(({ line, column, endLine, endColumn, level, severity, cbom }) => ({ line, column, endLine, endColumn, level, severity, cbom })), [
      { line: 8, column: 108, endLine: 8, endColumn: 114, level: 'info', severity: 1, cbom: { kind: 'approved-unused', bom: 'bom.json' } },
      { line: 8, column: 130, endLine: 8, endColumn: 136, level: 'info', severity: 1, cbom: { kind: 'approved-unused', bom: 'bom.json' } },
    ]);
    assert.equal(unused[0].docs, 'docs/rules/cbom.md');
    assert.deepEqual(bom.messages.map((message) => `${message.ruleId} ${message.line}:${message.column}-${message.endLine}:${message.endColumn}`), [
      'cbom-disallowed-in-use 12:5-15:6', 'cbom-not-approved-in-use 12:5-15:6', 'cbom-prohibited-in-use 16:5-19:6',
      'cbom-not-approved-in-use 20:5-23:6', 'cbom-not-approved-in-use 24:5-27:6', 'cbom-not-approved-in-use 28:5-31:6',
    ]);
    const prohibited = bom.messages.find((message) => message.ruleId === 'cbom-prohibited-in-use')!;
    assert.deepEqual(prohibited.cbom, { kind: 'prohibited-in-use', bom: 'bom.json', component: '/components/2', bomRef: 'crypto/sha1', policy: { filePath: join(dir, 'policy.md'), line: 8, column: 138, endLine: 8, endColumn: 143 } });
    assert.equal(readFileSync(join(dir, 'policy.md'), 'utf8').split('\n')[7].slice(137, 142), 'SHA-1', 'the policy location is exact');
    assert.deepEqual([bom.errorCount, bom.warningCount], [2, 4]);
  });

  it('sarif: the BOM is an artifact, each cbom result has its rule described, the policy\'s line as a related location', () => {
    const log = JSON.parse(run('--format', 'sarif').stdout) as SarifLog;
    const [sarifRun] = log.runs;
    const rulesById = sarifRun.tool.driver.rules!;
    const cbomResults = sarifRun.results!.filter((result) => result.ruleId!.startsWith('cbom-'));
    assert.equal(cbomResults.length, 8);
    for (const result of cbomResults) {
      assert.equal(rulesById[result.ruleIndex!].id, result.ruleId, 'ruleIndex names the rule');
      assert.ok(result.partialFingerprints?.primaryLocationLineHash, 'a fingerprint for code scanning');
    }
    assert.deepEqual(sarifRun.artifacts!.map((artifact) => artifact.location!.uri), ['policy.md', 'bom.json']);
    const prohibited = cbomResults.find((result) => result.ruleId === 'cbom-prohibited-in-use')!;
    assert.equal(prohibited.level, 'error');
    assert.deepEqual(prohibited.locations![0].physicalLocation!.artifactLocation, { uri: 'bom.json', uriBaseId: '%SRCROOT%' });
    assert.deepEqual({ ...prohibited.locations![0].physicalLocation!.region }, { startLine: 16, startColumn: 5, endLine: 19, endColumn: 6, charOffset: fixture('service.cdx.json').indexOf('{\n      "type": "cryptographic-asset", "name": "SHA-1"'), charLength: 221 });
    assert.deepEqual(prohibited.relatedLocations!.map((related) => [related.physicalLocation!.artifactLocation!.uri, related.physicalLocation!.region!.startLine, related.physicalLocation!.region!.startColumn]), [['policy.md', 8, 138]]);
    const unused = cbomResults.find((result) => result.ruleId === 'cbom-approved-unused')!;
    assert.equal(unused.level, 'note');
    assert.equal(unused.locations![0].physicalLocation!.artifactLocation!.uri, 'policy.md');
    assert.equal(rulesById.filter((rule) => rule.id.startsWith('cbom-')).length, 5);
    assert.equal(JSON.parse(cli(['check', 'policy.md', '--format', 'sarif', '--today', '2026-11-24'], dir).stdout).runs[0].tool.driver.rules.some((rule: { id: string }) => rule.id.startsWith('cbom-')), false, 'described only when --cbom is given');
  });

  it('github: annotations on the BOM\'s components and on the policy\'s lines', () => {
    const lines = run('--format', 'github').stdout.split('\n').filter((line) => line.includes('cbom-'));
    assert.ok(lines.includes('::notice file=policy.md,line=8,col=108,endLine=8,endColumn=114,title=cbom-approved-unused (CEK-01 auditing guideline 1; CEK-01 auditing guideline 4)::The policy approves ML-DSA, but no cryptographic asset of the BOM bom.json uses it.'));
    assert.ok(lines.some((line) => line.startsWith('::error file=bom.json,line=16,col=5,endLine=19,endColumn=6,title=cbom-prohibited-in-use ') && line.endsWith('Prohibited at policy.md:8:138.')));
    assert.equal(lines.filter((line) => line.startsWith('::warning file=bom.json')).length, 4);
  });

  it('junit: the BOM is a test case whose failures are its errors and warnings', async () => {
    const xml = await parseStringPromise(run('--format', 'junit').stdout, { strict: true });
    const cases = xml.testsuites.testsuite[0].testcase as { $: { name: string }; failure?: { $: { type: string }; _: string }[]; 'system-out'?: string[] }[];
    const bom = cases.find((testcase) => testcase.$.name === 'bom.json')!;
    assert.deepEqual(bom.failure!.map((failure) => failure.$.type), ['cbom-disallowed-in-use', 'cbom-not-approved-in-use', 'cbom-prohibited-in-use', 'cbom-not-approved-in-use', 'cbom-not-approved-in-use', 'cbom-not-approved-in-use']);
    assert.match(bom.failure![0]._, /^bom\.json:12:5 error cbom-disallowed-in-use /);
    const policy = cases.find((testcase) => testcase.$.name === 'policy.md')!;
    assert.match(policy['system-out']![0], /^8:108 info cbom-approved-unused The policy approves ML-DSA/m);
  });

  it('refuses an invalid BOM before checking anything (exit 2)', () => {
    const bad = cli(['check', 'policy.md', '--cbom', 'bad.json'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--cbom bad\.json: \/components\/0\/cryptoProperties\/assetType must be equal to one of the allowed values/);
    assert.equal(bad.stdout, '');
  });
});

describe('cek-policy check: `cbom:` in .cekpolicy.yaml (CLI process)', () => {
  it('is the BOM when --cbom is not given, relative to the configuration file; one outside its folder stops the run', () => {
    const dir = workspace({ 'policies/.cekpolicy.yaml': 'today: 2026-11-24\ncbom: ../build/bom.json\n', 'policies/policy.md': markdownPolicy(POLICY_BODY), 'build/bom.json': fixture('service.cdx.json') });
    const outside = cli(['check', 'policies/policy.md'], dir);
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /^cek-policy: cbom: build\/bom\.json: outside the folder of the configuration file that names it; a BOM is read only from there$/m);
    writeFileSync(join(dir, 'policies', '.cekpolicy.yaml'), 'today: 2026-11-24\ncbom: bom.json\n');
    writeFileSync(join(dir, 'policies', 'bom.json'), fixture('service.cdx.json'));
    const run = cli(['check', 'policies/policy.md', '--format', 'json'], dir);
    assert.equal(run.code, 1);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    assert.deepEqual(results.map((entry) => entry.filePath), [join(dir, 'policies', 'policy.md'), join(dir, 'policies', 'bom.json')]);
    assert.deepEqual(results[1].messages.map((message) => `${message.ruleId}@${message.line}`).slice(0, 3), ['cbom-disallowed-in-use@12', 'cbom-not-approved-in-use@12', 'cbom-prohibited-in-use@16']);
    const explicit = cli(['check', 'policies/policy.md', '--cbom', 'build/bom.json', '--format', 'json'], dir);
    assert.equal(JSON.parse(explicit.stdout)[1].filePath, join(dir, 'build', 'bom.json'), '--cbom wins over the configuration');
    const printed = JSON.parse(cli(['check', '--print-config', 'policies/policy.md'], dir).stdout) as { cbom?: string };
    assert.equal(printed.cbom, join(dir, 'policies', 'bom.json'));
  });
});

describe('`cbom:` in the configuration schema', () => {
  it('takes a path, and reports another type on its value (exact span), leaving it out', () => {
    assert.deepEqual(parseConfigText('cbom: build/bom.json\n').config.cbom, { path: 'build/bom.json', file: 'build/bom.json', root: '', origin: 'config' });
    const text = 'today: 2026-11-24\ncbom: [a, b]\n';
    const parsed = parseConfigText(text);
    assert.equal(parsed.config.cbom, undefined);
    assert.equal(parsed.problems.length, 1);
    assert.equal(text.slice(parsed.problems[0].span.start, parsed.problems[0].span.end), '[a, b]');
    assert.match(parsed.problems[0].message, /`cbom` must be a string/);
  });
});
