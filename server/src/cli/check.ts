import { availableParallelism } from 'node:os';
import { closeSync, mkdirSync, openSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { systemToday } from '../clock';
import { debugs } from '../debugTopics';
import { LineIndex } from '../engine/parse/text';
import type { Source } from '../engine/parse/source';
import { composeComplianceReport } from '../engine/report/compliance';
import { escapeControls } from '../engine/report/escape';
import type { ComplianceReport, DocumentReport } from '../engine/report/types';
import { rules } from '../engine/rules';
import { PACKAGE_VERSION, projectWebUrl } from '../packageInfo';
import { DEFAULT_CACHE_FILE, ResultCache } from './cache';
import type { CheckContext, FileJob, FileOutcome, FixMode } from './checkFile';
import { contextResolver, type ConfigResolver } from './configs';
import { parseProfileName } from '../engine/crypto/judge';
import { BUILTIN_PROFILES } from '../engine/crypto/profiles';
import { CbomRun } from './cbomRun';
import type { CbomSetting } from '../engine/config/config';
import { describeError, expandTargets, findRepositoryRoot, UsageError } from './files';
import type { LoadedConfig } from '../engine/config/workspace';
import { capPerRule, CompactWriter, DEFAULT_MAX_PER_RULE, GithubWriter, JsonWriter, JunitWriter, openFindings, TextWriter, type OutputWriter, type ShownFile } from './output';
import { BaselineRun } from './baselineRun';
import { configFileShape } from '../engine/config/config';
import { checkInOrder } from './pool';
import { Progress } from './progress';
import { formatReport, repositoryLinks, REPORT_FORMATS as REPORT_FORMAT_NAMES } from './report';
import { renderHtml } from '../engine/report/html';
import { SarifWriter, type SarifNotification } from './sarif';

export interface Io {
  /** Writes one line (or block) to standard output; a line break is added when it does not end with one. */
  stdout: (text: string) => void;
  /** Writes to standard output as is. */
  write: (chunk: string) => void;
  /** Writes one line to standard error. */
  stderr: (text: string) => void;
  /** Writes to standard error as is (the progress line). */
  writeStderr: (chunk: string) => void;
  /** Standard input, read no further than the policy size limit, checked as a file is. */
  readStdin: () => Source;
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The script a worker thread runs (the CLI entry). */
  workerScript: string;
}

export const CHECK_FORMATS = ['text', 'compact', 'json', 'sarif', 'github', 'junit'] as const;

/** Report formats by name: a new format is one entry here. */
export const REPORT_FORMATS: Record<string, (report: ComplianceReport) => string> = Object.fromEntries(REPORT_FORMAT_NAMES.map((name) => [name, (report: ComplianceReport) => formatReport(report, name)]));

/** Options shared by `check` and `report`: which files, which config, where the output goes, how many threads. */
export interface InputOptions {
  today?: string;
  /** --profile: the cryptography profile, over the policy's and the config's. */
  profile?: string;
  config?: string;
  policy: string[];
  ignore: boolean;
  errorOnUnmatched: boolean;
  stdinFilename?: string;
  outputFile?: string;
  quiet?: boolean;
  /** Threads that check files, the main thread included; by default one per megabyte of files, up to the number of cores. */
  jobs?: number;
}

export interface CheckOptions extends InputOptions {
  format: (typeof CHECK_FORMATS)[number];
  fix?: boolean;
  fixDryRun?: boolean;
  maxWarnings?: number;
  basePath?: string;
  sarifCategory?: string;
  color?: boolean;
  cache?: boolean;
  cacheLocation?: string;
  /** Findings of one rule listed per file; the rest are counted in one (0: all). Else `max_per_rule:`, else the default. */
  maxPerRule?: number;
  /** --cbom: a CycloneDX 1.6 BOM whose cryptographic assets are compared with the checked policies. */
  cbom?: string;
  /** --baseline FILE: report only findings the baseline does not hold (default: the baseline beside the config, if any). */
  baseline?: string;
  /** --baseline-write [FILE]: record today's findings as the baseline. */
  baselineWrite?: string | true;
  /** --print-config FILE: print the configuration that applies to FILE and stop. */
  printConfig?: string;
}

export interface ReportOptions extends InputOptions {
  format: string;
  /** Exit 1 when a requirement of a judged control has this status or a worse one. */
  failOn?: FailOn;
  /** HTML: file:line evidence links to `<baseUrl>/<file>#L<line>` (a repository's web view). */
  baseUrl?: string;
}

/** `report --fail-on`: a status and every worse one fail the run (not-assessed < partial < not-met). */
export const FAIL_ON = ['not-met', 'partial', 'not-assessed'] as const;
export type FailOn = (typeof FAIL_ON)[number];

const STDIN = '-';
/**
 * Default --jobs only: a thread per this many bytes to check, up to the number of cores. A worker thread loads the
 * CLI and warms up its own copy of the engine (the first hundred small policies of a thread check several times
 * slower than the rest), which costs about what checking a megabyte of small policies costs: below that, the main
 * thread alone finishes first (by hand, alternated, on 2 cores: 300 small policies, 0.5 MB, 1.48 s alone and 1.70 s
 * with a worker; 1,000, 1.6 MB, 3.7 s and 3.9 s).
 */
const BYTES_PER_THREAD = 1024 * 1024;
/** Output to a file or a pipe goes out in chunks of about this size; to a terminal, file by file. */
const FLUSH_BYTES = 64 * 1024;

/** A run's files and what came up before any was checked. */
interface Plan {
  jobs: FileJob[];
  /** --config, made absolute once: the main thread's resolver and each worker's read the same file. */
  configFile?: string;
  configs: ConfigResolver;
  /** Files that could not be read or checked (filled as the run goes). */
  notifications: SarifNotification[];
  /** Catalogs that could not be used. */
  catalogWarnings: SarifNotification[];
  failed: boolean;
}

export async function runCheck(patterns: string[], options: CheckOptions, io: Io): Promise<number> {
  if (options.fix && options.fixDryRun) throw new UsageError('--fix and --fix-dry-run do not go together: choose one');
  if (options.fix && [...patterns, ...options.policy].includes(STDIN)) throw new UsageError('--fix cannot write back to standard input; use --fix-dry-run to print the fixed text');
  if (options.fixDryRun && options.format === 'sarif') throw new UsageError('--fix-dry-run prints JSON or text, not SARIF');
  const fixMode: FixMode = options.fix ? 'write' : options.fixDryRun ? 'dry-run' : 'none';
  const terminal = new Terminal(io);
  if (options.printConfig !== undefined) return printConfig(options.printConfig, options, io, terminal);
  if (options.baseline !== undefined && options.baselineWrite !== undefined) throw new UsageError('--baseline reads a baseline and --baseline-write records one: choose one');
  // `--baseline-write [FILE]` takes the next word when there is one: `check --baseline-write policies` means the
  // folder to check, not a baseline named "policies" (a baseline is a .json file).
  if (typeof options.baselineWrite === 'string' && !options.baselineWrite.toLowerCase().endsWith('.json')) {
    patterns = [...patterns, options.baselineWrite];
    options = { ...options, baselineWrite: true };
  }
  let cbom = options.cbom !== undefined ? CbomRun.open(options.cbom, io.cwd, (line) => terminal.say(line)) : undefined;
  if (cbom === null) return 2;
  const plan = prepare(patterns, options, io, terminal);
  if (!plan) return 2;
  if (options.cbom === undefined) {
    const configured = configuredCbom(plan, io, terminal);
    if (configured === null) return 2;
    cbom = configured;
  }
  const baseline = BaselineRun.open(options, io, plan.configFile, (line) => terminal.say(line));
  if (baseline === 'failed') return 2;
  // Never for --fix: a fixed file is a new file, and the next run checks it anyway.
  const cache = options.cache && fixMode === 'none' ? ResultCache.open(options.cacheLocation ?? DEFAULT_CACHE_FILE, io.cwd) : undefined;
  if (cache) for (const job of plan.jobs) if (!job.stdin) job.cachedKey = cache.keyFor(job.path);

  const sink = Sink.open(options.outputFile, io, terminal);
  if (!sink) return 2;
  const writer = outputWriter(options, io, sink, baseline !== undefined);
  let errors = 0;
  let warnings = 0;
  await checkFiles(plan, { command: 'check', fixMode, today: options.today, ...(options.profile ? { profile: options.profile } : {}), cache: Boolean(cache), fingerprints: options.format === 'sarif' || Boolean(cache) || baseline !== undefined, cwd: io.cwd }, options, io, terminal, cache, (file, checked, path) => {
    let outcome = baseline ? baseline.apply(file, checked) : checked;
    // The policy's approvals that nothing in the BOM uses, on its own lines.
    if (cbom && outcome.isPolicy && path !== STDIN) {
      const unused = cbom.policy({ ...file, absolutePath: path }, plan.configs.resolve(path).loaded, options.today);
      if (unused.length > 0) outcome = { ...outcome, findings: [...outcome.findings, ...unused].sort((a, b) => a.region.charOffset - b.region.charOffset) };
    }
    for (const finding of openFindings(outcome)) {
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
    }
    // --quiet shows errors only (ESLint); warnings still count towards --max-warnings.
    const shownFindings = options.quiet ? outcome.findings.filter((finding) => finding.severity === 'error') : outcome.findings;
    const cap = options.maxPerRule ?? plan.configs.forFile(path).config.maxPerRule ?? DEFAULT_MAX_PER_RULE;
    writer.file(file, { ...outcome, findings: capPerRule(shownFindings, cap) });
    sink.fileDone();
  });
  // The BOM's assets no policy allows, on the BOM's components: after the last policy (their approvals count together).
  const bom = cbom?.finish();
  if (bom) {
    for (const finding of openFindings(bom.outcome)) {
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
    }
    writer.file(bom.file, options.quiet ? { ...bom.outcome, findings: bom.outcome.findings.filter((finding) => finding.severity === 'error') } : bom.outcome);
  }
  writer.end([...plan.notifications, ...plan.catalogWarnings]);
  if (baseline && !baseline.finish()) return 2;
  if (cache) {
    const problem = cache.save();
    if (problem) terminal.say(`cek-policy: warning: cannot write the cache ${shown(cache.file, io)}: ${problem}`);
    if (debugs(io.env, 'cache')) {
      terminal.say(`cek-policy: cache: ${cache.hits} of ${plan.jobs.length} file${plan.jobs.length === 1 ? '' : 's'} from ${shown(cache.file, io)}${cache.discarded ? ' (the file there was not a valid cache: ignored and rewritten)' : ''}`);
    }
  }
  if (!sink.close()) return 2;
  if (cbom) reportCbom(cbom, terminal);

  if (plan.failed) return 2;
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    terminal.say(`cek-policy: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings} allows`);
    return 1;
  }
  return 0;
}

/**
 * Without --cbom, the BOM that `cbom:` in the configuration names (relative to it, inside its folder), when the
 * checked files' configurations agree on one; `null` (exit 2) when it cannot be used.
 */
function configuredCbom(plan: Plan, io: Io, terminal: Terminal): CbomRun | null | undefined {
  const named = new Map<string, CbomSetting>();
  for (const job of plan.jobs) {
    const setting = plan.configs.resolve(job.path).loaded.config.cbom;
    if (setting) named.set(setting.file, setting);
  }
  if (named.size === 0) return undefined;
  if (named.size > 1) {
    terminal.say(`cek-policy: warning: the configurations name ${named.size} BOMs (${[...named.keys()].map((file) => shown(file, io)).join(', ')}); none is compared: give --cbom FILE to choose one`);
    return undefined;
  }
  const [setting] = named.values();
  return CbomRun.open(shown(setting.file, io), io.cwd, (line) => terminal.say(line), setting.root);
}

/** Policy against practice, once the output is written: what was read and compared, on standard error. */
function reportCbom(cbom: CbomRun, terminal: Terminal): void {
  const name = cbom.file.path;
  for (const unread of cbom.reading.unread) terminal.say(`${name}: info cbom-unread no algorithm could be read from the cryptographic asset "${unread}"`);
  if (cbom.compared === 0) {
    terminal.say(`cek-policy: --cbom ${name}: no policy was checked to compare the BOM with`);
    return;
  }
  terminal.say(`cek-policy: --cbom ${name}: ${cbom.reading.assets.length} algorithm uses read, judged against ${cbom.profile} and ${cbom.compared} polic${cbom.compared === 1 ? 'y' : 'ies'}`);
}

export async function runReport(patterns: string[], options: ReportOptions, io: Io): Promise<number> {
  const format = REPORT_FORMATS[options.format];
  const terminal = new Terminal(io);
  const plan = prepare(patterns, options, io, terminal);
  if (!plan) return 2;
  // Per file only its part of the report (statuses, evidence quotes), never its document or model.
  const documents: DocumentReport[] = [];
  let first: string | undefined;
  await checkFiles(plan, { command: 'report', fixMode: 'none', today: options.today, ...(options.profile ? { profile: options.profile } : {}), cache: false, fingerprints: false, cwd: io.cwd }, options, io, terminal, undefined, (_file, outcome, path) => {
    first ??= path;
    if (outcome.report) documents.push(outcome.report);
  });
  // The set's CAIQ answers use the catalog of the first file, as buildComplianceReport does.
  const catalog = first !== undefined ? plan.configs.forFile(first).catalog : undefined;
  const report = composeComplianceReport(documents, catalog, { today: options.today ?? systemToday(), version: PACKAGE_VERSION });
  const text = options.baseUrl !== undefined && options.format === 'html' ? renderHtml(report, { linkFor: repositoryLinks(options.baseUrl) }) : format(report);
  if (!emit(text, options.outputFile, io)) return 2;
  if (plan.failed) return 2;
  if (options.failOn) {
    const failing = failingRequirements(report, options.failOn);
    if (failing.length > 0) {
      terminal.say(`cek-policy: ${failing.length} requirement${failing.length === 1 ? '' : 's'} ${options.failOn === 'not-met' ? 'not met' : `${options.failOn} or worse`} (--fail-on ${options.failOn}), e.g. ${failing.slice(0, 3).join('; ')}`);
      return 1;
    }
  }
  return 0;
}

/** Expands the targets, reads standard input and loads every config once; undefined when the run must stop (exit 2). */
function prepare(patterns: string[], options: InputOptions, io: Io, terminal: Terminal): Plan | undefined {
  if (options.stdinFilename !== undefined && ![...patterns, ...options.policy].includes(STDIN)) {
    throw new UsageError('--stdin-filename names the text read from standard input: add - to read it');
  }
  const forced = options.policy.filter((path) => path !== STDIN);
  const named = patterns.filter((path) => path !== STDIN);
  const readsStdin = patterns.includes(STDIN) || options.policy.includes(STDIN);
  const expansion = expandTargets(named.length > 0 || forced.length > 0 || readsStdin ? named : ['.'], forced, { cwd: io.cwd, ignore: options.ignore });
  if (expansion.unmatched.length > 0 && options.errorOnUnmatched) {
    for (const message of expansion.unmatched) terminal.say(`cek-policy: ${message}`);
    return undefined;
  }
  // Never in silence, not even with --quiet: a folder that could not be read, a link that was not followed.
  const walkWarnings: SarifNotification[] = expansion.warnings.map((warning) => ({ level: 'warning', message: warning.message, file: warning.path }));
  for (const warning of walkWarnings) terminal.say(`cek-policy: warning: ${warning.message}`);
  if (!options.quiet) {
    for (const { path, ignoreFile } of expansion.ignoredNamed) terminal.say(`cek-policy: ${shown(path, io)} skipped: ignored by ${ignoreFile} (--no-ignore checks it)`);
  }

  const jobs: FileJob[] = expansion.targets.map((target, index) => ({ index, path: target.path, shown: shown(target.path, io), origin: target.origin }));
  if (readsStdin) {
    const path = resolve(io.cwd, options.stdinFilename ?? '<stdin>');
    let stdin: FileJob['stdin'];
    try {
      stdin = { source: io.readStdin() };
    } catch (error) {
      stdin = { error: describeError(error) };
    }
    jobs.push({ index: jobs.length, path, shown: options.stdinFilename === undefined ? '<stdin>' : shown(path, io), origin: options.policy.includes(STDIN) ? 'forced' : 'named', stdin });
  }

  // Every config once, before any file is checked: a broken one stops the run, each problem on its own line.
  const configFile = options.config !== undefined ? resolve(io.cwd, options.config) : undefined;
  const configs = contextResolver({ configFile, today: options.today, ...(options.profile ? { profile: options.profile } : {}) });
  const plan: Plan = { jobs, configFile, configs, notifications: walkWarnings, catalogWarnings: [], failed: false };
  let broken = false;
  for (const job of jobs) {
    const { loaded, fresh } = configs.resolve(job.path);
    if (!fresh) continue;
    if (!sayConfigProblems(loaded, io, terminal)) broken = true;
    if (options.profile && !parseProfileName(options.profile, loaded.config.cryptoProfiles ?? [])) {
      terminal.say(`cek-policy: --profile ${options.profile}: unknown cryptography profile or option; use ${BUILTIN_PROFILES.map((profile) => profile.id).join(', ')} (options +rev3 for nist, +fips), or the id of a file listed under \`profiles\` in .cekpolicy.yaml`);
      broken = true;
    }
    for (const error of loaded.catalogErrors) {
      terminal.say(`cek-policy: warning: catalog ${error}`);
      plan.catalogWarnings.push({ level: 'warning', message: `catalog ${error}` });
    }
  }
  return broken ? undefined : plan;
}

/**
 * Checks the plan's files on --jobs threads and hands each checked file to `onChecked` in the order of the
 * file list. Files that cannot be read or that make the engine fail are reported here, one line each, and
 * fail the run (exit 2) while the others are still checked.
 */
async function checkFiles(plan: Plan, context: CheckContext, options: InputOptions, io: Io, terminal: Terminal, cache: ResultCache | undefined, onChecked: (file: ShownFile, outcome: FileOutcome, path: string) => void): Promise<void> {
  const command = context.command;
  const progress = new Progress(plan.jobs.length, { write: io.writeStderr, isTTY: io.stderrIsTTY, env: io.env, now: () => performance.now() });
  terminal.progress = progress;
  let done = 0;
  let policies = 0;
  let skippedFound = 0;
  const jobs = options.jobs ?? defaultThreads(plan.jobs);
  const fileOf = (job: FileJob): ShownFile => ({ path: job.shown, ...(job.stdin && options.stdinFilename === undefined ? {} : { absolutePath: job.path }) });
  const fail = (job: FileJob, message: string) => {
    terminal.say(`cek-policy: ${message}`);
    plan.notifications.push({ level: 'error', message, ...(fileOf(job).absolutePath !== undefined ? { file: job.path } : {}) });
    plan.failed = true;
    cache?.forget(job.path);
  };
  const counts = await checkInOrder(plan.jobs, { jobs, workerScript: io.workerScript, context: { ...context, configFile: plan.configFile } }, (reply, job) => {
    if (reply.kind === 'unreadable') {
      fail(job, `cannot read ${job.stdin ? 'standard input' : job.shown}: ${reply.reason}`);
    } else if (reply.kind === 'internal-error') {
      fail(job, `internal error while checking ${job.shown}: ${reply.message}`);
    } else {
      const outcome = reply.kind === 'cached' ? cache?.hit(job.path) : reply.outcome;
      if (!outcome) {
        fail(job, `internal error while checking ${job.shown}: the cache lost its entry`);
      } else {
        // The file's internal-error finding is in the output; the line here says why the run exits 2.
        if (reply.kind === 'checked' && reply.internalError !== undefined) fail(job, `internal error while checking ${job.shown}: ${reply.internalError}`);
        else if (reply.kind === 'checked' && reply.cacheKey !== undefined) cache?.store(job.path, reply.cacheKey, outcome);
        if (outcome.isPolicy) policies++;
        else if (job.origin === 'found') skippedFound++;
        if (!outcome.isPolicy && job.origin === 'named' && !options.quiet) {
          terminal.say(`cek-policy: ${job.shown} skipped: not a policy (no "kind: crypto-policy", not in the files: of .cekpolicy.yaml${outcome.notPolicyReason ? `, and ${outcome.notPolicyReason}` : ''}); to check it anyway: cek-policy ${command} --policy ${job.stdin ? '-' : job.shown}`);
        }
        onChecked(fileOf(job), outcome, job.path);
      }
    }
    progress.update(++done);
  });
  progress.clear();
  terminal.progress = undefined;
  // Files found in folders or by globs are skipped in silence one by one; when none of them is a policy, one line says so.
  if (policies === 0 && skippedFound > 0 && !options.quiet) {
    terminal.say(`cek-policy: no policy among the ${skippedFound} file${skippedFound === 1 ? '' : 's'} found (${skippedFound === 1 ? 'it has' : 'none has'} \`kind: crypto-policy\` or a title and text that make it a cryptography policy); to check a file anyway: cek-policy ${command} --policy FILE, or list it under files: in .cekpolicy.yaml`);
  }
  if (debugs(io.env, 'jobs')) {
    terminal.say(`cek-policy: jobs: ${plan.jobs.length} file${plan.jobs.length === 1 ? '' : 's'}; main thread ${counts.mainThread}; worker threads ${counts.workers.length ? counts.workers.join(' ') : 'none'}`);
  }
}

/** Threads for a run without --jobs: one per BYTES_PER_THREAD of files (sizes from stat, read only as far as needed), at most the cores. */
function defaultThreads(jobs: FileJob[]): number {
  const cores = availableParallelism();
  let bytes = 0;
  for (const job of jobs) {
    if (bytes >= BYTES_PER_THREAD * cores) break;
    if (job.stdin) continue;
    try {
      bytes += statSync(job.path).size;
    } catch {
      // Unreadable: said when the file is checked.
    }
  }
  return Math.max(1, Math.min(cores, Math.floor(bytes / BYTES_PER_THREAD)));
}

/** How bad a requirement status is for `--fail-on`; met and not-applicable never fail. */
const BADNESS: Record<string, number> = { 'not-assessed': 1, partial: 2, 'not-met': 3 };

/**
 * The set's requirements (the verdict over every policy checked; a document-level guideline holds for the set only
 * when it holds for each document) at or past `failOn`, as `guideline (status)`. The report holds the judged
 * controls only (`controls:`), so a control not judged never fails the run.
 */
export function failingRequirements(report: ComplianceReport, failOn: FailOn): string[] {
  const threshold = BADNESS[failOn];
  return report.set.requirements.filter((requirement) => (BADNESS[requirement.status] ?? 0) >= threshold).map((requirement) => `${requirement.guideline} (${requirement.status})`);
}

/** `--print-config FILE`: the configuration that applies to FILE, resolved (`extends` and the CLI flags applied), as JSON. */
function printConfig(path: string, options: CheckOptions, io: Io, terminal: Terminal): number {
  const target = resolve(io.cwd, path);
  const configs = contextResolver({ configFile: options.config !== undefined ? resolve(io.cwd, options.config) : undefined, today: options.today });
  const { loaded } = configs.resolve(target);
  if (!sayConfigProblems(loaded, io, terminal)) return 2;
  return emit(JSON.stringify(configFileShape(loaded.config), null, 2), options.outputFile, io) ? 0 : 2;
}

/** Says each problem of a config on its own line (`file:line:col: config error: ...`); false when there was one. */
function sayConfigProblems(loaded: LoadedConfig, io: Io, terminal: Terminal): boolean {
  if (!loaded.file || loaded.problems.length === 0) return true;
  const lines = new LineIndex(loaded.fileText ?? '');
  for (const problem of [...loaded.problems].sort((a, b) => a.span.start - b.span.start)) {
    const position = lines.positionAt(problem.span.start);
    terminal.say(`${shown(loaded.file, io)}:${position.line + 1}:${position.character + 1}: config error: ${problem.message}`);
  }
  return false;
}

function outputWriter(options: CheckOptions, io: Io, sink: Sink, baseline: boolean): OutputWriter {
  const write = (chunk: string) => sink.write(chunk);
  if (options.format === 'sarif') {
    const basePath = options.basePath ? resolve(io.cwd, options.basePath) : findRepositoryRoot(io.cwd) ?? io.cwd;
    return new SarifWriter(write, { rules, version: PACKAGE_VERSION, cwd: io.cwd, basePath, category: options.sarifCategory, informationUri: projectWebUrl(), baseline, cbom: options.cbom !== undefined });
  }
  if (options.format === 'json') return new JsonWriter(write);
  if (options.format === 'github') return new GithubWriter(write);
  if (options.format === 'junit') return new JunitWriter(write);
  if (options.format === 'compact') return new CompactWriter(write, wantColor(options, io));
  return new TextWriter(write, wantColor(options, io));
}

/** Standard error for lines, with the progress line taken away before each (it comes back on the next update). */
class Terminal {
  progress: Progress | undefined;

  constructor(private readonly io: Io) {}

  /** One line; paths and messages in it may come from the checked files, so their control characters are escaped. */
  say(line: string): void {
    this.progress?.clear();
    this.io.stderr(escapeControls(line));
  }
}

/**
 * Where `check` writes: standard output or --output-file, buffered in chunks (file by file on a terminal, so a
 * person sees each file's findings as it comes). A write error is said once and fails the run.
 */
class Sink {
  private buffer = '';
  private failure: string | undefined;

  private constructor(private readonly out: (chunk: string) => void, private readonly byFile: boolean, private readonly terminal: Terminal, private readonly fd?: number, private readonly name?: string) {}

  static open(outputFile: string | undefined, io: Io, terminal: Terminal): Sink | undefined {
    if (outputFile === undefined) return new Sink((chunk) => io.write(chunk), io.stdoutIsTTY, terminal);
    let fd: number;
    try {
      mkdirSync(dirname(resolve(io.cwd, outputFile)), { recursive: true });
      fd = openSync(resolve(io.cwd, outputFile), 'w');
    } catch (error) {
      terminal.say(`cek-policy: cannot write ${outputFile}: ${describeError(error)}`);
      return undefined;
    }
    return new Sink((chunk) => writeFileSync(fd, chunk), false, terminal, fd, outputFile);
  }

  write(chunk: string): void {
    this.buffer += chunk;
    if (this.buffer.length >= FLUSH_BYTES) this.flush();
  }

  fileDone(): void {
    if (this.byFile) this.flush();
  }

  /** Flushes and closes; false (after saying why) when the output could not be written. */
  close(): boolean {
    this.flush();
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch (error) {
        this.failure ??= describeError(error);
      }
    }
    if (this.failure !== undefined) this.terminal.say(`cek-policy: cannot write ${this.name ?? 'standard output'}: ${this.failure}`);
    return this.failure === undefined;
  }

  private flush(): void {
    if (this.buffer === '' || this.failure !== undefined) return;
    this.terminal.progress?.clear();
    try {
      this.out(this.buffer);
    } catch (error) {
      this.failure = describeError(error);
    }
    this.buffer = '';
  }
}

/** Writes the output to stdout or to --output-file; false (after saying why) when the file cannot be written. */
function emit(output: string, outputFile: string | undefined, io: Io): boolean {
  if (outputFile === undefined) {
    io.stdout(output);
    return true;
  }
  const file = resolve(io.cwd, outputFile);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, output.endsWith('\n') ? output : `${output}\n`);
    return true;
  } catch (error) {
    io.stderr(`cek-policy: cannot write ${outputFile}: ${describeError(error)}`);
    return false;
  }
}

/** --color / --no-color win; then FORCE_COLOR and NO_COLOR (no-color.org); then whether stdout is a terminal. */
export function wantColor(options: Pick<CheckOptions, 'color' | 'outputFile'>, io: Pick<Io, 'env' | 'stdoutIsTTY'>): boolean {
  if (options.color !== undefined) return options.color;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (io.env.NO_COLOR) return false;
  return options.outputFile === undefined && io.stdoutIsTTY;
}

export function shown(path: string, io: Pick<Io, 'cwd'>): string {
  return relative(io.cwd, path) || path;
}
