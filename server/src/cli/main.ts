import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { nearest } from '../engine/config/nearest';
import { isIsoDate } from '../engine/parse/dates';
import { formatOf } from '../engine/parse/document';
import { MAX_POLICY_BYTES } from '../engine/parse/limits';
import { encodeLike, readDescriptorSource, readSource, type Source } from '../engine/parse/source';
import { migrateMarkdown } from '../engine/fixes/migrate';
import { escapeControls } from '../engine/report/escape';
import { rules } from '../engine/rules';
import { debugs } from '../debugTopics';
import { PACKAGE_VERSION } from '../packageInfo';
import { runInit } from './init';
import { CHECK_FORMATS, FAIL_ON, REPORT_FORMATS, runCheck, runReport, type CheckOptions, type Io, type ReportOptions } from './check';
import { DEFAULT_CACHE_FILE } from './cache';
import { DEFAULT_MAX_PER_RULE } from './output';
import { describeError, UsageError } from './files';
import { isCheckWorker, runCheckWorker } from './pool';
import { tuneForBatch } from './v8Flags';

export type { Io } from './check';

const DESCRIPTION = 'Checks cryptography, encryption and key-management policies (YAML, or Markdown with front matter) against CSA AICM controls CEK-01 and CEK-02.';

const EXIT_STATUS = `
Exit status: 0 no error finding, 1 an error finding (or more warnings than --max-warnings),
2 usage, configuration or I/O error, or a path or glob that matched no file.`;

const FILES_HELP = `
Directories are searched for .yaml, .yml, .md and .markdown files, skipping what .gitignore and
.cekpolicyignore exclude (from the repository root down) and node_modules. A file is checked when it is a
policy: "kind: crypto-policy" in its YAML or front matter, or a match of the files: globs of .cekpolicy.yaml.
Other files named on the command line are skipped with one line on stderr (pre-commit and lint-staged pass
every changed file); --policy FILE checks a file as a policy whatever it says. "-" reads standard input.`;

/** Runs the CLI; resolves to the exit status. */
export async function main(argv: string[], io: Io): Promise<number> {
  if (argv.length === 0) {
    io.stderr('cek-policy: give a command: check, report, init, migrate or rules (cek-policy --help describes them)');
    return 2;
  }
  let status = 0;
  const program = buildProgram(io, (code) => (status = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      io.stderr(escapeControls(`cek-policy: ${error.message}`));
      return 2;
    }
    io.stderr(escapeControls(`cek-policy: internal error: ${error instanceof Error ? error.message : String(error)}`));
    return 2;
  }
}

function buildProgram(io: Io, exit: (code: number) => void): Command {
  // Sync actions (migrate, rules) and async ones (check, report) both report their status here.
  const run = (status: number | Promise<number>) => Promise.resolve(status).then(exit);
  const program = new Command('cek-policy')
    .description(DESCRIPTION)
    .version(PACKAGE_VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'print help')
    .helpCommand('help [command]', 'print the help of a command')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text.replace(/\n$/, '')),
      writeErr: (text) => io.stderr(text.replace(/\n$/, '')),
      // One line, ESLint-like: "cek-policy: unknown option '--wirte' (did you mean --write?)".
      outputError: (text, write) => write(`cek-policy: ${oneLineError(text)}`),
    })
    .addHelpText('after', EXIT_STATUS);

  const check = program.command('check')
    .description('check policies and print findings (grouped text, compact lines, ESLint JSON, SARIF, GitHub annotations or JUnit XML)')
    .argument('[paths...]', 'files, directories or globs (default: the current directory); - reads standard input')
    .addOption(choiceOption('-f, --format <format>', 'output format', CHECK_FORMATS).default('text'));
  addInputOptions(check)
    .option('--fix', 'apply safe fixes in place (never a change that needs a human choice)')
    .option('--fix-dry-run', 'apply safe fixes in memory: JSON output carries each fixed text as "output"; nothing is written')
    .addOption(new Option('--max-warnings <count>', 'exit 1 when there are more warnings than this (-1: no limit)').argParser(parseCount))
    .option('--quiet', 'report errors only (warnings still count for --max-warnings)')
    .addOption(new Option('--max-per-rule <count>', `list at most this many findings of one rule per file, then one finding with the count of the rest (default: max_per_rule: of .cekpolicy.yaml, else ${DEFAULT_MAX_PER_RULE}; 0 lists all)`).argParser(parseCap))
    .option('--base-path <dir>', 'SARIF: make URIs relative to this folder (default: the repository root, else the current directory)')
    .option('--sarif-category <id>', 'SARIF: runAutomationDetails.id, the category GitHub code scanning files the results under')
    .option('--color', 'colour the text output (default: when stdout is a terminal and NO_COLOR is unset)')
    .option('--no-color', 'never colour the text output')
    .option('--cache', 'check only files that changed since the last run with --cache (the key: content, config, catalog, version); never with --fix')
    .option('--cbom <file>', 'compare a CycloneDX 1.6 BOM (JSON) with the policies: algorithms in use that they do not approve or their profile disallows, and approved ones nothing uses (default: cbom: in .cekpolicy.yaml)')
    .option('--cache-location <path>', `where --cache keeps its file (default: ${DEFAULT_CACHE_FILE} in the current directory; a folder holds a ${DEFAULT_CACHE_FILE})`)
    .option('--baseline <file>', 'report only findings this baseline does not hold (default: .cekpolicy-baseline.json beside the configuration, when there is one)')
    .option('--baseline-write [file.json]', 'record the current findings as the baseline (default: .cekpolicy-baseline.json beside the configuration, else here); later runs report only new ones')
    .option('--print-config <file>', 'print the configuration that applies to this file (extends and flags resolved) as JSON, and stop')
    .addHelpText('after', FILES_HELP + '\n' + EXIT_STATUS)
    .action((paths: string[], options: CheckOptions) => run(runCheck(paths, { ...options, policy: options.policy ?? [] }, io)));

  const report = program.command('report')
    .description('the compliance report: per-guideline status with evidence, AI-CAIQ answers and the SSRM actor, per document and for the set')
    .argument('[paths...]', 'files, directories or globs (default: the current directory); - reads standard input')
    .addOption(choiceOption('-f, --format <format>', 'output format', Object.keys(REPORT_FORMATS)).default('text'));
  addInputOptions(report)
    .option('--output <file>', 'the same as --output-file')
    .addOption(choiceOption('--fail-on <status>', 'exit 1 when a requirement of a judged control has this status or a worse one (not-assessed < partial < not-met)', FAIL_ON))
    .option('--base-url <url>', 'html: link each file:line to <url>/<file>#L<line>, a repository web view (e.g. https://github.com/acme/policies/blob/main)')
    .addHelpText('after', FILES_HELP + '\n\nExit status: 0 report written, 1 a requirement at or past --fail-on, 2 usage, configuration or I/O error.')
    .action((paths: string[], options: ReportOptions & { output?: string }) => run(runReport(paths, { ...options, outputFile: options.outputFile ?? options.output, policy: options.policy ?? [] }, io)));

  program.command('init')
    .description('write a commented .cekpolicy.yaml for this folder: the policies found, the actor, the controls and the profile')
    .option('--force', 'overwrite an existing configuration file')
    .addHelpText('after', '\nExit status: 0 written, 2 a configuration exists already (without --force), or an I/O error.')
    .action((options: { force?: boolean }) => run(runInit(Boolean(options.force), io)));

  program.command('migrate')
    .description('move the metadata a Markdown policy states in prose (owner, approval, review) into front matter')
    .argument('<files...>', 'Markdown policies')
    .option('--write', 'rewrite the files in place (without it, one file is printed to stdout)')
    .addHelpText('after', '\nOnly the front matter changes; the body stays byte-identical. YAML policies are structured already and are refused.\n\nExit status: 0 done, 2 usage or I/O error.')
    .action((files: string[], options: { write?: boolean }) => run(migrateFiles(files, Boolean(options.write), io)));

  program.command('rules')
    .description('list the rules with their control, default severity and fix kind')
    .addOption(choiceOption('-f, --format <format>', 'output format', ['text', 'json']).default('text'))
    .action((options: { format: string }) => run(listRules(options.format, io)));

  return program;
}

/** Options of every command that reads policies. */
function addInputOptions(command: Command): Command {
  return command
    .addOption(new Option('--today <date>', 'the date used as today by the date rules (YYYY-MM-DD)').argParser(parseDate))
    .option('--profile <name>', 'the cryptography profile the algorithms are judged against: nist (default), nist+rev3, nist+fips, cnsa-2.0, bsi-tr-02102-1, or a user profile id (wins over the policy and .cekpolicy.yaml)')
    .option('-c, --config <file>', 'use this .cekpolicy.yaml instead of the one found upward from each file')
    .addOption(new Option('--policy <file>', 'check this file as a policy even without "kind: crypto-policy" (repeatable; - for stdin)').argParser(collectValues))
    .option('-o, --output-file <file>', 'write the output to this file instead of stdout')
    .option('--no-ignore', 'also check files that .gitignore or .cekpolicyignore exclude')
    .option('--no-error-on-unmatched', 'exit 0, not 2, when a path or glob matches no file')
    .option('--stdin-filename <path>', 'the path of the text read from - (for .cekpolicy.yaml, files: globs and the format)')
    .addOption(new Option('-j, --jobs <count>', `threads that check files, the main one included (default: one per megabyte of files, up to the number of cores, ${availableParallelism()} here; 1 checks in one thread)`).argParser(parseJobs));
}

/** An option whose value is one of a list; a wrong value names the closest valid one. */
function choiceOption(flags: string, description: string, choices: readonly string[]): Option {
  return new Option(flags, `${description}: ${choices.join(', ')}`).argParser((value: string) => {
    if (choices.includes(value)) return value;
    const suggestion = nearest(value, choices);
    throw new InvalidArgumentError(`Choose one of ${choices.join(', ')}${suggestion ? ` (did you mean ${suggestion}?)` : ''}.`);
  });
}

function parseDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError('Give a date as YYYY-MM-DD.');
  return value;
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < -1) throw new InvalidArgumentError('Give a whole number (-1 for no limit).');
  return count;
}

function parseCap(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(count)) throw new InvalidArgumentError('Give a whole number, 0 or more (0 lists every finding).');
  return count;
}

function parseJobs(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new InvalidArgumentError('Give a whole number of threads, 1 or more.');
  return count;
}

function collectValues(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Prints the migrated text (one file) or writes it in place (--write); what moved goes to stderr. */
function migrateFiles(paths: string[], write: boolean, io: Io): number {
  if (paths.length > 1 && !write) throw new UsageError('migrate prints one file; use --write for several');
  for (const path of paths) {
    const format = formatOf(path);
    if (format === 'yaml') throw new UsageError(`${path} is a YAML policy: its fields are structured already, so there is nothing to migrate (migrate reads Markdown policies)`);
    if (format !== 'markdown') throw new UsageError(`${path} is not a Markdown file (.md, .markdown): migrate reads Markdown policies`);
  }
  for (const path of paths) {
    const file = resolve(io.cwd, path);
    let source: Source;
    try {
      source = readSource(file, MAX_POLICY_BYTES);
    } catch (error) {
      throw new UsageError(`cannot read ${path}: ${describeError(error)}`);
    }
    if (source.kind === 'refused') throw new UsageError(`cannot migrate ${path}: ${source.message}`);
    const text = source.text;
    const migration = migrateMarkdown(text, file);
    io.stderr(escapeControls(`${path}: ${migration.moved.length ? `moved ${migration.moved.join(', ')} into front matter` : 'nothing to move'}`));
    for (const reason of migration.skipped) io.stderr(escapeControls(`${path}: not moved: ${reason}`));
    if (write) {
      if (migration.text !== text) writeFileSync(file, encodeLike(migration.text, source.encoding));
    } else {
      io.stdout(migration.text.replace(/\r?\n$/, ''));
    }
  }
  return 0;
}

function listRules(format: string, io: Io): number {
  if (format === 'json') {
    io.stdout(JSON.stringify(rules.map(({ id, control, guidelines, severity, description, fixable }) => ({ id, control, guidelines, severity, description, fixable })), null, 2));
    return 0;
  }
  for (const rule of rules) io.stdout(`${rule.id.padEnd(28)} ${rule.control}  ${rule.severity.padEnd(7)} ${rule.fixable ? `fix:${rule.fixable}`.padEnd(15) : ''.padEnd(15)} ${rule.description}`);
  return 0;
}

if (isCheckWorker()) {
  // The same bundle, started by the pool as a worker thread: check the files it is sent.
  runCheckWorker();
} else if (require.main === module) {
  const flags = tuneForBatch(process.execArgv, process.env.NODE_OPTIONS);
  if (debugs(process.env, 'v8')) process.stderr.write(`cek-policy: v8 flags: ${flags.join(' ') || 'none (set by the user)'}\n`);
  // A reader that stops early (`| head`) closes the pipe: stop writing and exit quietly with the same status.
  let stdoutOpen = true;
  let stderrOpen = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutOpen = false;
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stderrOpen = false;
  });
  void main(process.argv.slice(2), {
    stdout: (text) => {
      // Text that already ends with a line break (CSV rows end in CRLF) is written byte for byte.
      if (stdoutOpen) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    write: (chunk) => {
      if (stdoutOpen) process.stdout.write(chunk);
    },
    stderr: (text) => {
      if (stderrOpen) process.stderr.write(text + '\n');
    },
    writeStderr: (chunk) => {
      if (stderrOpen) process.stderr.write(chunk);
    },
    readStdin: () => readDescriptorSource(0, MAX_POLICY_BYTES),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    workerScript: __filename,
  }).then((status) => {
    process.exitCode = status;
  });
}

/** commander's "error: unknown option '--wirte'\n(Did you mean --write?)" as one line (indexOf, not a pattern: it quotes the command line). */
function oneLineError(text: string): string {
  const message = text.startsWith('error: ') ? text.slice('error: '.length) : text;
  const hint = message.indexOf('\n(Did you mean ');
  const close = hint < 0 ? -1 : message.indexOf('?)', hint);
  if (close < 0 || message.slice(hint + 1, close).includes('\n')) return message;
  return `${message.slice(0, hint)} (did you mean ${message.slice(hint + '\n(Did you mean '.length, close)}?)${message.slice(close + 2)}`;
}
