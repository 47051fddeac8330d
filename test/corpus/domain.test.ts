import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText } from '../../server/src/engine/engine';
import { CORPUS_DIR } from './agreement';
import { DEFAULT_REVIEW_DAY, domainAgreement, domainCells, domainVerdictsAvailable } from './domain';

/** Floors on firm (non-debatable) cells of domain-verdicts.json: the test fails if a change lowers agreement below them. */
const MET_VS_GAP_FLOOR = 90;
const EXACT_FLOOR = 85;

describe('CEK-03..CEK-21 agreement with the hand-audited corpus', { skip: domainVerdictsAvailable() ? false : `no domain-verdicts.json at ${CORPUS_DIR}` }, () => {
  const cells = domainVerdictsAvailable() ? domainCells() : [];

  it(`agrees met-vs-gap on at least ${MET_VS_GAP_FLOOR}% and exactly on at least ${EXACT_FLOOR}% of firm cells`, () => {
    const { metVsGap, exact, total } = domainAgreement(cells);
    const misses = cells.filter((cell) => !cell.debatable && !cell.exact).map((cell) => `${cell.file} ${cell.control}: auditor ${cell.auditor}, ours ${cell.ours}`);
    assert.ok(total > 250, `firm cells: ${total}`);
    assert.ok(metVsGap >= MET_VS_GAP_FLOOR, `met-vs-gap ${metVsGap.toFixed(1)}% is below ${MET_VS_GAP_FLOOR}%:\n${misses.join('\n')}`);
    assert.ok(exact >= EXACT_FLOOR, `exact ${exact.toFixed(1)}% is below ${EXACT_FLOOR}%:\n${misses.join('\n')}`);
  });

  it('judges every control of every document, with a reason', () => {
    assert.equal(cells.length, 18 * 19);
    assert.ok(cells.every((cell) => cell.ours !== 'not-assessed' || cell.auditor === 'not met'), 'no control is left unjudged');
    assert.ok(cells.every((cell) => cell.reason.length > 10), 'every status has a reason');
  });

  it('CEK-08 is not applicable exactly where CEK-01 auditing 8 is (the same inference of customer data)', () => {
    for (const cell of cells.filter((candidate) => candidate.control === 'CEK-08')) {
      const result = checkText(readFileSync(join(CORPUS_DIR, cell.file), 'utf8'), cell.file, { today: DEFAULT_REVIEW_DAY, force: true });
      const guideline = result.requirements.find((requirement) => requirement.ref.control === 'CEK-01' && requirement.ref.kind === 'auditing' && requirement.ref.number === 8)!;
      assert.equal(cell.ours === 'not-applicable', guideline.status === 'not-applicable', `${cell.file}: CEK-08 ${cell.ours}, CEK-01 auditing 8 ${guideline.status}`);
    }
  });
});
