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

// CEK-03..CEK-21 (../shared/corpus/domain-verdicts.json): each document checked on its review day (verdicts.json
// `_today`, else 2026-11-24); agreement on firm (non-debatable) cells, met against a gap (partial or not met) and exact.
const { domainCells, domainAgreement, domainVerdictsAvailable } = require('../out/test/corpus/domain.js');
if (domainVerdictsAvailable()) {
  const domain = domainCells();
  console.log('\nCEK-03..CEK-21: cells where the status differs from the auditor\'s:');
  for (const cell of domain.filter((candidate) => !candidate.exact)) {
    const kind = cell.debatable ? 'debatable ' : cell.metVsGap ? 'PARTIAL   ' : 'DISAGREE  ';
    console.log(`${kind} ${cell.file} ${cell.control}: auditor "${cell.auditor}", cek-policy "${cell.ours}". ${cell.reason}`);
  }
  console.log('\nPer control (firm cells): met-vs-gap, exact');
  for (const control of [...new Set(domain.map((cell) => cell.control))].sort()) {
    const { metVsGap, exact, total } = domainAgreement(domain.filter((cell) => cell.control === control));
    console.log(`  ${control}  ${metVsGap.toFixed(0).padStart(3)}%  ${exact.toFixed(0).padStart(3)}%  (${total} firm cells)`);
  }
  const { metVsGap, exact, total } = domainAgreement(domain);
  console.log(`\nCEK-03..CEK-21 agreement on ${total} firm cells: met-vs-gap ${metVsGap.toFixed(1)}%, exact ${exact.toFixed(1)}% (bars: 90% and 85%); debatable cells: ${domain.filter((cell) => cell.debatable).length}`);
}

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
