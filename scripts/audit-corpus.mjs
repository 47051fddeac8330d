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
