import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config/config';
import { checkText, type CheckResult } from '../../server/src/engine/engine';
import { applyEdits } from '../../server/src/engine/fixes/fixes';
import type { Fix } from '../../server/src/engine/types';

const applyFixes = (text: string, fixes: Fix[]) => applyEdits(text, fixes.flatMap((fix) => fix.edits));
import { builtinPacks } from '../../server/src/engine/packs/registry';
import { ELEMENT_EVIDENCE } from '../../server/src/engine/requirements/domain';
import type { ControlPack } from '../../server/src/engine/packs/types';
import { ROOT, TODAY } from '../helpers/ruleTester';

/** A Markdown policy whose only content is `body` under the heading `section` (CSP: it holds customer data). */
function markdown(section: string, body: string, actor = 'CSP'): string {
  return `---\nkind: crypto-policy\nactor: ${actor}\n---\n# Cryptography Policy\n\n## ${section}\n\n${body}\n`;
}

function check(text: string, name = 'policy.md', config = DEFAULT_CONFIG): CheckResult {
  return checkText(text, name, { today: TODAY, config });
}

function status(result: CheckResult, control: string): string | undefined {
  return result.controls.find((entry) => entry.control === control)?.status;
}

interface PackTests { met?: string[]; partial?: string[]; notMet?: string[] }

function tableOf(pack: ControlPack): PackTests {
  return JSON.parse(readFileSync(join(ROOT, 'controls', pack.control.id, 'tests.json'), 'utf8')) as PackTests;
}

describe('control packs: each pack\'s test table (controls/CEK-NN/tests.json)', () => {
  for (const pack of builtinPacks()) {
    const { id } = pack.control;
    const title = pack.control.rule.section.title;
    const table = tableOf(pack);
    it(`${id}: ${table.met?.length ?? 0} met, ${table.partial?.length ?? 0} partial, ${table.notMet?.length ?? 0} not met`, () => {
      assert.ok((table.met?.length ?? 0) > 0 && (table.notMet?.length ?? 0) > 0, 'the table has a statement that meets the control and one that does not');
      // Under a neutral heading: the statement alone decides (the section title would be context).
      for (const text of table.met ?? []) assert.equal(status(check(markdown('Policy Statements', text)), id), 'met', `met: ${text}`);
      for (const text of table.partial ?? []) assert.equal(status(check(markdown('Policy Statements', text)), id), 'partial', `partial: ${text}`);
      for (const text of table.notMet ?? []) assert.equal(status(check(markdown('Policy Statements', text)), id), 'not-met', `not met: ${text}`);
      for (const text of table.notMet ?? []) assert.equal(status(check(markdown(title, text)), id), 'not-met', `not met under "${title}": ${text}`);
    });
  }
});

describe('control pack rules', () => {
  for (const pack of builtinPacks()) {
    const { id, rule } = pack.control;
    it(`${rule.id}: the example sentence under "${rule.section.title}" clears it (Markdown and YAML)`, () => {
      const without = check(markdown(rule.section.title, 'This section is to be written by the security team.'));
      assert.ok(without.findings.some((finding) => finding.rule === rule.id), `${rule.id} reported without the sentence`);
      const withExample = check(markdown(rule.section.title, rule.example));
      assert.equal(status(withExample, id), 'met', withExample.controls.find((entry) => entry.control === id)?.reason);
      assert.deepEqual(withExample.findings.filter((finding) => finding.rule === rule.id), []);
      const yaml = `kind: crypto-policy\nactor: CSP\nkey_management:\n  ${rule.field}: ${JSON.stringify(rule.example)}\n`;
      assert.equal(status(check(yaml, 'policy.yaml'), id), 'met', `YAML key_management.${rule.field}`);
    });
  }

  it('rule ids are stable, unique and documented, severity warning by default', () => {
    const ids = builtinPacks().map((pack) => pack.control.rule.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const pack of builtinPacks()) {
      const doc = readFileSync(join(ROOT, 'docs', 'rules', `${pack.control.rule.id}.md`), 'utf8');
      assert.ok(doc.includes(pack.control.rule.example), `docs/rules/${pack.control.rule.id}.md shows the example`);
    }
    const result = check(markdown('Scope', 'This policy covers all systems.'));
    const domain = result.findings.filter((finding) => finding.data?.rank !== undefined);
    assert.ok(domain.length >= 15);
    assert.ok(domain.every((finding) => finding.severity === 'warning'));
  });

  it('severity is configurable per control (one rule per control)', () => {
    const config = mergeConfig({ rules: { 'key-revocation-missing': 'error', 'key-suspension-missing': 'off' } });
    const result = check(markdown('Key Management', 'Keys are stored in the HSM.'), 'policy.md', config);
    assert.equal(result.findings.find((finding) => finding.rule === 'key-revocation-missing')?.severity, 'error');
    assert.equal(result.findings.some((finding) => finding.rule === 'key-suspension-missing'), false);
    assert.equal(result.findings.find((finding) => finding.rule === 'key-rotation-missing')?.severity, 'warning');
  });

  it('places the lifecycle findings on the key-management section, ranked: what auditors ask first before activation and suspension', () => {
    const text = markdown('Key Management', 'Keys are stored in the HSM.');
    const result = check(text);
    const heading = text.indexOf('## Key Management');
    const lifecycle = result.findings.filter((finding) => ['key-rotation-missing', 'key-revocation-missing', 'key-destruction-missing', 'key-compromise-missing', 'key-inventory-missing', 'key-activation-missing', 'key-suspension-missing'].includes(finding.rule));
    assert.equal(lifecycle.length, 7);
    for (const finding of lifecycle) assert.deepEqual(finding.span, { start: heading + 3, end: heading + '## Key Management'.length });
    const order = result.findings.map((finding) => finding.rule);
    for (const first of ['key-rotation-missing', 'key-revocation-missing', 'key-destruction-missing', 'key-compromise-missing', 'key-inventory-missing']) {
      assert.ok(order.indexOf(first) < order.indexOf('key-activation-missing'), `${first} before key-activation-missing`);
      assert.ok(order.indexOf(first) < order.indexOf('key-suspension-missing'), `${first} before key-suspension-missing`);
    }
    assert.ok(result.findings.every((finding) => finding.span.start > 0 || !finding.data?.rank), 'no domain finding on line 1');
  });

  it('with no matching section the findings go to the end of the document, not line 1', () => {
    const text = '---\nkind: crypto-policy\n---\n# Cryptography Policy\n\nWe protect data.\n';
    const result = check(text);
    const finding = result.findings.find((candidate) => candidate.rule === 'key-revocation-missing')!;
    assert.deepEqual(finding.span, { start: text.length, end: text.length });
    assert.match(finding.message, /CEK-13 Key Revocation: the policy has no revocation or emergency rotation when a key is compromised; no revocation when a person or entity with key access leaves\. For example, in a new section "Key Revocation": "Keys are revoked/);
  });

  it('a partial control says what is there and what is missing', () => {
    const result = check(markdown('Key Management', 'Compromised keys are revoked immediately.'));
    const finding = result.findings.find((candidate) => candidate.rule === 'key-revocation-missing')!;
    assert.match(finding.message, /^CEK-13 Key Revocation: only partly addressed \(the policy has revocation when a key is compromised\): no revocation when a person or entity with key access leaves\. For example, under "Key Management": /);
    assert.equal(finding.data?.status, 'partial');
  });

  it('quick fix (Markdown): a titled subsection skeleton at the end of the key-management section', () => {
    const text = '---\nkind: crypto-policy\n---\n# Cryptography Policy\n\n## Key Management\n\nKeys are stored in the HSM.\n\n## Training\n\nStaff are trained yearly.\n';
    const finding = check(text).findings.find((candidate) => candidate.rule === 'key-revocation-missing')!;
    const fix = finding.suggestions![0];
    assert.equal(fix.title, 'Add a "Key Revocation" subsection (an example to adapt)');
    assert.equal(finding.fix, undefined, 'a suggestion only: fix-all and --fix never apply it');
    const fixed = applyFixes(text, [fix]).text;
    const example = builtinPacks().find((pack) => pack.control.id === 'CEK-13')!.control.rule.example;
    assert.equal(fixed, text.replace('Keys are stored in the HSM.\n\n', `Keys are stored in the HSM.\n\n### Key Revocation\n\n<!-- cek-policy: an example; make it say what your organisation does. -->\n${example}\n\n`));
    assert.equal(check(fixed).findings.some((candidate) => candidate.rule === 'key-revocation-missing'), false, 'the inserted section clears the finding');
  });

  it('quick fix (YAML): the key_management field, with CRLF line ends kept', () => {
    const text = 'kind: crypto-policy\r\nactor: CSP\r\nkey_management:\r\n  rotation: Data encryption keys are rotated every 12 months.\r\n';
    const finding = check(text, 'policy.yaml').findings.find((candidate) => candidate.rule === 'key-revocation-missing')!;
    assert.deepEqual(finding.span, { start: text.indexOf('key_management'), end: text.indexOf('key_management') + 'key_management'.length });
    const fixed = applyFixes(text, [finding.suggestions![0]]).text;
    const revocation = builtinPacks().find((pack) => pack.control.id === 'CEK-13')!.control.rule.example;
    assert.equal(fixed, `${text}  revocation: ${revocation}\r\n`);
    assert.equal(status(check(fixed, 'policy.yaml'), 'CEK-13'), 'met');
    const fresh = 'kind: crypto-policy\nactor: CSP\n';
    const added = applyFixes(fresh, [check(fresh, 'policy.yaml').findings.find((candidate) => candidate.rule === 'key-rotation-missing')!.suggestions![0]]).text;
    const rotation = builtinPacks().find((pack) => pack.control.id === 'CEK-12')!.control.rule.example;
    assert.equal(added, `${fresh}key_management:\n  rotation: ${rotation}\n`);
  });
});

describe('which controls are judged', () => {
  it('default: the whole domain, CEK-01 to CEK-21', () => {
    const result = check(markdown('Key Management', 'Keys are stored in the HSM.'));
    assert.deepEqual(result.controls.map((control) => control.control), Array.from({ length: 21 }, (_, index) => `CEK-${String(index + 1).padStart(2, '0')}`));
  });

  it('config controls: selects; a document\'s controls: narrows', () => {
    const config = mergeConfig({ controls: ['CEK-01', 'CEK-12', 'CEK-13'] });
    assert.deepEqual(check(markdown('Key Management', 'Keys are stored.'), 'policy.md', config).controls.map((control) => control.control), ['CEK-01', 'CEK-12', 'CEK-13']);
    const narrowed = '---\nkind: crypto-policy\ncontrols: [CEK-13]\n---\n# Policy\n\n## Key Management\n\nKeys are stored.\n';
    const result = check(narrowed, 'policy.md', config);
    assert.deepEqual(result.controls.map((control) => control.control), ['CEK-13']);
    assert.deepEqual([...new Set(result.findings.filter((finding) => finding.data?.rank !== undefined).map((finding) => finding.control))], ['CEK-13']);
  });

  it('CEK-08 is not applicable to an organisation that declares itself an AI customer, with the reason', () => {
    const result = check(markdown('Key Management', 'Keys are stored.', 'AIC'));
    const cek08 = result.controls.find((control) => control.control === 'CEK-08')!;
    assert.equal(cek08.status, 'not-applicable');
    assert.match(cek08.reason, /no downstream tenants/);
    assert.equal(result.findings.some((finding) => finding.rule === 'customer-key-management-missing'), false);
  });

  it('readings: sanctions are not key states, audit logging is not an audit, a certificate inventory is not a key inventory', () => {
    const sanctions = check(markdown('Enforcement', 'Violations may result in suspension of privileges, access revocation and termination of employment.'));
    assert.equal(status(sanctions, 'CEK-16'), 'not-met');
    assert.equal(status(sanctions, 'CEK-13'), 'not-met');
    assert.equal(status(check(markdown('Monitoring', 'All key operations are recorded in the audit log.')), 'CEK-09'), 'not-met');
    assert.equal(status(check(markdown('Certificates', 'A certificate inventory is kept with each certificate status.')), 'CEK-21'), 'not-met');
    const cmk = check(markdown('Key Management', 'Customer data is encrypted with our CMK in AWS KMS.'));
    assert.equal(status(cmk, 'CEK-08'), 'not-met');
  });

  it('readings: rotation keeping old versions for decryption is deactivation, and archival in part; a lifetime alone is partial', () => {
    const rotation = check(markdown('Key Rotation', 'Keys are rotated annually; the KMS retains prior key versions so existing ciphertext stays readable.'));
    assert.equal(status(rotation, 'CEK-17'), 'met');
    assert.equal(status(rotation, 'CEK-18'), 'partial');
    assert.equal(status(rotation, 'CEK-12'), 'met');
    assert.equal(status(check(markdown('Key Lifetimes', 'Data encryption keys have a maximum lifetime of one year.')), 'CEK-17'), 'partial');
  });

  it('matches within one statement, never across the document', () => {
    const apart = check(markdown('Key Management', 'Keys are revoked by the custodian.\n\nEmployees who leave return their laptops.\n\nIncidents are reported when data is compromised.'));
    assert.notEqual(status(apart, 'CEK-13'), 'met');
    const listed = check(markdown('Key Revocation', 'Keys are revoked immediately when:\n\n- a key is compromised or suspected compromised;\n- an employee with key access leaves the organisation.'));
    assert.equal(status(listed, 'CEK-13'), 'met', 'a list item with its lead-in line is one statement');
  });
});

describe('extra evidence for an element (the cryptography registry\'s hook)', () => {
  it('a registered source decides CEK-04\'s element; without it the text does', () => {
    const text = markdown('Approved Algorithms', 'Only strong, industry-standard encryption is used.');
    assert.equal(status(check(text), 'CEK-04'), 'partial');
    ELEMENT_EVIDENCE.set('CEK-04:approvedAlgorithms', () => ({ met: true, evidence: [{ span: { start: 0, end: 3 }, matched: 'approved algorithms (registry)' }] }));
    try {
      assert.equal(status(check(text), 'CEK-04'), 'met');
    } finally {
      ELEMENT_EVIDENCE.delete('CEK-04:approvedAlgorithms');
    }
  });
});

describe('how statements are read (own fixtures for each mechanism)', () => {
  it('a sentence that introduces a list without a colon ("the following") is the items\' lead-in', () => {
    const text = markdown('Keys', 'Keys are rotated at least at the following frequencies. Shorter periods apply where a regulator asks.\n\n- Data encryption keys: every 12 months.\n- Key encryption keys: every 24 months.');
    assert.equal(status(check(text), 'CEK-12'), 'met');
    const apart = markdown('Keys', 'Keys are rotated by the platform team.\n\nOur offices close at 6 pm.\n\n- Data encryption keys: every 12 months.');
    assert.equal(status(check(apart), 'CEK-12'), 'not-met', 'another paragraph ends the lead-in');
  });

  it('threats are not actions: keys protected against loss or destruction are neither destroyed nor revoked', () => {
    const result = check(markdown('Keys', 'Keys must be protected against loss, change or destruction by access controls.'));
    assert.equal(status(result, 'CEK-14'), 'not-met');
    assert.equal(status(result, 'CEK-19'), 'not-met');
  });

  it('template filler and revision history are no evidence', () => {
    const filler = check(markdown('Audit', '| Role | Responsibility | Name |\n|---|---|---|\n| Audit | Annual audit of key management | [TODO: Internal Audit] |'));
    assert.equal(status(filler, 'CEK-09'), 'not-met');
    const history = check(markdown('Document history', '| Version | Date | Change | Approved by |\n|---|---|---|---|\n| 1.1 | 2026-01-10 | Key rotation changes approved | CISO |'));
    assert.equal(status(history, 'CEK-05'), 'not-met');
  });

  it('a risk assessment of exceptions is partial (CEK-07), not a risk programme', () => {
    const exceptions = check(markdown('Exceptions', 'Each exception needs a risk assessment and compensating controls.\n\nRisks of open exceptions are reviewed quarterly.'));
    assert.equal(status(exceptions, 'CEK-07'), 'partial');
  });

  it('a table with a key-size column and a purpose column: strength and purpose from the header', () => {
    const table = '| Key | Purpose | Size |\n|---|---|---|\n| Data key | Encrypts customer records | 256 bits |\n| Signing key | Signs release artefacts | 3072 bits |';
    assert.equal(status(check(markdown('Key inventory', table)), 'CEK-11'), 'met');
  });

  it('HYOK for the organisation\'s own keys is not a customer capability (CEK-08)', () => {
    assert.equal(status(check(markdown('Keys', 'Hold Your Own Key (HYOK) keeps our master keys on premises.')), 'CEK-08'), 'not-met');
    assert.equal(status(check(markdown('Keys', 'Customers may hold their own keys (HYOK) in their own HSM.')), 'CEK-08'), 'met');
  });
});
