/**
 * CLI figures: wall time and peak RSS of `cek-policy check` against markdownlint-cli2 over the same
 * folders of small Markdown policies, one process per run, alternating A/B.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { smallMarkdownPolicy } from './generate';
import type { Figure } from './report';
import { packageDirectory, ROOT, TODAY } from './servers';
import { alternate, pairSamples, type Paired } from './stats';

const TIME = '/usr/bin/time';
const RSS_PRELOAD = join(ROOT, 'bench', 'maxrss-preload.cjs');

export interface CliRounds {
  /** Counted rounds (and warm-up rounds) per folder size. */
  sizes: { files: number; rounds: number; warmup: number }[];
}

export type RssMethod = '/usr/bin/time -v' | 'process.resourceUsage().maxRSS';

/**
 * GNU time's "Maximum resident set size" when it is installed and works, else a preload in the child
 * (CEK_BENCH_RSS=preload chooses the preload, to check that path).
 */
export function rssMethod(): RssMethod {
  if (process.env.CEK_BENCH_RSS === 'preload') return 'process.resourceUsage().maxRSS';
  try {
    accessSync(TIME, constants.X_OK);
    const probe = spawnSync(TIME, ['-v', process.execPath, '-e', ''], { encoding: 'utf8' });
    if (probe.status === 0 && /Maximum resident set size/.test(probe.stderr)) return '/usr/bin/time -v';
  } catch {
    // Not installed: fall back to the preload.
  }
  return 'process.resourceUsage().maxRSS';
}

interface Run {
  ms: number;
  /** Peak resident set size of the process, MB. */
  rssMB: number;
  /** User + system CPU ms of the process (from /usr/bin/time only, else NaN). */
  cpuMs: number;
  exitCode: number | null;
}

/** Runs `node ARGS` in `cwd` with output to /dev/null; wall time from spawn to exit, and peak RSS. */
function runNode(args: string[], cwd: string, method: RssMethod): Promise<Run> {
  const report = join(mkdtempSync(join(tmpdir(), 'cek-bench-rss-')), 'rss');
  const command = method === '/usr/bin/time -v'
    ? [TIME, '-v', '-o', report, process.execPath, ...args]
    : [process.execPath, '--require', RSS_PRELOAD, ...args];
  const sink = openSync('/dev/null', 'w');
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command[0], command.slice(1), { cwd, stdio: ['ignore', sink, sink], env: { ...process.env, CEK_BENCH_RSS_FILE: report, NO_COLOR: '1' } });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - start;
      closeSync(sink);
      const text = readFileSync(report, 'utf8');
      rmSync(dirname(report), { recursive: true, force: true });
      const kilobytes = method === '/usr/bin/time -v' ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1]) : Number(text);
      const seconds = (label: string) => Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(text)?.[1]);
      resolve({ ms, rssMB: kilobytes / 1024, cpuMs: (seconds('User') + seconds('System')) * 1000, exitCode: code });
    });
  });
}

/** `count` small Markdown policies, 100 to a folder, as a repository of policies would hold them. */
export function writeCorpus(count: number, root = mkdtempSync(join(tmpdir(), `cek-bench-cli-${count}-`))): string {
  for (let index = 0; index < count; index++) {
    const folder = join(root, `unit-${String(Math.floor(index / 100)).padStart(3, '0')}`);
    if (index % 100 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `policy-${String(index).padStart(5, '0')}.md`), smallMarkdownPolicy(index));
  }
  return root;
}

/** Both tools must have read every file: ours has a JSON result for each policy. */
function assertOursReadEverything(folder: string, count: number): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', '.', '--today', TODAY, '--format', 'json'], { cwd: folder, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`cek-policy check failed on the bench corpus (exit ${result.status}): ${result.stderr.slice(0, 500)}`);
  const files = new Set((JSON.parse(result.stdout) as { filePath: string }[]).map((entry) => entry.filePath));
  if (files.size !== count) throw new Error(`cek-policy reported on ${files.size} of ${count} bench files: the corpus no longer measures what it says`);
}

export async function cliFigures(rounds: CliRounds, log: (text: string) => void): Promise<{ figures: Figure[]; method: RssMethod }> {
  const method = rssMethod();
  const markdownlint = join(packageDirectory('markdownlint-cli2'), 'markdownlint-cli2-bin.mjs');
  const results = new Map<number, Paired & { rss: Paired; cpu: Paired }>();
  for (const { files, rounds: count, warmup } of rounds.sizes) {
    const folder = writeCorpus(files);
    try {
      assertOursReadEverything(folder, files);
      const ours: Run[] = [];
      const anchor: Run[] = [];
      const exits = (run: Run, name: string) => {
        if (run.exitCode !== 0 && run.exitCode !== 1) throw new Error(`${name} exited ${run.exitCode} on the bench corpus`);
        return run;
      };
      const timed = await alternate(count, warmup,
        async () => ours[ours.push(exits(await runNode([join(ROOT, 'dist', 'cli.js'), 'check', '.', '--today', TODAY], folder, method), 'cek-policy')) - 1].ms,
        async () => anchor[anchor.push(exits(await runNode([markdownlint, '**/*.md'], folder, method), 'markdownlint-cli2')) - 1].ms);
      // The warm-up runs are the first ones pushed; RSS and CPU use the counted runs, in the same pairs.
      const oursRss = ours.slice(-count).map((run) => run.rssMB);
      const anchorRss = anchor.slice(-count).map((run) => run.rssMB);
      const rss = pairSamples(oursRss, anchorRss);
      const cpu = pairSamples(ours.slice(-count).map((run) => run.cpuMs), anchor.slice(-count).map((run) => run.cpuMs));
      results.set(files, { ...timed, rss, cpu });
      log(`  CLI ${files} files: ${timed.a.median.toFixed(0)} ms, ${rss.a.median.toFixed(0)} MB vs ${timed.b.median.toFixed(0)} ms, ${rss.b.median.toFixed(0)} MB`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  const figures: Figure[] = [];
  for (const [files, paired] of results) {
    figures.push({
      id: `cli-wall-${files}`, label: `CLI wall time, ${files.toLocaleString('en')} small Markdown policies`, unit: 'ms',
      ours: paired.a.median, anchor: paired.b.median, anchorName: 'markdownlint-cli2', ratio: paired.ratio.median,
      budget: files === 1000 ? { on: 'ratio', max: 0.5 } : undefined,
      samples: { ours: paired.a, anchor: paired.b, ratio: paired.ratio, oursCpuMs: paired.cpu.a, anchorCpuMs: paired.cpu.b },
    }, {
      id: `cli-rss-${files}`, label: `CLI peak RSS, ${files.toLocaleString('en')} small Markdown policies`, unit: 'MB',
      ours: paired.rss.a.median, anchor: paired.rss.b.median, anchorName: 'markdownlint-cli2', ratio: paired.rss.ratio.median,
      budget: files === 10000 ? { on: 'ratio', max: 1 } : undefined,
      samples: { ours: paired.rss.a, anchor: paired.rss.b, ratio: paired.rss.ratio, method },
    });
  }
  return { figures, method };
}
