import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { algorithmLabelsAvailable, ALGORITHMS_CORPUS_DIR, measureAlgorithms, share } from './algorithms';

/** Reached on the hand labels: the test fails if a change lowers extraction below the bar or below what was reached. */
const BAR = 0.95;
const REACHED = { found: 370, stance: 370, status: 370 };

describe('algorithm extraction against the hand labels (algorithms.json)', { skip: algorithmLabelsAvailable() ? false : `no corpus at ${ALGORITHMS_CORPUS_DIR}` }, () => {
  it('finds at least 95% of the firm mentions and reads at least 95% of their stances', () => {
    const { firm, misses } = measureAlgorithms(ALGORITHMS_CORPUS_DIR);
    const report = misses.filter((miss) => !miss.label.debatable).map((miss) => `${miss.file}:${miss.label.line} ${miss.label.algorithm} ${miss.label.parameter ?? ''} ${miss.label.stance}/${miss.label.nist_status} -> ${miss.got ? `${miss.got.parameter ?? ''} ${miss.got.stance}/${miss.got.status}` : 'missing'}`).join('\n');
    assert.ok(firm.found / firm.labels >= BAR, `found ${share(firm.found, firm.labels)}\n${report}`);
    assert.ok(firm.stance / firm.labels >= BAR, `stance ${share(firm.stance, firm.labels)}\n${report}`);
    assert.ok(firm.found >= REACHED.found && firm.stance >= REACHED.stance && firm.status >= REACHED.status, `fell below ${JSON.stringify(REACHED)}: ${JSON.stringify(firm)}\n${report}`);
  });
});
