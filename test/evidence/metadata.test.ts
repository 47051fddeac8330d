import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cover, model } from './helpers';

/** Metadata wherever organisations keep it, each value with its exact span. */
function meta(text: string) {
  return Object.fromEntries(Object.entries(model(text).meta).map(([key, value]) => [key, `${cover(text, value!.span)} @ ${value!.source}`]));
}

describe('metadata where people keep it', () => {
  it('a two-column Attribute | Value document-control table', () => {
    const text = '# Encryption Policy\n\n| Attribute | Value |\n|---|---|\n| Document ID | POL-011 |\n| Version | 1.0 |\n| Owner | CISO |\n| Approved By | Director of Security |\n| Next Review | 2027-02-06 |\n';
    assert.deepEqual(meta(text), {
      id: 'POL-011 @ document control table', version: '1.0 @ document control table', owner: 'CISO @ document control table',
      approvedBy: 'Director of Security @ document control table', nextReview: '2027-02-06 @ document control table',
    });
  });

  it('an approver line that carries the date ("Security Committee, 2026-03-10"): the date is the approval date, with its own span', () => {
    const text = '# Policy\n\n**Approved by:** Security Committee, 2026-03-10\n';
    assert.deepEqual(meta(text), { approvedBy: 'Security Committee, 2026-03-10 @ bold label **Approved by**', approvalDate: '2026-03-10 @ bold label **Approved by**' });
    // A month is no approval date.
    assert.deepEqual(meta('# Policy\n\n**Approved by:** Security Committee (March 2026)\n'), { approvedBy: 'Security Committee (March 2026) @ bold label **Approved by**' });
  });

  it('an approval table `Approved by | Date`: its header heads the rows (no label read as a value), the latest row is the approval', () => {
    const text = '# Policy\n\n| Approved by | Date |\n|---|---|\n| Risk Committee | 2025-02-01 |\n| CISO | 2026-03-10 |\n';
    assert.deepEqual(meta(text), { approvedBy: 'CISO @ revision history', approvalDate: '2026-03-10 @ revision history' });
  });

  it('a review log: its latest dated row is the last review; a "Next review" column is no log', () => {
    const text = '# Policy\n\n| Review date | Reviewer | Outcome |\n|---|---|---|\n| 2024-05-02 | CISO | No change |\n| 2025-04-30 | CISO | Updated TLS section |\n';
    assert.deepEqual(meta(text), { lastReviewed: '2025-04-30 @ review log' });
    assert.deepEqual(meta('# Policy\n\n| Area | Next review due | Notes |\n|---|---|---|\n| KMS | 2027-01-01 | - |\n'), {});
  });

  it('a one-row header table', () => {
    const text = '# Policy\n\n| Policy ID | Owner | Effective Date |\n|---|---|---|\n| SEC-7 | Head of Security | 2026-01-05 |\n';
    assert.deepEqual(meta(text), { id: 'SEC-7 @ header table', owner: 'Head of Security @ header table', effectiveDate: '2026-01-05 @ header table' });
  });

  it('Policy Number labels, and a bold line of |-separated fields', () => {
    const text = '# Policy\n\n**Policy Number**: SEC-POL-002\n**Owner:** Security Team | **Version:** 2.1 | **Review Cadence:** Biennial\n';
    assert.deepEqual(meta(text), {
      id: 'SEC-POL-002 @ bold label **Policy Number**', owner: 'Security Team @ bold label **Owner**', version: '2.1 @ bold label **Version**', reviewCadence: 'Biennial @ bold label **Review Cadence**',
    });
  });

  it('an id in the title', () => {
    assert.deepEqual(meta('# POL-010 - End User Key Protection Policy\n\nText.\n'), { id: 'POL-010 @ title' });
    assert.deepEqual(meta('# Encryption and Key Management Policy (OP-POL-001)\n\nText.\n'), { id: 'OP-POL-001 @ title' });
  });

  it('a revision row whose change column says "Approved" names the approver (its author) and the date', () => {
    const text = '# P\n\nRevision | Revision Date | Author | Description of changes\n-------- | ------------- | ------ | ----------------------\nv0.0.1 | 2017-06-28 | A. Writer | Initial Document\nv0.0.2 | 2017-06-29 | E. Approver | Approved\n';
    assert.deepEqual(meta(text), { approvedBy: 'E. Approver @ revision history', approvalDate: '2017-06-29 @ revision history', version: 'v0.0.2 @ revision history' });
  });

  it('a label whose values are the list below it: an unsigned approval block and a document-control list', () => {
    const text = '# P\n\n**Approved by**:\n- Chief Information Security Officer: _________________ Date: _______\n\n**Document Control**:\n- Version: 1.0\n- Next Review: 2026-11-21\n- Owner: Security Team\n';
    const found = meta(text);
    assert.equal(found.approvedBy, 'Chief Information Security Officer: _________________ Date: _______ @ **Approved by** list');
    assert.equal(found.nextReview, '2026-11-21 @ **Document Control** list');
    assert.equal(found.owner, 'Security Team @ **Document Control** list');
  });

  it('front matter keys of the organisation\'s own, and a header without an opening fence', () => {
    assert.deepEqual(meta('---\npolicy_owner: Jane Doe\napproval_date: 2026-01-02\n---\n# P\n'), { owner: 'Jane Doe @ front matter `policy_owner`', approvalDate: '2026-01-02 @ front matter `approval_date`' });
    const headless = 'name: Encryption Policy\nlive: false\nowner_name: Sam\n---\n# Purpose\n\nText.\n';
    assert.deepEqual(meta(headless), { status: 'false @ front matter `live`', owner: 'Sam @ front matter `owner_name`' });
    assert.equal(model(headless).doc.markdown?.sections[0].heading, 'Purpose', 'the closing --- is not read as a heading underline');
  });
});
