import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cadenceIn } from '../../server/src/engine/evidence/cadence';
import { readDate } from '../../server/src/engine/parse/dates';

describe('written cadences and dates', () => {
  it('reads cadences in months', () => {
    const cases: [string, number | undefined][] = [
      ['Annual', 12], ['reviewed at least annually', 12], ['Quarterly', 3], ['semi-annually', 6], ['Biennial', 24], ['biennially', 24],
      ['every two years', 24], ['every 2 years', 24], ['every 18 months', 18], ['once a year', 12], ['monthly', 1], ['12 months', 12],
      ['within 30 months of hire', undefined], ['as needed', undefined],
    ];
    for (const [text, months] of cases) assert.equal(cadenceIn(text)?.months, months, text);
  });

  it('a month without a day is a valid date that stands for the whole month', () => {
    assert.deepEqual(readDate('January 2026'), { kind: 'month', start: '2026-01-01', end: '2026-01-31' });
    assert.deepEqual(readDate('2024-02'), { kind: 'month', start: '2024-02-01', end: '2024-02-29' });
    assert.deepEqual(readDate('Feb. 2025'), { kind: 'month', start: '2025-02-01', end: '2025-02-28' });
  });
});
