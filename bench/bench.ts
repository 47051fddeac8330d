/**
 * `npm run bench`: our figures side by side with what users would run instead, in one run on one
 * machine, against the budgets of issue 12. A report, not a test: it exits 0 when a budget fails (and
 * says FAIL), and non-zero only when it could not measure (a server that does not answer, a bad input).
 *
 *   node --expose-gc out/bench/bench.js [--quick] [--only engine,lsp,cli] [--lsp open,change,requests,typing,busy,memory] [--markdown]
 *
 * `--lsp` picks editor figures (all by default). `CEK_BENCH_SERVER=path/to/dist/server.js` measures another build of
 * our server, e.g. the one before a change, built in another folder.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cliFigures, type CliRounds } from './cliFigures';
import { engineFigures, type EngineRounds } from './engineFigures';
import { LSP_GROUPS, lspFigures, type LspGroup, type LspRounds } from './lspFigures';
import { LoadLog, machine, markdownTable, printTable, verdict, type Figure } from './report';
import { packageVersion, ROOT } from './servers';

interface Plan {
  engine: EngineRounds;
  lsp: LspRounds;
  cli: CliRounds;
}

const FULL: Plan = {
  engine: { yaml: { 1000: 30, 5000: 15, 10000: 10, 20000: 7, 40000: 5 }, scaling: 5, markdown: 8 },
  lsp: { open: 20, change: 20, requests: 1000, anchorEvery: 5, typing: 20, busy: 1000, requestRuns: 3, memoryDocuments: 40 },
  cli: { sizes: [{ files: 1000, rounds: 9, warmup: 1 }, { files: 10000, rounds: 3, warmup: 0 }] },
};

/** The same figures from fewer runs: to check that the bench works, not to quote. */
const QUICK: Plan = {
  engine: { yaml: { 1000: 4, 5000: 3, 10000: 2, 20000: 2, 40000: 2 }, scaling: 2, markdown: 2 },
  lsp: { open: 4, change: 4, requests: 100, anchorEvery: 10, typing: 4, busy: 200, requestRuns: 1, memoryDocuments: 10 },
  cli: { sizes: [{ files: 1000, rounds: 2, warmup: 0 }, { files: 10000, rounds: 1, warmup: 0 }] },
};

const PARTS = ['engine', 'lsp', 'cli'] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' }, lsp: { type: 'string' }, markdown: { type: 'boolean' } } });
  const plan = values.quick ? QUICK : FULL;
  const parts = values.only ? values.only.split(',') : [...PARTS];
  if (parts.some((part) => !(PARTS as readonly string[]).includes(part))) throw new Error(`--only takes ${PARTS.join(', ')}`);
  const lspGroups = (values.lsp ? values.lsp.split(',') : [...LSP_GROUPS]) as LspGroup[];
  if (lspGroups.some((group) => !LSP_GROUPS.includes(group))) throw new Error(`--lsp takes ${LSP_GROUPS.join(', ')}`);
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') console.warn('warning: run with node --expose-gc, or garbage from one side is collected on the other side\'s clock');

  const load = new LoadLog();
  const log = (text: string) => console.log(text);
  const figures: Figure[] = [];
  let rssMethod: string | undefined;
  load.mark('start');
  if (parts.includes('engine')) {
    console.log('engine (in process):');
    figures.push(...await engineFigures(plan.engine, log));
    load.mark('engine');
  }
  if (parts.includes('lsp')) {
    console.log('language servers (LSP over stdio):');
    figures.push(...await lspFigures(plan.lsp, log, lspGroups));
    load.mark('lsp');
  }
  if (parts.includes('cli')) {
    console.log('CLI (one process per run):');
    const cli = await cliFigures(plan.cli, log);
    figures.push(...cli.figures);
    rssMethod = cli.method;
    load.mark('cli');
  }

  const description = machine();
  const anchors = { 'yaml-language-server': packageVersion('yaml-language-server'), 'markdownlint-cli2': packageVersion('markdownlint-cli2'), yaml: packageVersion('yaml'), 'mdast-util-from-markdown': packageVersion('mdast-util-from-markdown') };
  console.log(`\n${description.cpu}, ${description.cores} cores, ${description.memoryGiB} GiB, ${description.os}, Node ${description.node}; ` +
    `load average (1 min) ${load.entries.map((entry) => `${entry.phase} ${entry.loadavg1}`).join(', ')}${values.quick ? '; QUICK run: too few runs to quote' : ''}\n`);
  console.log(printTable(figures));
  if (values.markdown) console.log(`\n${markdownTable(figures)}`);
  const failed = figures.filter((figure) => verdict(figure) === 'FAIL');
  if (load.peak() > Number(description.cores)) console.log(`\nnote: the load average reached ${load.peak()} on ${description.cores} cores: other work competed; ratios of alternated runs hold better than absolute times`);
  console.log(failed.length > 0 ? `\nFAIL: ${failed.length} of ${figures.filter((figure) => figure.budget).length} budgets: ${failed.map((figure) => figure.label).join('; ')}` : '\nevery budget passes');

  const file = join(ROOT, 'bench', 'results.json');
  writeFileSync(file, JSON.stringify({
    date: new Date().toISOString(), quick: Boolean(values.quick), machine: description, load: load.entries, anchors,
    peakRss: rssMethod, figures: figures.map((figure) => ({ ...figure, verdict: verdict(figure) })),
  }, null, 2) + '\n');
  console.log(`results: ${file}`);
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(`bench could not measure: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(2);
});
