import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { formatGuidelineRef } from '../../server/src/engine/config/catalog';
import { checkText, type CheckResult } from '../../server/src/engine/engine';
import { buildComplianceReport } from '../../server/src/engine/report/compliance';
import { isSetEvidence, MAX_SET_DEPTH, MAX_SET_LOOKUPS, MAX_SET_MEMBERS, type SetLoader } from '../../server/src/engine/sets/policySet';
import reportSchema from '../../schemas/report.schema.json';
import { memoryLoader, TODAY } from '../helpers/ruleTester';

/** A policy that leaves its roles and its monitoring to a procedure, by link and by id. */
const POLICY = `---
kind: crypto-policy
id: POL-KM-1
title: Key Management Policy
version: "1.0"
owner: { name: Dana Li, role: CISO }
approval: { by: Risk Committee, date: 2026-03-02, evidence: "RC-03 minutes" }
review: { last: 2026-03-02, next: 2027-03-02, interval_months: 12, triggers: [new KMS] }
---
# Key Management Policy

## Scope
Keys of the KMS and its HSMs, storage encryption (AES-256 at rest) and TLS 1.3 on every connection.

## Roles and Responsibilities
Roles and duties are defined in [the procedure](procedures/km-proc-4.md).

## Monitoring
Monitoring follows KM-PROC-4.

## Communication
The policy is published on the wiki and acknowledged by all engineers in the LMS.
`;

/** The procedure: roles and monitoring, and no approval of its own (a set needs it of every document). */
const PROCEDURE = `---
id: KM-PROC-4
title: Key Management Procedure
---
# Key Management Procedure

## Roles and Responsibilities
| Role | Team | Responsibilities |
|---|---|---|
| Key Custodian | Security Engineering | key-generation, key-rotation, key-revocation, key-destruction |
| KMS Operator | Platform Team | kms-operation, encryption-enforcement |

## Monitoring
All use of keys in the KMS is logged and monitored for anomalous access; controls are reviewed quarterly.

See the [policy](../policy.md) and [this procedure](km-proc-4.md).
`;

const documents = { '/project/procedures/km-proc-4.md': PROCEDURE, '/project/policy.md': POLICY };

function check(loader?: SetLoader, text = POLICY): CheckResult {
  return checkText(text, '/project/policy.md', { today: TODAY, policySet: loader });
}

const requirement = (result: CheckResult, guideline: string) => result.requirements.find((each) => formatGuidelineRef(each.ref) === guideline)!;
const rules = (result: CheckResult) => result.findings.filter((finding) => !finding.suppression).map((finding) => finding.rule);

describe('policy sets (engine)', () => {
  it('evidence of a referenced document counts for the policy, and says where it came from', () => {
    const alone = check();
    assert.ok(rules(alone).includes('roles-missing'));
    assert.ok(rules(alone).includes('monitoring-missing'));
    assert.equal(requirement(alone, 'CEK-02 auditing guideline 1').status, 'not-met');

    const withSet = check(memoryLoader(documents));
    assert.ok(!rules(withSet).includes('roles-missing'), rules(withSet).join(', '));
    assert.ok(!rules(withSet).includes('monitoring-missing'));
    const roles = requirement(withSet, 'CEK-02 auditing guideline 1');
    assert.equal(roles.status, 'met', roles.reason);
    assert.match(roles.reason, /across the policy set \(procedures\/km-proc-4\.md\)/);
    const evidence = roles.evidence.filter(isSetEvidence);
    assert.ok(evidence.length > 0);
    assert.equal(evidence[0].file, 'procedures/km-proc-4.md');
    assert.equal(evidence[0].line, 10);
    assert.equal(evidence[0].quote, 'key-generation');
    // In the policy, the evidence stands on the reference that brought the document in (hover shows it there).
    assert.equal(POLICY.slice(evidence[0].span.start, evidence[0].span.end), '[the procedure](procedures/km-proc-4.md)');
    const monitoring = requirement(withSet, 'CEK-01 auditing guideline 7');
    assert.equal(monitoring.status, 'met', monitoring.reason);
  });

  it('approval, ownership, review and communication stay each document\u2019s own', () => {
    const withoutOwner = POLICY.replace('owner: { name: Dana Li, role: CISO }\n', '');
    const result = check(memoryLoader(documents), withoutOwner);
    assert.ok(rules(result).includes('owner-missing'), 'the procedure cannot own the policy');
    assert.notEqual(requirement(result, 'CEK-01 auditing guideline 2').status, 'met');
    // The procedure's own per-document statuses are kept for the set report: it has no approval.
    const member = result.set!.members[0];
    assert.equal(member.name, 'procedures/km-proc-4.md');
    assert.equal(member.perDocument.find((each) => formatGuidelineRef(each.ref) === 'CEK-01 auditing guideline 2')?.status, 'not-met');
  });

  it('records each reference and what it resolved to; cycles and self-links are followed once', () => {
    const result = check(memoryLoader(documents));
    assert.deepEqual(result.set!.references.map((reference) => [reference.kind, reference.target, reference.resolved]), [
      ['link', 'procedures/km-proc-4.md', 'procedures/km-proc-4.md'],
      ['id', 'KM-PROC-4', 'procedures/km-proc-4.md'],
    ]);
    assert.deepEqual(result.set!.members.map((member) => member.name), ['procedures/km-proc-4.md']);
    assert.equal(result.set!.members[0].isPolicy, true, 'a procedure about keys is a policy by its content');
  });

  it('an id cited in passing that names no document is no reference, but the result still depends on the project', () => {
    const result = check(memoryLoader(documents), POLICY.replace('Monitoring follows KM-PROC-4.', 'Monitoring alerts go to queue OPS-7.'));
    assert.deepEqual(result.set!.references.map((reference) => reference.target), ['procedures/km-proc-4.md']);
    assert.equal(result.set!.dependsOnProject, true);
    assert.ok(!rules(result).includes('reference-unresolved'));
    const none = check(memoryLoader(documents), POLICY.replace('Monitoring follows KM-PROC-4.', 'Monitoring is continuous.').replace('defined in [the procedure](procedures/km-proc-4.md)', 'defined below'));
    assert.deepEqual(none.set, { references: [], dependsOnProject: false, members: [] });
  });

  it('a referenced document that is not a policy is part of the set without being judged as one', () => {
    const notes = '# Team notes\n\nThe Platform Team operates the KMS. Security Engineering is responsible for key generation and key rotation.\n';
    const result = check(memoryLoader({ ...documents, '/project/procedures/km-proc-4.md': notes }));
    assert.equal(result.set!.members[0].isPolicy, false);
    assert.equal(requirement(result, 'CEK-02 auditing guideline 1').status, 'met');
  });

  it('is bounded: references are followed three levels deep, and a set holds at most twelve documents', () => {
    const chain: Record<string, string> = {};
    for (let index = 0; index < 40; index++) chain[`/project/d${index}.md`] = `# Note ${index}\n\nSee [next](d${index + 1}.md).\n`;
    const deep = check(memoryLoader(chain), POLICY.replace('Monitoring follows KM-PROC-4.', 'Monitoring follows [d0](d0.md).'));
    assert.equal(MAX_SET_DEPTH, 3);
    assert.deepEqual(deep.set!.members.map((member) => [member.name, member.depth]), [['d0.md', 1], ['d1.md', 2], ['d2.md', 3]]);
    const wide = check(memoryLoader(chain), POLICY.replace('Monitoring follows KM-PROC-4.', `Monitoring follows ${Array.from({ length: 20 }, (_, index) => `[d${index}](d${index}.md)`).join(', ')}.`));
    assert.equal(wide.set!.members.length, MAX_SET_MEMBERS);
    assert.match(wide.set!.truncated ?? '', /limited to 12 documents/);
    // Every look-up may read a file: a set stops looking after MAX_SET_LOOKUPS, whatever the documents refer to.
    let lookups = 0;
    const many = Array.from({ length: 40 }, (_, index) => `[d${index}](d${index}.md)`).join(', ');
    const crowded: Record<string, string> = {};
    for (let index = 0; index < 40; index++) crowded[`/project/d${index}.md`] = `# Note ${index}\n\n${many}\n`;
    const heavy = check({ resolve: (reference, from) => (lookups++, memoryLoader(crowded).resolve(reference, from)) }, POLICY.replace('Monitoring follows KM-PROC-4.', `Monitoring follows ${many}.`));
    assert.ok(lookups <= MAX_SET_LOOKUPS, `${lookups} look-ups`);
    assert.ok(heavy.set!.truncated);
  });

  it('the report: references, members, evidence with its file, the set requiring per-document guidelines of members', () => {
    const result = checkText(POLICY, '/project/policy.md', { today: TODAY, policySet: memoryLoader(documents) });
    const report = buildComplianceReport([{ path: 'policy.md', result }], { today: TODAY, version: '0.0.0' });
    const ajv = new Ajv({ allErrors: true, strict: false });
    assert.ok(ajv.validate(reportSchema, report), ajv.errorsText());
    const document = report.documents[0];
    assert.deepEqual(document.references?.map((reference) => [reference.kind, reference.line, reference.resolved]), [['link', 16, 'procedures/km-proc-4.md'], ['id', 19, 'procedures/km-proc-4.md']]);
    assert.deepEqual(document.members?.map((member) => [member.file, member.policy]), [['procedures/km-proc-4.md', true]]);
    const roles = document.requirements.find((each) => each.guideline === 'CEK-02 auditing guideline 1')!;
    assert.deepEqual(roles.evidence[0], { line: 10, text: 'key-generation', matched: roles.evidence[0].matched, why: "a duty in the role's row of a roles table, in procedures/km-proc-4.md, which the policy refers to", file: 'procedures/km-proc-4.md' });
    const governance = report.set.requirements.find((each) => each.guideline === 'CEK-01 auditing guideline 2')!;
    assert.deepEqual(governance.documents, [{ file: 'policy.md', status: 'met' }, { file: 'procedures/km-proc-4.md', status: 'not-met' }]);
    assert.equal(governance.status, 'partial', 'approval must hold for every document of the set');
  });
});
