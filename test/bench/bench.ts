/**
 * `npm run bench`: the cost of a full check of a 5,000-line policy against the raw `yaml` parse of it
 * (budget: 2x), and of a hover (budget: 5 ms). Figures, not a pass/fail test: it never runs under `npm test`.
 */
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { mergeConfig } from '../../server/src/engine/config/config';
import { checkText } from '../../server/src/engine/engine';
import { parseMarkdown } from '../../server/src/engine/parse/markdown';
import { ROOT } from '../helpers/ruleTester';
import { analyze, ConfigStore } from '../../server/src/features/analysis';
import { completion } from '../../server/src/features/completion';
import { hover } from '../../server/src/features/hover';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TODAY = '2026-11-24';

/** The compliant example with its roles repeated until the document is `lines` long. */
export function largePolicy(lines: number): string {
  const base = readFileSync(join(ROOT, 'examples', 'key-management-policy.yaml'), 'utf8');
  const out = [base.trimEnd()];
  let count = base.split('\n').length;
  for (let index = 0; count < lines; index++) {
    out.push(
      `  - id: extra-role-${index}`,
      `    title: Extra Role ${index} # cek-policy benchmark filler, CEK-02`,
      `    assignee: Team ${index}`,
      '    responsibilities: [key-rotation, key-revocation]',
      '    alternates: [policy-owner]',
      '    trained: 2026-02-01',
      '    reviewed: 2026-05-04',
    );
    count += 7;
  }
  return out.join('\n') + '\n';
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(label: string, runs: number, action: () => void): number {
  for (let i = 0; i < 5; i++) action();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    action();
    times.push(performance.now() - start);
  }
  const result = median(times);
  console.log(`${label.padEnd(44)} median ${result.toFixed(2).padStart(8)} ms  (min ${Math.min(...times).toFixed(2)}, ${runs} runs)`);
  return result;
}

export function runBench(): { ratio: number } {
  const text = largePolicy(5000);
  const config = mergeConfig({});
  console.log(`policy: ${text.split('\n').length} lines, ${(text.length / 1024).toFixed(0)} KiB`);
  const raw = measure('raw yaml parseDocument', 30, () => parseDocument(text));
  const full = measure('full check (parse, model, all rules)', 30, () => checkText(text, 'bench.yaml', { today: TODAY, config }));
  const ratio = full / raw;
  console.log(`ratio full/raw: ${ratio.toFixed(2)} (budget 2.00) ${ratio <= 2 ? 'OK' : 'OVER BUDGET'}`);
  const markdown = `---\nkind: crypto-policy\n---\n\n${Array.from({ length: 1000 }, (_, i) => `## Section ${i}\n\nKeys are rotated every 90 days by the KMS (CEK-01).\n`).join('\n')}`;
  const rawMarkdown = measure('raw markdown parse (5,000 lines)', 10, () => parseMarkdown(markdown));
  const fullMarkdown = measure('full check of the Markdown policy', 10, () => checkText(markdown, 'bench.md', { today: TODAY, config }));
  console.log(`markdown ratio full/parse: ${(fullMarkdown / rawMarkdown).toFixed(2)}`);
  // Hover answers from the cached analysis of the current version, as the server does.
  const analysis = analyze('file:///bench/policy.yaml', 1, text, 'yaml', new ConfigStore(), TODAY)!;
  const hoverTime = measure('hover on CEK-01 (5,000-line policy)', 200, () => hover(analysis, { line: 6, character: 13 }));
  console.log(`hover: ${hoverTime.toFixed(3)} ms (budget 5 ms) ${hoverTime <= 5 ? 'OK' : 'OVER BUDGET'}`);
  const completionTime = measure('completion in responsibilities', 200, () => completion(analysis, { line: 42, character: 23 }));
  console.log(`completion: ${completionTime.toFixed(3)} ms`);
  return { ratio };
}

if (require.main === module) runBench();
