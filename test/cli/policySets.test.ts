import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, TODAY } from '../helpers/ruleTester';
import { cli, findingsOf, workspace } from './helpers';

const example = (name: string) => readFileSync(join(ROOT, 'examples', 'set', name), 'utf8');
const POLICY = example('key-management-policy.md');
const PROCEDURE = example('procedures/key-management-procedure.md');


describe('policy sets (CLI process)', () => {
  it('examples/set: the policy and the procedure it refers to are clean together', () => {
    const result = cli(['check', 'examples/set/', '--today', TODAY], ROOT);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /no problems in 2 policies/);
  });

  it('report: evidence from the procedure counts for the policy and names its file', () => {
    const result = cli(['report', 'examples/set/key-management-policy.md', '--format', 'json', '--today', TODAY], ROOT);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { documents: { file: string; references: { kind: string; target: string; resolved?: string }[]; members: { file: string }[]; requirements: { guideline: string; status: string; evidence: { file?: string; line: number; text: string }[] }[] }[]; set: { requirements: { guideline: string; documents: { file: string }[] }[] } };
    const [policy] = report.documents;
    const procedure = join('examples', 'set', 'procedures', 'key-management-procedure.md');
    assert.deepEqual(policy.references.map((reference) => [reference.kind, reference.target, reference.resolved]), [
      ['link', 'procedures/key-management-procedure.md', procedure],
      ['id', 'KM-PROC-4', procedure],
      ['title', 'Key Management Procedure', procedure],
    ]);
    assert.deepEqual(policy.members.map((member) => member.file), [procedure]);
    const roles = policy.requirements.find((requirement) => requirement.guideline === 'CEK-02 auditing guideline 1')!;
    assert.equal(roles.status, 'met');
    assert.ok(roles.evidence.every((evidence) => evidence.file === procedure), JSON.stringify(roles.evidence));
    assert.equal(PROCEDURE.split('\n')[roles.evidence[0].line - 1].includes(roles.evidence[0].text), true, 'the line and the quote are the procedure\u2019s');
    // Approval must hold for every document of the set: the procedure is in the set report too.
    const governance = report.set.requirements.find((requirement) => requirement.guideline === 'CEK-01 auditing guideline 2')!;
    assert.deepEqual(governance.documents.map((document) => document.file), [join('examples', 'set', 'key-management-policy.md'), procedure]);
  });

  it('pre-commit passes only the policy: references still resolve against the project (the folder of .cekpolicy.yaml)', () => {
    const dir = workspace({ '.cekpolicy.yaml': 'rules:\n  draft-policy: error\n', 'policies/key-management-policy.md': POLICY, 'procedures/km.md': PROCEDURE.replace('../key-management-policy.md', '../policies/key-management-policy.md') });
    // The link of the example points at procedures/ beside the policy; here the procedure is found by its id and title.
    const result = cli(['check', 'policies/key-management-policy.md', '--format', 'json', '--today', TODAY], dir);
    const findings = findingsOf(result);
    assert.deepEqual(findings.map((finding) => `${finding.line} ${finding.rule}`), ['34 reference-unresolved']);
    assert.match(findings[0].message, /links to `procedures\/key-management-procedure\.md`, which is not in the project/);
    assert.equal(result.code, 0, 'a warning');
  });

  it('a reference that resolves to nothing is a finding that names it, and the guideline is not met by it', () => {
    const dir = workspace({ 'key-management-policy.md': POLICY }, { git: true });
    const result = cli(['check', 'key-management-policy.md', '--format', 'json', '--today', TODAY], dir);
    const findings = findingsOf(result);
    const unresolved = findings.filter((finding) => finding.rule === 'reference-unresolved').map((finding) => `${finding.line} ${finding.message.slice(0, 60)}`);
    // "the Key Management Procedure (KM-PROC-4)": the id in brackets is not cued on its own; the title is.
    assert.deepEqual(unresolved, [
      '16 The policy refers to "Key Management Procedure", which is no',
      '34 The policy links to `procedures/key-management-procedure.md`',
    ]);
    assert.ok(findings.some((finding) => finding.rule === 'roles-missing'), 'without the procedure the policy assigns no roles');
    assert.equal(result.code, 1);
  });

  it('--cache: a policy that refers to other documents is checked again when one of them changes', () => {
    const dir = workspace({ 'key-management-policy.md': POLICY, 'procedures/key-management-procedure.md': PROCEDURE }, { git: true });
    const args = ['check', '.', '--cache', '--format', 'json', '--today', TODAY];
    assert.deepEqual(findingsOf(cli(args, dir)), []);
    writeFileSync(join(dir, 'procedures', 'key-management-procedure.md'), PROCEDURE.slice(0, PROCEDURE.indexOf('## Roles and Responsibilities')) + PROCEDURE.slice(PROCEDURE.indexOf('## Monitoring')));
    const after = findingsOf(cli(args, dir));
    assert.ok(after.some((finding) => finding.file === 'key-management-policy.md'), 'the policy lost the roles of its procedure');
    rmSync(join(dir, 'procedures'), { recursive: true });
    const gone = findingsOf(cli(args, dir));
    assert.ok(gone.some((finding) => finding.file === 'key-management-policy.md' && finding.rule === 'reference-unresolved'));
  });
});
