import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { ROOT, edit, example } from '../helpers/ruleTester';

export const CLI = join(ROOT, 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the process was killed (the 60 s timeout is a safety net for a hang, such as a FIFO read). */
  signal: NodeJS.Signals | null;
  /** The folder it ran in. */
  cwd: string;
}

/** Runs the built CLI as a real process; colour is off unless the case sets the environment itself. */
export function cli(args: string[], cwd = ROOT, options: { input?: string; env?: Record<string, string | undefined> } = {}): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024, input: options.input ?? '', env: env as NodeJS.ProcessEnv });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal, cwd };
}

/** A fresh folder with these files; a `.git` folder makes it a repository root when asked. */
export function workspace(files: Record<string, string | Buffer>, options: { git?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'cek-cli-'));
  if (options.git) mkdirSync(join(dir, '.git'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

export const policy = example('key-management-policy.yaml');
/** The compliant policy without its owner (no `owner`, and no Policy Owner role that would name one): one error (owner-missing). */
export const gap = edit(edit(policy, 'owner: { name: Lena Okafor, role: Head of Security }\n', ''), 'title: Policy Owner', 'title: Policy Steward');

/** One finding of `check --format json`, flattened from ESLint's results for assertions (paths relative to the run's folder). */
export interface FlatFinding {
  file: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  control: string;
  guidelines: string[];
  fixable: boolean;
}

/** The findings of a `check --format json` run (its `messages`, file by file), each with its file relative to the run's folder. */
export function findingsOf(run: Pick<CliRun, 'stdout' | 'cwd'>): FlatFinding[] {
  const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; level: FlatFinding['severity']; line: number; column: number; endLine: number; endColumn: number; message: string; control: string; guidelines: string[]; fix?: unknown }[] }[];
  return results.flatMap((result) => result.messages.map((message) => ({
    file: isAbsolute(result.filePath) ? relative(run.cwd, result.filePath) : result.filePath,
    rule: message.ruleId,
    severity: message.level,
    line: message.line,
    column: message.column,
    endLine: message.endLine,
    endColumn: message.endColumn,
    message: message.message,
    control: message.control,
    guidelines: message.guidelines,
    fixable: message.fix !== undefined,
  })));
}
