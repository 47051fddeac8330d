import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cover, model } from './helpers';

/** Each layout of roles people write, read to the same thing: who holds which duty, with the words that say so. */
function roles(text: string) {
  return model(text).roles.map((role) => ({
    source: role.source,
    title: role.title?.value,
    assignee: role.assignee?.value,
    duties: role.responsibilities.map((duty) => `${duty.value}=${cover(text, duty.span)}`),
  }));
}

describe('roles in any layout', () => {
  it('a Role | Responsibility table (singular header): the role is its own assignee', () => {
    const text = '# P\n\n## Responsibilities\n\n| Role | Responsibility |\n|---|---|\n| IT Security Team | Manage key management systems and rotate keys. |\n| Security Officer | Oversee the key management program. |\n';
    assert.deepEqual(roles(text), [
      { source: 'table', title: 'IT Security Team', assignee: 'IT Security Team', duties: ['key-rotation=rotate', 'kms-operation=Manage key management systems'] },
      { source: 'table', title: 'Security Officer', assignee: 'Security Officer', duties: ['policy-oversight=Oversee the key management program'] },
    ]);
  });

  it('a Role | Team | Duties table with free text, and a Name column that is only placeholders', () => {
    const text = '# P\n\n## 4. Roles\n\n| Role | Duties | Name |\n|---|---|---|\n| Key Custodian | incident response for key compromise | {{ custodian }} |\n';
    const [role] = roles(text);
    assert.equal(role.assignee, '{{ custodian }}');
    assert.deepEqual(role.duties, ['incident-response=incident response']);
  });

  it('a table of duty ids is a structured list', () => {
    const text = '# P\n\n## Roles and Responsibilities\n\n| Role | Assignee | Responsibilities |\n|---|---|---|\n| Key Custodian | Security Engineering | key-generation, key-rotaton |\n';
    const policy = model(text);
    assert.equal(policy.roles[0].structured, true);
    assert.deepEqual(policy.roles[0].responsibilities.map((duty) => duty.value), ['key-generation', 'key-rotaton']);
  });

  it('role bullets with duty sub-bullets: pasted glyph lists (• and o) and nested Markdown lists alike', () => {
    const pasted = '# P\n\n## 11. Roles and Responsibilities\n\n• Security Team\no Define and maintain cryptographic standards\no Conduct audits and reviews\n• IT Operations\no Manage key storage systems and infrastructure\n';
    assert.deepEqual(roles(pasted), [
      { source: 'label', title: 'Security Team', assignee: 'Security Team', duties: ['policy-oversight=Define and maintain cryptographic standards'] },
      { source: 'label', title: 'IT Operations', assignee: 'IT Operations', duties: ['kms-operation=Manage key'] },
    ]);
    const nested = '# P\n\n## Roles\n\n- Platform Engineering:\n  - Rotate encryption keys\n  - Respond to key compromise incidents\n- Developers\n  - Write code\n';
    assert.deepEqual(roles(nested), [
      { source: 'label', title: 'Platform Engineering', assignee: 'Platform Engineering', duties: ['key-rotation=Rotate', 'incident-response=Respond to key compromise'] },
    ]);
    // Outside a roles section, a bullet with sub-bullets is just a list.
    assert.deepEqual(roles('# P\n\n## Algorithms\n\n• RSA\no Rotate keys yearly\n'), []);
  });

  it('owner columns of a key inventory and RACI matrices assign duties (R or A), with role codes spelt out elsewhere', () => {
    const inventory = '# P\n\n## Key inventory\n\n| Key | Purpose | Rotation | Owner |\n|---|---|---|---|\n| DB_KEY | Encrypts customer records | Quarterly | Platform lead |\n| API_TOKEN | Partner calls | TBD | TBD |\n';
    assert.deepEqual(roles(inventory), [{ source: 'assignment', title: 'Platform lead', assignee: 'Platform lead', duties: ['key-rotation=Quarterly'] }]);
    const raci = '# P\n\n## Roles\n\n| Code | Role | Notes |\n|---|---|---|\n| KC | Key Custodian | - |\n| SC | Security Council | - |\n\n## Matrix\n\n| Activity | KC | SC | AU |\n|---|---|---|---|\n| **Key Rotation** | | | |\n| Execute | R | I | |\n| **Governance** | | | |\n| Approve policy | | R/A | C |\n';
    assert.deepEqual(roles(raci).filter((role) => role.source === 'assignment'), [
      { source: 'assignment', title: 'Key Custodian', assignee: 'Key Custodian', duties: ['key-rotation=Rotation'] },
      { source: 'assignment', title: 'Security Council', assignee: 'Security Council', duties: ['policy-oversight=Approve policy'] },
    ]);
    // A table of algorithms with a status column is no RACI matrix, and one without an owner column assigns nothing.
    assert.deepEqual(roles('# P\n\n## Algorithms\n\n| Algorithm | AES | RSA |\n|---|---|---|\n| Rotation | A | C |\n'), []);
  });

  it('the passive voice names the agent: "Keys are destroyed by Security Engineering"; people in general are no role', () => {
    assert.deepEqual(roles('# P\n\nKeys are destroyed by the Security Engineering team at end of life.\n'), [
      { source: 'sentence', title: 'Security Engineering team', assignee: 'Security Engineering team', duties: ['key-destruction=Keys are destroyed'] },
    ]);
    assert.deepEqual(roles('# P\n\nKeys must be managed by their owners. New keys can be rotated in by authorized staff.\n'), []);
  });

  it('role subsections with bullet duties', () => {
    const text = '# P\n\n## 4. Roles and Responsibilities\n\n### 4.1 Operations Team\n- Manage encryption keys\n- Execute key rotation\n\n### 4.2 Security Team\n- Define and maintain encryption policy\n';
    assert.deepEqual(roles(text), [
      { source: 'subsection', title: 'Operations Team', assignee: 'Operations Team', duties: ['kms-operation=Manage encryption keys', 'key-rotation=rotation'] },
      { source: 'subsection', title: 'Security Team', assignee: 'Security Team', duties: ['policy-oversight=Define and maintain encryption policy'] },
    ]);
  });

  it('bold-labelled bullets in a roles section (not elsewhere)', () => {
    const text = '# P\n\n## Roles and Responsibilities\n\n- **KMS Administrators:** operate the KMS and revoke compromised keys.\n\n## Principles\n\n- **Separation of Duties:** key roles are separated.\n';
    assert.deepEqual(roles(text), [
      { source: 'label', title: 'KMS Administrators', assignee: 'KMS Administrators', duties: ['key-revocation=revoke', 'kms-operation=operate the KMS'] },
    ]);
  });

  it('sentences that make a team responsible, anywhere; negated and passive ones are not', () => {
    const text = '# P\n\nThe Information Security Team is responsible for key generation and destruction.\n\nThe Security Team shall not escrow private keys.\n\nKeys shall be rotated by the platform.\n';
    assert.deepEqual(roles(text), [
      { source: 'sentence', title: 'Information Security Team', assignee: 'Information Security Team', duties: ['key-generation=key generation', 'key-destruction=key generation and destruction'] },
    ]);
  });

  it('a duty that is only reported is not held ("report suspected key compromise")', () => {
    const text = '# P\n\n## Roles\n\n| Role | Responsibilities |\n|---|---|\n| All Personnel | Report suspected key compromise; follow procedures |\n';
    assert.deepEqual(roles(text)[0].duties, []);
  });
});
