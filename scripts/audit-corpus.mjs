// Agreement of the checker's requirement statuses with the hand-audited corpus (../shared/corpus/verdicts.json).
// Prints each disagreement, the agreement per guideline, and the total on the last line. Run `npm run audit:corpus`.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { auditCells, agreement, corpusAvailable, CORPUS_DIR } = require('../out/test/corpus/agreement.js');

if (!corpusAvailable()) {
  console.error(`audit:corpus: no corpus at ${CORPUS_DIR} (set CEK_CORPUS_DIR)`);
  process.exit(2);
}
const cells = auditCells();
for (const cell of cells.filter((candidate) => !candidate.agrees)) {
  console.log(`${cell.debatable ? 'debatable ' : 'DISAGREE  '} ${cell.file} ${cell.guideline}: auditor "${cell.auditor}", cek-policy "${cell.ours}". ${cell.reason}`);
}
const guidelines = [...new Set(cells.map((cell) => cell.guideline))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
console.log('\nPer guideline (non-debatable cells):');
for (const guideline of guidelines) {
  const { agreed, total } = agreement(cells.filter((cell) => cell.guideline === guideline));
  console.log(`  ${guideline.padEnd(12)} ${agreed}/${total}`);
}
const { agreed, total, percent } = agreement(cells);
console.log(`\nAgreement: ${agreed}/${total} non-debatable cells (${percent.toFixed(1)}%); debatable cells: ${cells.filter((cell) => cell.debatable).length}, of which ${cells.filter((cell) => cell.debatable && cell.agrees).length} agree`);

// Algorithm extraction against the hand labels (../shared/corpus/algorithms.json): found (same line and algorithm),
// parameter, stance and NIST status on the labels' date, firm and debatable labels apart.
const algorithms = require('../out/test/corpus/algorithms.js');
if (algorithms.algorithmLabelsAvailable()) {
  const measure = algorithms.measureAlgorithms(algorithms.ALGORITHMS_CORPUS_DIR);
  console.log('\nAlgorithm mentions (algorithms.json):');
  for (const miss of measure.misses) {
    const { label, got } = miss;
    const what = got ? `got ${got.algorithm} ${got.parameter ?? ''} ${got.stance}/${got.status}` : 'not found';
    console.log(`  ${label.debatable ? 'debatable' : 'MISS     '} ${miss.file}:${label.line} ${label.algorithm} ${label.parameter ?? ''} ${label.stance}/${label.nist_status}: ${what}`);
  }
  for (const [name, tally] of [['firm', measure.firm], ['debatable', measure.debatable]]) {
    const of = (part) => `${part}/${tally.labels} (${algorithms.share(part, tally.labels)})`;
    console.log(`  ${name.padEnd(9)} found ${of(tally.found)}, parameter ${of(tally.parameter)}, stance ${of(tally.stance)}, status ${of(tally.status)}`);
  }
  console.log(`  mentions no label names (same line and algorithm): ${measure.extra}`);
}
