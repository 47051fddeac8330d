import { append } from '../engine/arrays';
import { existsSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { MAX_CONFIG_BYTES } from '../engine/parse/limits';
import { isInside, readSource } from '../engine/parse/source';

const POLICY_EXTENSIONS = ['.yaml', '.yml', '.md', '.markdown'];
/** Never walked into, even with --no-ignore (ESLint does the same for node_modules and .git). */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
/** Read in every directory from the repository root down, in this order (a later file can re-include). */
export const IGNORE_FILE_NAMES = ['.gitignore', '.cekpolicyignore'];

/**
 * `named`: given by path on the command line (checked when it is a policy, otherwise skipped with a note);
 * `found`: met while walking a directory or a glob (skipped in silence when not a policy);
 * `forced`: given with --policy (checked as a policy whatever it says).
 */
export type TargetOrigin = 'named' | 'found' | 'forced';

export interface CheckTarget {
  path: string;
  origin: TargetOrigin;
}

export interface Expansion {
  targets: CheckTarget[];
  /** Files named on the command line that an ignore file excludes: one info line each. */
  ignoredNamed: { path: string; ignoreFile: string }[];
  /** Directories or globs that matched no file (ESLint's "no files matching the pattern"). */
  unmatched: string[];
  /** What a walk could not read or did not follow (a folder it cannot list, a link that leads out): one warning line each. */
  warnings: WalkWarning[];
  /** Set when a walk stopped at its limits (`ExpandOptions.limits`): what was left out. */
  leftOut?: string;
}

/** A folder the walk could not read, or a symbolic link it did not follow, and why (said on stderr, and in SARIF). */
export interface WalkWarning {
  path: string;
  message: string;
}

/** Bounds on a walk (the language server's workspace scans; the CLI walks what it is told to). */
export interface WalkLimits {
  /** Policy-extension files listed at most. */
  maxFiles: number;
  /** `now()` past which the walk stops. */
  deadline: number;
  now: () => number;
}

export interface ExpandOptions {
  cwd: string;
  /** Honour .gitignore and .cekpolicyignore (false with --no-ignore). */
  ignore: boolean;
  limits?: WalkLimits;
}

export class UsageError extends Error {}

/** The repository root: the nearest directory, upward, that holds a `.git` entry (a folder, or a file in a worktree). */
export function findRepositoryRoot(from: string): string | undefined {
  for (let directory = resolve(from); ; directory = dirname(directory)) {
    if (existsSync(join(directory, '.git'))) return directory;
    if (dirname(directory) === directory) return undefined;
  }
}

/** Expands CLI arguments (files, directories, globs) and --policy files into the files to check, in a stable order. */
export function expandTargets(args: string[], forced: string[], options: ExpandOptions): Expansion {
  const targets = new Map<string, CheckTarget>();
  const rank: Record<TargetOrigin, number> = { found: 0, named: 1, forced: 2 };
  const add = (path: string, origin: TargetOrigin) => {
    const existing = targets.get(path);
    if (!existing || rank[origin] > rank[existing.origin]) targets.set(path, { path, origin });
  };
  const root = findRepositoryRoot(options.cwd) ?? options.cwd;
  const rules = new IgnoreRules(root);
  const expansion: Expansion = { targets: [], ignoredNamed: [], unmatched: [], warnings: [] };
  const walkFrom = (base: string, accept: (file: string) => boolean): string[] => {
    const walked = walk(base, options.ignore ? rules.forWalk(base) : undefined, accept, options.limits, (path) => relative(options.cwd, path) || path);
    append(expansion.warnings, walked.warnings);
    expansion.leftOut ??= walked.leftOut;
    return walked.files;
  };

  for (const arg of forced) add(existingFile(arg, options.cwd), 'forced');
  for (const arg of args) {
    const scan = picomatch.scan(arg);
    if (scan.isGlob) {
      const base = resolve(options.cwd, scan.base || '.');
      const matcher = picomatch(scan.glob, { dot: false });
      const matches = walkFrom(base, (file) => matcher(toPosix(relative(base, file))));
      if (matches.length === 0) expansion.unmatched.push(unmatchedMessage(arg, base, options, (file) => matcher(toPosix(relative(base, file)))));
      for (const file of matches) add(file, 'found');
      continue;
    }
    const path = resolve(options.cwd, arg);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      throw new UsageError(`cannot read ${arg}: ${describeError(error)}`);
    }
    if (isDirectory) {
      const matches = walkFrom(path, () => true);
      if (matches.length === 0) expansion.unmatched.push(unmatchedMessage(arg, path, options, () => true));
      for (const file of matches) add(file, 'found');
      continue;
    }
    const ignoreFile = options.ignore ? rules.forWalk(dirname(path)).ignoredBy(path, false) : undefined;
    if (ignoreFile) expansion.ignoredNamed.push({ path, ignoreFile });
    else add(path, 'named');
  }
  expansion.targets = [...targets.values()].sort((a, b) => a.path.localeCompare(b.path));
  return expansion;
}

function existingFile(arg: string, cwd: string): string {
  const path = resolve(cwd, arg);
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`--policy takes a file, and ${arg} is a directory`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${arg}: ${describeError(error)}`);
  }
  return path;
}

interface Walked {
  files: string[];
  warnings: WalkWarning[];
  leftOut?: string;
}

/**
 * Files with a policy extension under `directory`, pruning ignored and always-skipped folders; iterative (no depth
 * limit from the stack) and in name order. Nothing is skipped in silence: a folder that cannot be listed is a
 * warning, and so is a symbolic link that leads out of `directory` (not followed: what it points to is not part of
 * what was asked for; naming the file on the command line checks it). A link to a file inside is a file like any
 * other; a link to a folder is not walked (its files are found where they are). A link that leads nowhere is
 * listed, so that reading it fails with a finding that says so.
 */
function walk(directory: string, rules: IgnoreRules | undefined, accept: (file: string) => boolean, limits?: WalkLimits, show: (path: string) => string = (path) => path): Walked {
  const walked: Walked = { files: [], warnings: [] };
  let root: string;
  try {
    root = realpathSync(directory);
  } catch {
    root = directory;
  }
  const pending = [directory];
  const stop = (folder: string, why: string): Walked => {
    walked.leftOut = `${why}; not searched: ${folder}${pending.length > 0 ? ` and ${pending.length.toLocaleString('en')} more folder${pending.length === 1 ? '' : 's'}` : ''}`;
    return walked;
  };
  while (pending.length > 0) {
    const folder = pending.pop()!;
    if (limits && limits.now() > limits.deadline) return stop(show(folder), 'the search for files ran out of time');
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      walked.warnings.push({ path: folder, message: `cannot read the folder ${show(folder)}: ${describeError(error)}; its files are not checked` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: string[] = [];
    for (const [index, entry] of entries.entries()) {
      if (limits && index % 256 === 255 && limits.now() > limits.deadline) return stop(show(folder), 'the search for files ran out of time');
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(entry.name) && !rules?.ignoredBy(path, true)) subfolders.push(path);
        continue;
      }
      if (!hasPolicyExtension(entry.name) || !accept(path) || rules?.ignoredBy(path, false)) continue;
      if (entry.isSymbolicLink()) {
        let target: string | undefined;
        try {
          target = realpathSync(path);
        } catch {
          target = undefined;
        }
        if (target !== undefined) {
          if (!isInside(root, target)) {
            walked.warnings.push({ path, message: `${show(path)} is a symbolic link to ${target}, outside ${show(directory)}: not followed (name it on the command line to check it)` });
            continue;
          }
          if (isDirectoryPath(target)) continue;
        }
      }
      if (limits && walked.files.length >= limits.maxFiles) return stop(`${show(folder)} from ${entry.name}`, `the first ${limits.maxFiles.toLocaleString('en')} YAML and Markdown files are all a scan takes`);
      walked.files.push(path);
    }
    for (let index = subfolders.length - 1; index >= 0; index--) pending.push(subfolders[index]);
  }
  return walked;
}

function isDirectoryPath(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function unmatchedMessage(arg: string, base: string, options: ExpandOptions, accept: (file: string) => boolean): string {
  const withoutIgnore = options.ignore ? walk(base, undefined, accept, options.limits).files.length : 0;
  return withoutIgnore > 0
    ? `all files matched by "${arg}" are ignored by .gitignore or .cekpolicyignore (--no-ignore checks them)`
    : `no policy file (.yaml, .yml, .md, .markdown) matched "${arg}"`;
}

function hasPolicyExtension(file: string): boolean {
  const lower = file.toLowerCase();
  return POLICY_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/**
 * Git's ignore semantics with the `ignore` library: every `.gitignore` and `.cekpolicyignore` from the root
 * down to a file's folder applies to it, relative to the folder it sits in; a deeper file can re-include.
 */
class IgnoreRules {
  private readonly loaded = new Map<string, { file: string; rules: Ignore }[]>();
  private readonly walkRoots = new Map<string, IgnoreRules>();

  constructor(private readonly root: string) {}

  /** Rules for a walk from `directory`: this root's, or the directory's own when it lies outside the root. */
  forWalk(directory: string): IgnoreRules {
    if (isInside(this.root, directory)) return this;
    let rules = this.walkRoots.get(directory);
    if (!rules) this.walkRoots.set(directory, (rules = new IgnoreRules(directory)));
    return rules;
  }

  /** The ignore file (path relative to the root) that excludes `path`, if one does. */
  ignoredBy(path: string, isDirectory: boolean): string | undefined {
    if (!isInside(this.root, path) || path === this.root) return undefined;
    let verdict: string | undefined;
    const steps = toPosix(relative(this.root, dirname(path))).split('/').filter((step) => step && step !== '.');
    let directory = this.root;
    for (let depth = 0; depth <= steps.length; depth++) {
      if (depth > 0) directory = join(directory, steps[depth - 1]);
      const relativePath = toPosix(relative(directory, path)) + (isDirectory ? '/' : '');
      for (const { file, rules } of this.rulesIn(directory)) {
        const result = rules.test(relativePath);
        if (result.ignored) verdict = file;
        else if (result.unignored) verdict = undefined;
      }
    }
    return verdict;
  }

  private rulesIn(directory: string): { file: string; rules: Ignore }[] {
    let found = this.loaded.get(directory);
    if (!found) {
      found = [];
      for (const name of IGNORE_FILE_NAMES) {
        const file = join(directory, name);
        let text: string;
        try {
          // Never a blocking read: a FIFO or a device named .gitignore is refused unread, like any file.
          const source = readSource(file, MAX_CONFIG_BYTES, 'ignore files');
          if (source.kind !== 'text') continue;
          text = source.text;
        } catch {
          continue;
        }
        found.push({ file: toPosix(relative(this.root, file)) || name, rules: ignore().add(text) });
      }
      this.loaded.set(directory, found);
    }
    return found;
  }
}


export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return code ?? (error instanceof Error ? error.message : String(error));
}
