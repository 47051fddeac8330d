import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { systemToday } from '../clock';
import type { CheckConfig } from '../engine/config/config';
import { findConfigFile, loadConfig, matchesPolicyGlobs, type LoadedConfig } from '../engine/config/workspace';
import { checkText } from '../engine/engine';
import { fixAll } from '../engine/fixes/fixes';
import { formatOf } from '../engine/parse/document';
import { LineIndex } from '../engine/parse/text';
import { rules } from '../engine/rules';
import { PACKAGE_VERSION, projectWebUrl } from '../packageInfo';
import { describeError, expandTargets, findRepositoryRoot, UsageError, type TargetOrigin } from './files';
import { formatJson, formatText, openFindings, toJsonFinding, type FileResult } from './output';
import { buildComplianceReport } from '../engine/report/compliance';
import type { ComplianceReport } from '../engine/report/types';
import { formatReport, REPORT_FORMATS as REPORT_FORMAT_NAMES } from './report';
import { formatSarif, type SarifOptions } from './sarif';

export interface Io {
  /** Writes one line (or block) to standard output. */
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => string;
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
}

export const CHECK_FORMATS = ['text', 'json', 'sarif'] as const;

/** Report formats by name: a new format is one entry here. */
export const REPORT_FORMATS: Record<string, (report: ComplianceReport) => string> = Object.fromEntries(REPORT_FORMAT_NAMES.map((name) => [name, (report: ComplianceReport) => formatReport(report, name)]));

/** Options shared by `check` and `report`: which files, which config, where the output goes. */
export interface InputOptions {
  today?: string;
  config?: string;
  policy: string[];
  ignore: boolean;
  errorOnUnmatched: boolean;
  stdinFilename?: string;
  outputFile?: string;
  quiet?: boolean;
}

export interface CheckOptions extends InputOptions {
  format: (typeof CHECK_FORMATS)[number];
  fix?: boolean;
  fixDryRun?: boolean;
  maxWarnings?: number;
  basePath?: string;
  sarifCategory?: string;
  color?: boolean;
}

export interface ReportOptions extends InputOptions {
  format: string;
}

const STDIN = '-';

interface CheckedFile extends FileResult {
  /** The text after --fix / --fix-dry-run, when fixes changed it. */
  output?: string;
}

interface Collected {
  files: CheckedFile[];
  configs: ConfigCache;
  notifications: SarifOptions['notifications'];
  failed: boolean;
}

export function runCheck(patterns: string[], options: CheckOptions, io: Io): number {
  if (options.fix && options.fixDryRun) throw new UsageError('--fix and --fix-dry-run do not go together: choose one');
  if (options.fix && [...patterns, ...options.policy].includes(STDIN)) throw new UsageError('--fix cannot write back to standard input; use --fix-dry-run to print the fixed text');
  if (options.fixDryRun && options.format === 'sarif') throw new UsageError('--fix-dry-run prints JSON or text, not SARIF');
  const collected = collect('check', patterns, options, io, options.fix ? 'write' : options.fixDryRun ? 'dry-run' : 'none');
  if (!collected) return 2;
  const { files, notifications } = collected;

  const open = files.flatMap(openFindings);
  const errors = open.filter((finding) => finding.severity === 'error').length;
  const warnings = open.filter((finding) => finding.severity === 'warning').length;
  // --quiet shows errors only (ESLint); warnings still count towards --max-warnings.
  const visible = options.quiet ? files.map((file) => ({ ...file, result: { ...file.result, findings: file.result.findings.filter((finding) => finding.severity === 'error') } })) : files;

  let output: string;
  if (options.format === 'sarif') {
    const basePath = options.basePath ? resolve(io.cwd, options.basePath) : findRepositoryRoot(io.cwd) ?? io.cwd;
    output = formatSarif(visible, { rules, version: PACKAGE_VERSION, cwd: io.cwd, basePath, category: options.sarifCategory, notifications, informationUri: projectWebUrl() });
  } else if (options.format === 'json') {
    output = options.fixDryRun ? formatFixDryRun(visible) : formatJson(visible);
  } else {
    output = formatText(visible, visible.length, wantColor(options, io));
  }
  if (!emit(output, options.outputFile, io)) return 2;

  if (collected.failed) return 2;
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    io.stderr(`cek-policy: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings} allows`);
    return 1;
  }
  return 0;
}

export function runReport(patterns: string[], options: ReportOptions, io: Io): number {
  const format = REPORT_FORMATS[options.format];
  const collected = collect('report', patterns, options, io, 'none');
  if (!collected) return 2;
  const today = options.today ?? systemToday();
  const report = buildComplianceReport(collected.files.map((file) => ({ path: file.path, result: file.result })), { today, version: PACKAGE_VERSION, catalogFor: (input) => collected.configs.forFile(input.result.document.fileName).catalog });
  if (!emit(format(report), options.outputFile, io)) return 2;
  return collected.failed ? 2 : 0;
}

/** Reads and checks every target; undefined when nothing could be checked (unmatched patterns, a broken config). */
function collect(command: 'check' | 'report', patterns: string[], options: InputOptions, io: Io, fixMode: 'none' | 'write' | 'dry-run'): Collected | undefined {
  if (options.stdinFilename !== undefined && ![...patterns, ...options.policy].includes(STDIN)) {
    throw new UsageError('--stdin-filename names the text read from standard input: add - to read it');
  }
  const configs = new ConfigCache(options.config, options.today !== undefined ? { today: options.today } : {}, io);
  const forced = options.policy.filter((path) => path !== STDIN);
  const named = patterns.filter((path) => path !== STDIN);
  const readsStdin = patterns.includes(STDIN) || options.policy.includes(STDIN);
  const expansion = expandTargets(named.length > 0 || forced.length > 0 || readsStdin ? named : ['.'], forced, { cwd: io.cwd, ignore: options.ignore });
  if (expansion.unmatched.length > 0 && options.errorOnUnmatched) {
    for (const message of expansion.unmatched) io.stderr(`cek-policy: ${message}`);
    return undefined;
  }
  if (!options.quiet) {
    for (const { path, ignoreFile } of expansion.ignoredNamed) io.stderr(`cek-policy: ${shown(path, io)} skipped: ignored by ${ignoreFile} (--no-ignore checks it)`);
  }

  const inputs: { path: string; origin: TargetOrigin; stdin: boolean }[] = expansion.targets.map((target) => ({ ...target, stdin: false }));
  if (readsStdin) {
    inputs.push({ path: resolve(io.cwd, options.stdinFilename ?? '<stdin>'), origin: options.policy.includes(STDIN) ? 'forced' : 'named', stdin: true });
  }
  const collected: Collected = { files: [], configs, notifications: [], failed: false };
  for (const input of inputs) {
    const loaded = configs.forFile(input.path);
    let text: string;
    try {
      text = input.stdin ? io.readStdin() : readFileSync(input.path, 'utf8');
    } catch (error) {
      const message = `cannot read ${input.stdin ? 'standard input' : shown(input.path, io)}: ${describeError(error)}`;
      io.stderr(`cek-policy: ${message}`);
      collected.notifications.push({ level: 'error', message, ...(input.stdin ? {} : { file: input.path }) });
      collected.failed = true;
      continue;
    }
    const force = input.origin === 'forced' || matchesPolicyGlobs(input.path, loaded);
    const checkOptions = { today: loaded.config.today ?? systemToday(), config: loaded.config, catalog: loaded.catalog, force, format: formatOf(input.path) ?? 'yaml' };
    let output: string | undefined;
    if (fixMode !== 'none') {
      const fixed = fixAll(text, (current) => checkText(current, input.path, checkOptions).findings);
      if (fixed.text !== text) {
        output = fixed.text;
        if (fixMode === 'write') writeFileSync(input.path, fixed.text);
      }
    }
    const result = checkText(output ?? text, input.path, checkOptions);
    const path = input.stdin && options.stdinFilename === undefined ? '<stdin>' : shown(input.path, io);
    if (!result.isPolicy && input.origin === 'named' && !options.quiet) {
      io.stderr(`cek-policy: ${path} skipped: not a policy (no "kind: crypto-policy", not in the files: of .cekpolicy.yaml); to check it anyway: cek-policy ${command} --policy ${input.stdin ? '-' : path}`);
    }
    collected.files.push({ path, absolutePath: input.stdin && options.stdinFilename === undefined ? undefined : input.path, result, output });
  }
  for (const error of configs.catalogErrors) collected.notifications.push({ level: 'warning', message: `catalog ${error}` });
  return configs.failed ? undefined : collected;
}

/** --fix-dry-run --format json: per file, the fixed text (ESLint's `output`) and what is left to fix by hand. */
function formatFixDryRun(files: CheckedFile[]): string {
  return JSON.stringify(files.filter((file) => file.result.isPolicy).map((file) => ({
    file: file.path,
    ...(file.output !== undefined ? { output: file.output } : {}),
    findings: openFindings(file).map((finding) => toJsonFinding(file, finding)),
  })), null, 2);
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

function shown(path: string, io: Pick<Io, 'cwd'>): string {
  return relative(io.cwd, path) || path;
}

/** One loaded config per `.cekpolicy.yaml` (or the one given with --config); each problem printed once, on its own line. */
class ConfigCache {
  private readonly loaded = new Map<string, LoadedConfig>();
  failed = false;
  catalogErrors: string[] = [];

  constructor(private readonly explicitFile: string | undefined, private readonly overrides: Partial<CheckConfig>, private readonly io: Io) {}

  forFile(path: string): LoadedConfig {
    const file = this.explicitFile !== undefined ? resolve(this.io.cwd, this.explicitFile) : findConfigFile(dirname(path));
    const key = file ?? '';
    let loaded = this.loaded.get(key);
    if (!loaded) {
      try {
        loaded = loadConfig(file, this.overrides);
      } catch (error) {
        throw new UsageError(`cannot read config ${file}: ${describeError(error)}`);
      }
      this.loaded.set(key, loaded);
      if (file && loaded.problems.length > 0) {
        const lines = new LineIndex(readFileSync(file, 'utf8'));
        for (const problem of [...loaded.problems].sort((a, b) => a.span.start - b.span.start)) {
          const position = lines.positionAt(problem.span.start);
          this.io.stderr(`${shown(file, this.io)}:${position.line + 1}:${position.character + 1}: config error: ${problem.message}`);
        }
        this.failed = true;
      }
      for (const error of loaded.catalogErrors) {
        this.io.stderr(`cek-policy: warning: catalog ${error}`);
        this.catalogErrors.push(error);
      }
    }
    return loaded;
  }
}
