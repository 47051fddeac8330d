import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import packageJson from '../../../package.json';
import { systemToday } from '../clock';
import type { CheckConfig } from '../engine/config/config';
import { isIsoDate } from '../engine/parse/dates';
import { documentFromSource, formatOf } from '../engine/parse/document';
import { MAX_POLICY_BYTES } from '../engine/parse/limits';
import { readSource, type Source } from '../engine/parse/source';
import { checkDocument, checkText, failedCheck } from '../engine/engine';
import { fixAll } from '../engine/fixes/fixes';
import { migrateMarkdown } from '../engine/fixes/migrate';
import { rules } from '../engine/rules';
import { findConfigFile, loadConfig, matchesPolicyGlobs, type LoadedConfig } from '../engine/config/workspace';
import { describeError, expandTargets, UsageError } from './files';
import { formatJson, formatText, type FileResult } from './output';
import { buildReports, formatReportMarkdown, formatReportText } from './report';
import { formatSarif } from './sarif';

const USAGE = `Usage:
  cek-policy check [PATH|GLOB...] [--format text|json|sarif] [--today YYYY-MM-DD] [--config FILE] [--fix] [--policy FILE]...
  cek-policy report [PATH|GLOB...] [--format text|json|markdown] [--today YYYY-MM-DD] [--config FILE]
  cek-policy migrate FILE.md... [--write]
  cek-policy rules [--format text|json]
  cek-policy --version | --help

Checks cryptography, encryption and key-management policies (YAML, or Markdown with front matter)
against CSA AICM controls CEK-01 and CEK-02. Directories are searched for policies (kind: crypto-policy,
or the files globs of .cekpolicy.yaml); files named explicitly are always checked.

Exit status: 0 no error findings, 1 error findings, 2 usage or I/O error.`;

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  color: boolean;
}

export function main(argv: string[], io: Io): number {
  try {
    return run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`cek-policy: ${error.message}`);
      return 2;
    }
    io.stderr(`cek-policy: internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

function run(argv: string[], io: Io): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        today: { type: 'string' },
        config: { type: 'string', short: 'c' },
        fix: { type: 'boolean' },
        policy: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        color: { type: 'boolean' },
        write: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout(packageJson.version);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command === 'rules') return listRules(values.format ?? 'text', io);
  if (command === 'migrate') return migrateFiles(paths, Boolean(values.write), io);
  if (command !== 'check' && command !== 'report') throw new UsageError(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
  const formats = command === 'check' ? ['text', 'json', 'sarif'] : ['text', 'json', 'markdown'];
  const format = values.format ?? 'text';
  if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  if (values.today !== undefined && !isIsoDate(values.today)) throw new UsageError(`--today must be a date as YYYY-MM-DD, not "${values.today}"`);
  if (values.fix && command !== 'check') throw new UsageError('--fix goes with check');

  const configs = new ConfigCache(values.config, values.today !== undefined ? { today: values.today } : {}, io);
  const targets = expandTargets([...(paths.length > 0 || values.policy ? paths : ['.']), ...(values.policy ?? [])], io.cwd);
  const results: FileResult[] = [];
  let ioFailed = false;
  for (const target of targets) {
    const loaded = configs.forFile(target.path);
    const format = formatOf(target.path);
    const force = target.explicit || matchesPolicyGlobs(target.path, loaded);
    if (!format && !force) continue;
    let source: Source;
    try {
      source = readSource(target.path, MAX_POLICY_BYTES);
    } catch (error) {
      io.stderr(`cek-policy: cannot read ${relative(io.cwd, target.path)}: ${describeError(error)}`);
      ioFailed = true;
      continue;
    }
    const options = { today: loaded.config.today ?? systemToday(), config: loaded.config, catalog: loaded.catalog, force };
    const path = relative(io.cwd, target.path) || target.path;
    // One file's failure is that file's internal-error finding; the other files are still checked and reported.
    try {
      if (values.fix && source.kind === 'text') {
        const fixed = fixAll(source.text, (current) => checkText(current, target.path, options).findings);
        if (fixed.text !== source.text) {
          writeFileSync(target.path, fixed.text);
          source = { kind: 'text', text: fixed.text };
        }
      }
      results.push({ path, result: checkDocument(documentFromSource(source, target.path), options) });
    } catch (error) {
      results.push({ path, result: failedCheck(target.path, error, options) });
    }
  }
  if (configs.failed) return 2;

  if (command === 'report') {
    const reports = buildReports(results, (file) => configs.forFile(file.result.document.fileName).catalog);
    io.stdout(format === 'json' ? JSON.stringify(reports, null, 2) : format === 'markdown' ? formatReportMarkdown(reports) : formatReportText(reports));
    return ioFailed ? 2 : 0;
  }
  if (format === 'json') io.stdout(formatJson(results));
  else if (format === 'sarif') io.stdout(formatSarif(results, rules, packageJson.version, io.cwd));
  else io.stdout(formatText(results, results.length, io.color));
  if (ioFailed) return 2;
  return results.some((file) => file.result.findings.some((finding) => !finding.suppression && finding.severity === 'error')) ? 1 : 0;
}

/** One loaded config per `.cekpolicy.yaml` (or the one given with --config); problems are printed once. */
class ConfigCache {
  private readonly loaded = new Map<string, LoadedConfig>();
  failed = false;

  constructor(private readonly explicitFile: string | undefined, private readonly overrides: Partial<CheckConfig>, private readonly io: Io) {}

  forFile(path: string): LoadedConfig {
    const file = this.explicitFile ?? findConfigFile(dirname(path));
    const key = file ?? '';
    let loaded = this.loaded.get(key);
    if (!loaded) {
      try {
        loaded = loadConfig(file, this.overrides);
      } catch (error) {
        throw new UsageError(`cannot read config ${file}: ${describeError(error)}`);
      }
      this.loaded.set(key, loaded);
      const shown = file ? relative(this.io.cwd, file) || file : '';
      if (file && loaded.problems.length > 0) {
        const text = loaded.fileText ?? '';
        for (const problem of loaded.problems) {
          const before = text.slice(0, problem.span.start).split(/\r\n|\r|\n/);
          this.io.stderr(`${shown}:${before.length}:${before[before.length - 1].length + 1} config error: ${problem.message}`);
        }
        this.failed = true;
      }
      for (const error of loaded.catalogErrors) this.io.stderr(`cek-policy: warning: catalog ${error}`);
    }
    return loaded;
  }
}

/** Prints the migrated text (one file) or writes it in place (--write); what moved goes to stderr. */
function migrateFiles(paths: string[], write: boolean, io: Io): number {
  if (paths.length === 0) throw new UsageError('migrate needs a Markdown file');
  if (paths.length > 1 && !write) throw new UsageError('migrate prints one file; use --write for several');
  for (const path of paths) {
    const file = resolve(io.cwd, path);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${path}: ${describeError(error)}`);
    }
    const migration = migrateMarkdown(text, file);
    io.stderr(`${path}: ${migration.moved.length ? `moved ${migration.moved.join(', ')} into front matter` : 'nothing to move'}`);
    for (const reason of migration.skipped) io.stderr(`${path}: not moved: ${reason}`);
    if (write) {
      if (migration.text !== text) writeFileSync(file, migration.text);
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

if (require.main === module) {
  const code = main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text + '\n'),
    stderr: (text) => process.stderr.write(text + '\n'),
    cwd: process.cwd(),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  });
  process.exitCode = code;
}
