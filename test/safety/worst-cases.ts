/**
 * `npm run bench:safety`: the worst inputs known (issue 9), each timed through the real engine, with the heap it
 * left behind. Figures, not a pass/fail test: it never runs under `npm test` (no timing is asserted there).
 */
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkDocument, checkText } from '../../server/src/engine/engine';
import { fixAll } from '../../server/src/engine/fixes/fixes';
import { documentFromSource } from '../../server/src/engine/parse/document';
import { DOCUMENT_TIME_BUDGET_MS, MAX_POLICY_BYTES } from '../../server/src/engine/parse/limits';
import { readSource } from '../../server/src/engine/parse/source';
import { example } from '../helpers/ruleTester';
import { runIoCases } from './ioCases';
import { runEngineWorstCases } from './engineWorstCases';

const TODAY = '2026-11-24';
const yaml = example('key-management-policy.yaml');
const head = yaml.slice(0, yaml.indexOf('roles:'));

function role(index: number, alternates: string, style: 'block' | 'flow' = 'block', id = `role-${index}`): string {
  if (style === 'flow') return `  - {id: ${id}, assignee: Team ${index}, responsibilities: [key-rotation], alternates: ${alternates}, trained: 2026-02-01, reviewed: 2026-05-04}`;
  return `  - id: ${id}\n    assignee: Team ${index}\n    responsibilities: [key-rotation]\n    alternates: ${alternates}\n    trained: 2026-02-01\n    reviewed: 2026-05-04`;
}

function policyWithRoles(count: number, make: (index: number) => string): string {
  return `${head}roles:\n${Array.from({ length: count }, (_, index) => make(index)).join('\n')}\n`;
}

/** The check of a text, with every finding's fixes looked at (as the CLI's output and code actions do). */
function fullCheck(text: string, fileName: string) {
  const result = checkText(text, fileName, { today: TODAY });
  let fixes = 0;
  for (const finding of result.findings) fixes += (finding.fix ? 1 : 0) + (finding.suggestions?.length ?? 0);
  return { findings: result.findings.length, fixes, rules: result.findings.map((finding) => finding.rule) };
}

const gc = (globalThis as { gc?: () => void }).gc;

function measure(label: string, bytes: number, action: () => string): void {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const outcome = action();
  const ms = performance.now() - started;
  const heap = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  console.log(`| ${label} | ${(bytes / 1024).toFixed(0)} KB | ${ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`} | ${gc ? `${heap.toFixed(0)} MB` : 'n/a'} | ${outcome} |`);
}

function summary(text: string, fileName: string): string {
  const { findings, fixes, rules } = fullCheck(text, fileName);
  const counts = new Map<string, number>();
  for (const rule of rules) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([rule, count]) => `${rule} ×${count.toLocaleString('en')}`).join(', ');
  return `${findings.toLocaleString('en')} findings (${top}), ${fixes.toLocaleString('en')} fixes offered`;
}

export function runWorstCases(): void {
  console.log(`cek-policy worst cases (time budget per document in the server: ${DOCUMENT_TIME_BUDGET_MS} ms; the engine below runs without it)\n`);
  console.log('| input | size | time | heap after | outcome |\n|---|---|---|---|---|');

  const unknownAlternates = policyWithRoles(20_000, (index) => role(index, `[nobody-${index}]`));
  measure('20,000 roles with unknown alternates', unknownAlternates.length, () => summary(unknownAlternates, 'roles.yaml'));

  const duplicates = policyWithRoles(20_000, (index) => role(index, '[role-1]', 'block', `role-${index % 10_000}`));
  measure('20,000 roles, every id twice', duplicates.length, () => summary(duplicates, 'dup.yaml'));

  const longId = 'x'.repeat(20_000);
  const longIds = policyWithRoles(40, (index) => role(index, `[${longId}${index}y]`, 'block', `${longId}${index}`));
  measure('40 roles with 20,000-character ids, near-miss alternates', longIds.length, () => summary(longIds, 'long.yaml'));

  const nearMisses = policyWithRoles(500, (index) => role(index, `[rol-${index}]`));
  measure('500 roles, each alternate a near miss (did-you-mean)', nearMisses.length, () => summary(nearMisses, 'near.yaml'));

  const flow = policyWithRoles(18_000, (index) => role(index, `[role-${(index + 1) % 18_000}]`, 'flow'));
  measure('18,000 flow-style roles', flow.length, () => summary(flow, 'flow.yaml'));

  const untrained = policyWithRoles(3_000, (index) => role(index, `[role-${(index + 1) % 3_000}]`).replace('    trained: 2026-02-01\n', '    trained:\n'));
  measure('3,000 roles with an empty trained: (3,000 suggestions vetted)', untrained.length, () => summary(untrained, 'untrained.yaml'));
  measure('  the same, fix-all (CLI --fix)', untrained.length, () => {
    const fixed = fixAll(untrained, (text) => checkText(text, 'untrained.yaml', { today: TODAY }).findings);
    return `${fixed.fixed} fixes in ${fixed.passes} passes`;
  });

  const brackets = 'kind: crypto-policy\nx: ' + '['.repeat(10_000) + '\n';
  measure('YAML: 10,000 nested [', brackets.length, () => summary(brackets, 'deep.yaml'));
  const indented = 'kind: crypto-policy\n' + Array.from({ length: 3_000 }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n') + '\n';
  measure('YAML: 3,000 levels of indentation', indented.length, () => summary(indented, 'indent.yaml'));
  const bomb = ['kind: crypto-policy', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...Array.from({ length: 8 }, (_, level) => `${String.fromCharCode(98 + level)}: &${String.fromCharCode(98 + level)} [${Array(9).fill(`*${String.fromCharCode(97 + level)}`).join(',')}]`)].join('\n') + '\n';
  measure('YAML: alias bomb (9 levels of 9)', bomb.length, () => summary(bomb, 'bomb.yaml'));

  const front = '---\nkind: crypto-policy\n---\n\n';
  const quote = front + '>'.repeat(5_000) + ' deep\n';
  measure('Markdown: block quote nested 5,000 deep', quote.length, () => summary(quote, 'quote.md'));
  const list = front + Array.from({ length: 800 }, (_, level) => `${'  '.repeat(level)}- item ${level}\n`).join('');
  measure('Markdown: list nested 800 deep', list.length, () => summary(list, 'list.md'));
  const list60 = front + Array.from({ length: 60 }, (_, level) => `${'  '.repeat(level)}- item ${level}\n`).join('');
  measure('Markdown: list nested 60 deep (under the limit)', list60.length, () => summary(list60, 'list60.md'));
  const emphasis = front + '*a '.repeat(4_000) + 'b' + '*'.repeat(4_000) + '\n';
  measure('Markdown: 8,000 emphasis markers in a paragraph', emphasis.length, () => summary(emphasis, 'emphasis.md'));
  const emphasisLimit = front + '*a '.repeat(500) + 'b' + '*'.repeat(500) + '\n';
  measure('Markdown: 1,000 emphasis markers (at the limit)', emphasisLimit.length, () => summary(emphasisLimit, 'emphasis1k.md'));

  const roleBytes = role(99_999, '[role-99999]').length + 1;
  const fourMb = policyWithRoles(Math.floor((MAX_POLICY_BYTES - head.length - 64) / roleBytes), (index) => role(index, `[role-${(index + 1) % 20_000}]`));
  measure('YAML policy just under 4 MB', fourMb.length, () => summary(fourMb, 'big.yaml'));
  const markdownBig = front + '# Policy\n\n' + 'Keys are rotated every 90 days by the KMS (CEK-01), and **logged**.\n\n'.repeat(14_000);
  measure('Markdown policy of 1 MB', markdownBig.length, () => summary(markdownBig, 'big.md'));

  const directory = mkdtempSync(join(tmpdir(), 'cek-worst-'));
  const sparse = join(directory, 'sparse.yaml');
  writeFileSync(sparse, 'kind: crypto-policy\n');
  truncateSync(sparse, 1024 * 1024 * 1024);
  measure('a 1 GB file (sparse) from disk: refused by fstat', 1024 * 1024 * 1024, () => checkDocument(documentFromSource(readSource(sparse, MAX_POLICY_BYTES), sparse), { today: TODAY }).findings[0].message);
  measure('/dev/zero named: refused unread', 0, () => checkDocument(documentFromSource(readSource('/dev/zero', MAX_POLICY_BYTES), '/dev/zero'), { today: TODAY, force: true }).findings[0].message);
}

if (require.main === module) {
  runWorstCases();
  runEngineWorstCases();
  void runIoCases();
}
