import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';

const POLICY_EXTENSIONS = ['.yaml', '.yml', '.md', '.markdown'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.cache']);

export interface CheckTarget {
  path: string;
  /** Named explicitly on the command line: always checked, even without the policy marker. */
  explicit: boolean;
}

export class UsageError extends Error {}

/** Expands CLI arguments (files, directories, globs) into the files to check, in a stable order. */
export function expandTargets(args: string[], cwd = process.cwd()): CheckTarget[] {
  const targets = new Map<string, CheckTarget>();
  const add = (path: string, explicit: boolean) => {
    const existing = targets.get(path);
    if (!existing || (explicit && !existing.explicit)) targets.set(path, { path, explicit });
  };
  for (const arg of args) {
    if (picomatch.scan(arg).isGlob) {
      const { base, glob } = picomatch.scan(arg);
      const root = resolve(cwd, base || '.');
      const matcher = picomatch(glob, { dot: false });
      const matches = walk(root).filter((file) => matcher(relative(root, file).split(sep).join('/')));
      if (matches.length === 0) throw new UsageError(`no files match ${arg}`);
      for (const file of matches) add(file, true);
      continue;
    }
    const path = resolve(cwd, arg);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      throw new UsageError(`cannot read ${arg}: ${describeError(error)}`);
    }
    if (isDirectory) for (const file of walk(path).filter(hasPolicyExtension)) add(file, false);
    else add(path, true);
  }
  return [...targets.values()].sort((a, b) => a.path.localeCompare(b.path));
}

function hasPolicyExtension(file: string): boolean {
  return POLICY_EXTENSIONS.some((extension) => file.toLowerCase().endsWith(extension));
}

function walk(directory: string): string[] {
  const files: string[] = [];
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`cannot read ${directory}: ${describeError(error)}`);
  }
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) files.push(...walk(path));
    } else if (entry.isFile()) {
      files.push(path);
    }
  }
  return files;
}

export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return code ?? (error instanceof Error ? error.message : String(error));
}
