/**
 * `npm run bench:safety`, issue 23 (engine half): each hostile family through the real CLI (a child process, so a
 * case that still hung would show as a timeout, and its peak memory is the process's), beside the figures of the
 * code before the change (measured the same way on the same 2-core machine while it was busy with other work, so
 * they are high by up to 2–4× for the cases that finished; a minute is the
 * timeout of that measurement, "≥ 60 s" a run it stopped).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as hostile from './hostile';

const CLI = join(process.cwd(), 'dist', 'cli.js');
const TIMEOUT_MS = 120_000;

interface Family {
  label: string;
  before: string;
  files: () => Record<string, string>;
}

const markdown = (make: (size: number) => string, size: number) => () => ({ 'p.md': make(size) });
const yaml = (make: (size: number) => string, size: number) => () => ({ 'p.yaml': make(size) });

const FAMILIES: Family[] = [
  { label: 'suppression (until …) + 300,000 spaces', before: '≥ 60 s (killed)', files: yaml(hostile.untilSpaces, 300_000) },
  { label: 'Markdown title id of 100,000 characters', before: '27.1 s, 63 MB', files: markdown(hostile.longTitleId, 100_000) },
  {
    label: 'files: glob of 12 stars, one 200-character name',
    before: '≥ 60 s (killed)',
    files: () => {
      const { glob, fileName } = hostile.starGlob(12);
      return { '.cekpolicy.yaml': `files: ['${glob}']\n`, [fileName]: 'x: 1\n' };
    },
  },
  { label: '300,000 YAML comments', before: '4.1 s, 223 MB, internal error (stack), exit 2', files: yaml(hostile.yamlComments, 300_000) },
  { label: '300,000 HTML comments', before: '4.5 s, 436 MB, internal error (stack), exit 2', files: markdown(hostile.htmlComments, 300_000) },
  { label: 'Markdown table of 300,000 rows', before: '26.1 s, 1,154 MB, internal error (stack)', files: markdown(hostile.tableRows, 300_000) },
  {
    label: 'catalog of 30,000 invalid entries',
    before: '4.9 s, 108 MB, "cannot read config", exit 2, no policy checked',
    files: () => ({ '.cekpolicy.yaml': 'catalogs: [cat.json]\n', 'cat.json': hostile.badCatalog(30_000), 'p.yaml': hostile.policyYaml() }),
  },
  {
    label: 'catalog of 2,000 invalid entries',
    before: '3.6 s, 84 MB, 10,000 warning lines (874 KB)',
    files: () => ({ '.cekpolicy.yaml': 'catalogs: [cat.json]\n', 'cat.json': hostile.badCatalog(2_000), 'p.yaml': hostile.policyYaml() }),
  },
  { label: '30,000 links in one paragraph', before: '58.1 s, 116 MB', files: markdown(hostile.links, 30_000) },
  { label: 'brackets nested 30,000 deep', before: '6.5 s, 61 MB', files: markdown(hostile.brackets, 30_000) },
  { label: '30,000 backtick pairs in one paragraph', before: '6.4 s, 86 MB', files: markdown(hostile.backticks, 30_000) },
  { label: 'table of 30,000 columns', before: '≥ 60 s (killed)', files: markdown(hostile.tableColumns, 30_000) },
  { label: '1,300,000 one-word paragraphs', before: '≥ 60 s (killed), 1.4 GB in the issue', files: markdown(hostile.paragraphs, 1_300_000) },
];

function run(family: Family): string {
  const directory = mkdtempSync(join(tmpdir(), 'cek-bench-hostile-'));
  let bytes = 0;
  for (const [name, text] of Object.entries(family.files())) {
    writeFileSync(join(directory, name), text);
    bytes += Buffer.byteLength(text);
  }
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, CLI, 'check', '.', '--format', 'json', '--today', '2026-11-24'], { cwd: directory, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 1024 * 1024 * 1024 });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.error || result.signal) return `| ${family.label} | ${(bytes / 1024).toFixed(0)} KB | ${family.before} | ≥ ${TIMEOUT_MS / 1000} s (killed) |`;
  const peak = Number(result.stderr.trim().split('\n').pop()) / 1024;
  const rules = new Map<string, number>();
  // ESLint's results (`check --format json`): one per policy, its messages.
  for (const checked of JSON.parse(result.stdout) as { messages: { ruleId: string }[] }[]) {
    for (const message of checked.messages) rules.set(message.ruleId, (rules.get(message.ruleId) ?? 0) + 1);
  }
  const top = [...rules.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([rule, count]) => `${rule} ×${count.toLocaleString('en')}`).join(', ') || 'no finding';
  return `| ${family.label} | ${(bytes / 1024).toFixed(0)} KB | ${family.before} | ${seconds} s, ${Number.isFinite(peak) ? `${peak.toFixed(0)} MB` : 'n/a'}, exit ${result.status}: ${top} |`;
}

export function runEngineWorstCases(): void {
  console.log('\nIssue 23, engine half: `cek-policy check` of each hostile input (peak memory of the process)\n');
  console.log('| input | size | before | now |\n|---|---|---|---|');
  for (const family of FAMILIES) console.log(run(family));
}

if (require.main === module) runEngineWorstCases();
