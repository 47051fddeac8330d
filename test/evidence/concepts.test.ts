import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConceptId } from '../../server/src/engine/evidence/lexicon';
import { model } from './helpers';

/** Sentences that must and must not establish each concept, judged as one sentence of a policy body. */
const TABLE: Partial<Record<ConceptId, { yes: string[]; no: string[] }>> = {
  keyUsageAudit: {
    yes: ['Key usage shall be logged and actively monitored for unauthorized access attempts.', 'All key distribution logged.', 'Key usage logging enabled for all KMS and Vault operations.', 'KMS access logs are sent to the SIEM.'],
    no: ['The Infosec team will verify compliance through periodic walk-thrus, video monitoring and internal audits.', 'Keys must never be logged.', 'Cryptographic keys must be generated and stored securely.', 'Certificate expiry is monitored and alerts are sent 30 days ahead.'],
  },
  controlReview: {
    yes: ['The Infosec team will verify compliance through methods including, but not limited to, internal and external audits every year.', 'Internal audits shall verify adherence at least annually.', 'Key management controls are reviewed quarterly.', 'Access reviews MUST occur on a scheduled cadence.'],
    no: ['This policy will be reviewed at least annually.', 'Internal and external audits may be performed.', 'This standard is reviewed annually by the security team.', 'The document shall be reviewed and updated every year.'],
  },
  technicalEnforcement: {
    yes: ['Weak keys shall be rejected through automated validation processes.', 'Automated enforcement via crypto validator.', 'TLS configuration scanning runs weekly.', 'Certificate templates shall be used to enforce key usage.'],
    no: ['Failure to comply may result in disciplinary action, up to and including termination.', 'Violations may lead to termination of employment.', 'Never disable certificate validation in production systems.', 'Developers use approved cryptographic libraries and configurations.', 'Teams should consider looking into automated scanning of key stores.'],
  },
  communication: {
    yes: ['Procedures shall be documented, communicated, and reviewed at least annually.', 'Users shall acknowledge and accept this policy annually.', 'The policy is published on the intranet and announced to all engineers.'],
    no: ['Affected teams are notified 90 days in advance of an algorithm migration.', 'Keys are securely generated, distributed, stored and disposed of under this policy.', 'Users may not be familiar with standards for electronic communications.'],
  },
  training: {
    yes: ['Staff and contractors must receive training on this policy before being granted related responsibilities.', 'Key custodians complete annual key-management training.'],
    no: ['Training data for models is encrypted at rest.', 'Certificates are issued to end users.', 'Model training jobs use customer-managed keys.'],
  },
  segregation: {
    yes: ['Separation of Duties: key management roles shall be separated.', 'Key recovery requires dual control.', 'No single individual may control a key\'s lifecycle.'],
    no: ['The key must be split and each portion encrypted with a different key.', 'Least privilege applies to all key access.'],
  },
  roleReview: {
    yes: ['Role assignments are reviewed every year by the Security Committee.', 'Key Access Review: Quarterly.', 'Access to key material is reviewed quarterly and upon role change.'],
    no: ['Approved exceptions will be reviewed on an annual basis.', 'Key usage is audited automatically, anomalous key access raises alerts, controls are reviewed quarterly.', 'Access log review: monthly.'],
  },
  customerKeys: {
    yes: ['Customers can bring their own keys (BYOK) through the KMS.', 'We do not offer bring-your-own-key or hold-your-own-key to customers.'],
    no: ['Customer-managed encryption keys (CMEK) shall be used for all production data stores.', 'HYOK shall be implemented where feasible to keep control of our master keys.'],
  },
  alternates: {
    yes: ['Each key custodian has a trained deputy.', 'Succession plans name alternate personnel for every CEK role.', 'Every custodian role has a primary and a backup holder.'],
    no: ['Backup keys are stored in a separate location.', 'Approval from the CISO (or designee) is required.', 'Keys have a primary and a backup copy.'],
  },
  policyReview: {
    yes: ['This policy will be reviewed at least annually and updated as necessary.', 'Procedures shall be documented, communicated, and reviewed at least annually.'],
    no: ['An annual review of cryptographic standards shall be conducted.', 'Approved exceptions will be reviewed on an annual basis.'],
  },
};

describe('concepts: sentences that must and must not match', () => {
  for (const [concept, { yes, no }] of Object.entries(TABLE) as [ConceptId, { yes: string[]; no: string[] }][]) {
    it(concept, () => {
      for (const sentence of yes) assert.equal(model(`# Policy\n\n${sentence}\n`).evidence(concept).length, 1, `should match: ${sentence}`);
      for (const sentence of no) assert.equal(model(`# Policy\n\n${sentence}\n`).evidence(concept).length, 0, `should not match: ${sentence}`);
    });
  }

  it('a heading stands in for the topic of the sentences under it ("## Review": "Reviewed at least annually.")', () => {
    assert.equal(model('# P\n\n## Review\n\nReviewed at least annually.\n').evidence('policyReview').length, 1);
    assert.equal(model('# P\n\n## Audit Reviews\n\nKey inventory review: quarterly.\n').evidence('policyReview').length, 0);
  });

  it('a statement under a "Prohibited practices" heading establishes no enforcement, whatever its words', () => {
    const prohibited = model('# P\n\n## 10. Prohibited Practices\n\n- Disabling certificate validation in production systems\n');
    assert.equal(prohibited.concepts.has('technicalEnforcement'), false);
    const required = model('# P\n\n## 10. Verification\n\n- Certificate validation is enforced in production systems\n');
    assert.equal(required.concepts.has('technicalEnforcement'), true);
  });

  it('a heading "Encryption Enforcement" over a disciplinary text establishes no technical enforcement', () => {
    assert.equal(model('# P\n\n## Encryption Enforcement\n\nViolations may result in disciplinary action.\n').concepts.has('technicalEnforcement'), false);
  });

  it('a heading is evidence only when its section says something', () => {
    assert.equal(model('# P\n\n## Separation of Duties\n\n## Next\n\nText.\n').evidence('segregation').length, 0);
    assert.equal(model('# P\n\n## Separation of Duties\n\nNo one may both generate and approve keys.\n').evidence('segregation').length, 1);
  });
});

describe('concepts: the index after the check', () => {
  it('released term tables are rebuilt on demand: the same evidence before and after', () => {
    const text = '# P\n\n## Review\n\nReviewed at least annually.\n\nKey usage shall be logged.\n\nKey recovery requires dual control.\n';
    const fresh = model(text);
    const released = model(text);
    assert.equal(released.evidence('keyUsageAudit').length, 1, 'asked before the release: cached');
    released.concepts.release();
    for (const concept of ['keyUsageAudit', 'policyReview', 'segregation', 'training'] as ConceptId[]) {
      assert.deepEqual(released.evidence(concept), fresh.evidence(concept), concept);
    }
    assert.deepEqual(released.evidence('segregation').map((hit) => hit.statement.text), ['Key recovery requires dual control.']);
  });
});
