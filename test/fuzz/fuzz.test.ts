import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkConfigProperties, checkDocumentProperties, checkSettingsProperties, fuzzConfig, fuzzDocument, fuzzSettings } from './properties';

/** A fixed-seed sample of the properties `npm run fuzz` runs 100,000 times: the same cases on every run. */
const SEED = 20261124;

describe('property tests (fast-check, fixed seed)', () => {
  it('documents: no throw, bounded time, ranges on boundaries, determinism, safe fixes (600 cases)', () => {
    fc.assert(fc.property(fuzzDocument, (document) => {
      checkDocumentProperties(document);
    }), { numRuns: 600, seed: SEED });
  });

  it('.cekpolicy.yaml: never throws, problems inside the file (1,200 cases)', () => {
    fc.assert(fc.property(fuzzConfig, (text) => checkConfigProperties(text)), { numRuns: 1_200, seed: SEED });
  });

  it('editor settings of every type: never throw, always the declared shape (1,200 cases)', () => {
    fc.assert(fc.property(fuzzSettings, (raw) => checkSettingsProperties(raw)), { numRuns: 1_200, seed: SEED });
  });
});
