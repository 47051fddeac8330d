import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeConfig } from '../../server/src/engine/config/config';
import { checkText } from '../../server/src/engine/engine';
import { migrateMarkdown } from '../../server/src/engine/fixes/migrate';
import { LineIndex } from '../../server/src/engine/parse/text';
import { TODAY } from '../helpers/ruleTester';

/** Policies as public policy repositories write them: bold header, numbered headings, revision table, placeholders. */
const boldHeader = `# Cryptography and Key Management Policy

**Owner**: Priya Raman
**Review Cadence**: Annual
**Last Reviewed**: 2026-10-01
- **Policy owner:** Priya Raman

## 1. Purpose

This policy defines how we protect data with cryptography.

## 3. Roles and Responsibilities

| Role | Assignee | Responsibilities | Alternates |
|------|----------|------------------|------------|
| Crypto Officer | Security Team | policy-oversight | Platform Lead |

## 9. Revision History

| Version | Date | Author/Approver | Changes |
|---------|------|-----------------|---------|
| 1.0 | 2024-10-16 | J. Smith / ISSC | Initial version |
| 1.1 | 2025-10-01 | P. Raman / ISSC | Annual review |
`;

function findings(text: string, fileName = 'policy.md', today = TODAY) {
  const result = checkText(text, fileName, { today, config: mergeConfig({}), force: true });
  const lines = new LineIndex(text);
  return result.findings.filter((finding) => !finding.suppression).map((finding) => {
    const start = lines.positionAt(finding.span.start);
    const end = lines.positionAt(finding.span.end);
    return { rule: finding.rule, range: [start.line + 1, start.character + 1, end.line + 1, end.character + 1], text: text.slice(finding.span.start, finding.span.end), message: finding.message, finding };
  });
}

describe('policy metadata where people keep it', () => {
  it('a bold-header owner and a revision table count as owner and approval', () => {
    const rules = findings(boldHeader).map((finding) => finding.rule);
    assert.ok(!rules.includes('owner-missing'));
    assert.ok(!rules.includes('approval-missing'));
    assert.ok(!rules.includes('review-missing'), 'a last review date and a cadence make a schedule');
    // Without a review date, an annual cadence counts from the latest approval in the revision history.
    const fromApproval = findings(boldHeader.replace('**Last Reviewed**: 2026-10-01\n', '')).find((finding) => finding.rule === 'review-overdue')!;
    assert.deepEqual([fromApproval.range, fromApproval.text], [[22, 9, 22, 19], '2025-10-01']);
    assert.match(fromApproval.message, /approved or took effect on 2025-10-01 and records no later review; that is more than 12 months ago: the review was due on 2026-10-01/);
    // Without any date to count from, the cadence alone is no schedule.
    const cadenceOnly = findings(boldHeader.replace('**Last Reviewed**: 2026-10-01\n', '').slice(0, boldHeader.indexOf('## 9. Revision History') - 30)).find((finding) => finding.rule === 'review-missing')!;
    assert.deepEqual([cadenceOnly.range, cadenceOnly.text], [[4, 21, 4, 27], 'Annual']);
  });

  it('the same with {{owner_name}} gets placeholder at the exact value', () => {
    const text = boldHeader.replace('**Owner**: Priya Raman', '**Owner**: {{owner_name}}').replace('- **Policy owner:** Priya Raman\n', '');
    const placeholder = findings(text).filter((finding) => finding.rule === 'placeholder');
    assert.deepEqual(placeholder.map((finding) => [finding.range, finding.text, finding.message]), [
      [[3, 12, 3, 26], '{{owner_name}}', '`owner (bold label **Owner**)` is unfilled (`{{owner_name}}`): replace the template value with the real one.'],
    ]);
    assert.ok(!findings(text).some((finding) => finding.rule === 'owner-missing'));
  });

  it('numbered headings are found ("## 3. Roles and Responsibilities")', () => {
    const result = checkText(boldHeader, 'policy.md', { today: TODAY, force: true });
    assert.equal(result.policy?.roles.length, 1);
    assert.equal(result.policy?.roles[0].assignee?.value, 'Security Team');
  });

  it('the revision table gives the approval (latest approved row) with exact ranges', () => {
    const result = checkText(boldHeader, 'policy.md', { today: TODAY, force: true });
    const { approvedBy, approvalDate } = result.policy!.meta;
    assert.equal(approvedBy?.value, 'P. Raman / ISSC');
    assert.equal(boldHeader.slice(approvedBy!.span.start, approvedBy!.span.end), 'P. Raman / ISSC');
    assert.equal(boldHeader.slice(approvalDate!.span.start, approvalDate!.span.end), '2025-10-01');
    assert.equal(approvalDate?.source, 'revision history');
  });

  it('a biennial cadence is too long', () => {
    const text = boldHeader.replace('**Review Cadence**: Annual', '**Review Cadence**: Every 2 years');
    const long = findings(text).filter((finding) => finding.rule === 'review-interval-too-long');
    assert.deepEqual(long.map((finding) => [finding.range, finding.text]), [[[4, 21, 4, 34], 'Every 2 years']]);
  });

  it('front matter with the organisation\'s own keys', () => {
    const text = '---\ntitle: Key Policy\npolicy_owner: Priya Raman\napproved_by: CISO\napproval_date: "Oct 16, 2024"\nlast_reviewed: 2024-10-16\nnext_review: 2025-10-16\n---\n\n# Key Policy\n';
    const found = findings(text);
    const rules = found.map((finding) => finding.rule);
    assert.ok(!rules.includes('owner-missing') && !rules.includes('approval-missing') && !rules.includes('review-missing'));
    const overdue = found.find((finding) => finding.rule === 'review-overdue')!;
    assert.deepEqual([overdue.range, overdue.text], [[7, 14, 7, 24], '2025-10-16']);
    const date = found.find((finding) => finding.rule === 'date-format')!;
    assert.deepEqual([date.range, date.text], [[5, 16, 5, 30], '"Oct 16, 2024"']);
    assert.equal(date.finding.fix?.edits[0].newText, '"2024-10-16"');
  });

  it('an ambiguous date is refused with a finding and both ISO readings as fixes', () => {
    const text = '---\npolicy_owner: Priya Raman\nlast_reviewed: 03/04/2024\n---\n\n# Key Policy\n';
    const date = findings(text).find((finding) => finding.rule === 'date-format')!;
    assert.deepEqual([date.range, date.text], [[3, 16, 3, 26], '03/04/2024']);
    assert.match(date.message, /ambiguous/);
    assert.equal(date.finding.fix, undefined);
    assert.deepEqual(date.finding.suggestions?.map((fix) => fix.edits[0].newText), ['2024-03-04', '2024-04-03']);
  });

  it('dates as people write them in the body are read and fixed to ISO', () => {
    const text = boldHeader.replace('**Review Cadence**: Annual', '**Next Review**: 16 October 2027');
    const date = findings(text).find((finding) => finding.rule === 'date-format')!;
    assert.deepEqual([date.range, date.text], [[4, 18, 4, 33], '16 October 2027']);
    assert.equal(date.finding.fix?.edits[0].newText, '2027-10-16');
  });
});

describe('migrate', () => {
  const moved = ['owner-missing', 'approval-missing', 'review-missing', 'date-format', 'placeholder', 'parse-error', 'schema'];

  it('writes recognised metadata into new front matter; the body is byte-identical and passes check for it', () => {
    const migration = migrateMarkdown(boldHeader, 'policy.md');
    assert.deepEqual(migration.moved, ['kind', 'title', 'owner', 'approval', 'review']);
    assert.ok(migration.text.endsWith(boldHeader), 'body byte-identical');
    const result = checkText(migration.text, 'policy.md', { today: TODAY });
    assert.equal(result.isPolicy, true, 'now a policy by its marker');
    assert.deepEqual(result.findings.filter((finding) => moved.includes(finding.rule)).map((finding) => finding.rule), []);
    assert.equal(result.policy?.field('owner')?.kind, 'map');
    assert.deepEqual(migrateMarkdown(migration.text, 'policy.md').moved, [], 'idempotent');
  });

  it('adds to existing front matter without touching the body, CRLF kept', () => {
    const text = `---\r\ntitle: Key Policy\r\npolicy_owner: Priya Raman\r\nlast_reviewed: 2026-01-10\r\nnext_review: 2027-01-10\r\n---\r\n\r\n# Key Policy\r\n\r\nBody text.\r\n`;
    const migration = migrateMarkdown(text, 'policy.md');
    assert.deepEqual(migration.moved, ['kind', 'owner', 'review']);
    const body = text.slice(text.indexOf('---\r\n\r\n# Key') + 3);
    assert.ok(migration.text.endsWith(body));
    assert.ok(!/[^\r]\n/.test(migration.text), 'only CRLF line ends');
    assert.match(migration.text, /^---\r\nkind: crypto-policy\r\ntitle: Key Policy\r\n/);
  });

  it('does not move an ambiguous date, and says why', () => {
    const migration = migrateMarkdown('# Policy\n\n**Owner**: Priya Raman\n**Last reviewed**: 03/04/2026\n', 'policy.md');
    assert.deepEqual(migration.moved, ['kind', 'title', 'owner']);
    assert.deepEqual(migration.skipped, ['last review "03/04/2026" (bold label **Last reviewed**): "03/04/2026" could be day/month or month/day']);
  });
});
