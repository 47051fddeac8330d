import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agreement, auditCells, corpusAvailable, CORPUS_DIR } from './agreement';

/** The agreement reached with the hand-audited corpus: the test fails if a change lowers it. */
const REACHED = 276;

describe('agreement with the hand-audited corpus', { skip: corpusAvailable() ? false : `needs the hand-audited corpus at ${CORPUS_DIR} (not in the repository; CEK_CORPUS_DIR=/path/to/corpus names another folder)` }, () => {
  it(`agrees on at least ${REACHED} non-debatable cells (95% is the bar)`, () => {
    const cells = auditCells();
    const { agreed, total, percent } = agreement(cells);
    const disagreements = cells.filter((cell) => !cell.debatable && !cell.agrees).map((cell) => `${cell.file} ${cell.guideline}: auditor ${cell.auditor}, ours ${cell.ours}`);
    assert.ok(percent >= 95, `agreement ${agreed}/${total} is below 95%:\n${disagreements.join('\n')}`);
    assert.ok(agreed >= REACHED, `agreement fell from ${REACHED} to ${agreed}/${total}:\n${disagreements.join('\n')}`);
  });

  it('judges every guideline of every document (no silent skip)', () => {
    const cells = auditCells();
    assert.equal(cells.length, 18 * 18);
    assert.ok(cells.every((cell) => cell.reason !== ''), 'every status has a reason');
  });
});
