import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { inline } from '../../server/src/engine/report/html';
import { documentIdsIn } from '../../server/src/engine/sets/references';

/** The scans that replaced patterns a ReDoS analyser flags read exactly what the patterns read (merge of issues 22-26). */
describe('scanners in place of flagged patterns', () => {
  const text = (alphabet: string[], maxLength: number) => fc.array(fc.constantFrom(...alphabet), { maxLength }).map((chars) => chars.join(''));

  it('document ids in a text (policy sets): as /\\b[A-Z][A-Z0-9]{1,9}(?:[-_][A-Z0-9]{1,10}){1,4}\\b/g', () => {
    const pattern = /\b[A-Z][A-Z0-9]{1,9}(?:[-_][A-Z0-9]{1,10}){1,4}\b/g;
    fc.assert(fc.property(text(['A', 'K', 'M', 'P', 'Z', '0', '1', '4', '9', '-', '_', ' ', 'x', '.'], 80), (input) => {
      assert.deepEqual(documentIdsIn(input).map(({ id, index }) => `${index}:${id}`), [...input.matchAll(pattern)].map((match) => `${match.index}:${match[0]}`));
    }), { numRuns: 20_000 });
    assert.deepEqual(documentIdsIn('see KM-PROC-4, POL-011 and SEC_STD_2x; ABCDEFGHIJK-1'), [{ id: 'KM-PROC-4', index: 4 }, { id: 'POL-011', index: 15 }]);
  });

  it('inline code in the HTML report: as /`([^`\\n]+)`/g', () => {
    fc.assert(fc.property(text(['`', 'a', ' ', '\n', '<'], 40), (input) => {
      // The report escapes first (no backtick is escaped), then marks up: compare on the text without markup.
      const marked = inline(input);
      const plain = input.replace(/`([^`\n]+)`/g, '\u0001$1\u0002');
      assert.equal(marked.replace(/<code>/g, '\u0001').replace(/<\/code>/g, '\u0002').replace(/&#60;/g, '<'), plain);
    }), { numRuns: 20_000 });
  });
});
