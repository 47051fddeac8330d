import { realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { MAX_CATALOG_BYTES, MAX_CONFIG_BYTES } from '../parse/limits';
import { readSource } from '../parse/source';
import { builtinCatalog, parseCatalogFile, type Catalog } from './catalog';
import { globMatcher } from './globs';
import { CONFIG_FILE_NAME, mergeConfig, parseConfigText, type CheckConfig, type ConfigProblem } from './config';
import { append } from '../arrays';

/** A configuration as loaded from disk: data only (YAML and JSON), never code. */
export interface LoadedConfig {
  config: CheckConfig;
  /** The `.cekpolicy.yaml` in effect, if any. */
  file?: string;
  /** Its text as read (problems' spans are offsets into it). */
  fileText?: string;
  problems: ConfigProblem[];
  catalog: Catalog;
  /** One line per catalog that could not be used; the built-in catalog always works. */
  catalogErrors: string[];
}

/** Finds `.cekpolicy.yaml` in the directory or its ancestors. */
export function findConfigFile(fromDirectory: string): string | undefined {
  let directory = resolve(fromDirectory);
  for (;;) {
    const candidate = join(directory, CONFIG_FILE_NAME);
    let stats;
    try {
      stats = statSync(candidate, { throwIfNoEntry: false });
    } catch {
      stats = undefined; // an unreadable folder holds no config we can use; keep looking upward
    }
    if (stats && !stats.isDirectory()) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** Loads a config file (or none) and layers overrides (CLI flags) on top. */
export function loadConfig(file: string | undefined, ...overrides: Partial<CheckConfig>[]): LoadedConfig {
  return loadLayeredConfig(file, [], overrides);
}

/**
 * Config layers: `below` the file (editor settings), the file, then `above` it (CLI flags). The workspace, where
 * catalogs may live, is the folder of the config file, else `workspace` (the CLI's working directory, the
 * editor's workspace folder). An I/O error on the config file is thrown; a file that cannot be used as config
 * (not a regular file, too large, not UTF-8) is a problem on it and the defaults apply.
 */
export function loadLayeredConfig(file: string | undefined, below: Partial<CheckConfig>[], above: Partial<CheckConfig>[], workspace: string | undefined = process.cwd()): LoadedConfig {
  let fileConfig: Partial<CheckConfig> = {};
  let problems: ConfigProblem[] = [];
  let fileText: string | undefined;
  if (file) {
    const source = readSource(file, MAX_CONFIG_BYTES, 'configuration files');
    if (source.kind === 'text') {
      fileText = source.text;
      const parsed = parseConfigText(source.text);
      fileConfig = parsed.config;
      problems = parsed.problems;
    } else {
      fileText = '';
      problems = [{ message: source.message, span: { start: 0, end: 0 } }];
    }
  }
  const config = mergeConfig(...below, fileConfig, ...above);
  const { catalog, errors } = loadCatalogs(config.catalogs, file ? dirname(file) : workspace);
  return { config, file, fileText, problems, catalog, catalogErrors: errors };
}

/**
 * Built-in catalog plus the configured catalog files; a broken file is reported and skipped. A catalog must be a
 * regular file inside the workspace (symbolic links resolved), so a configuration cannot point the checker at
 * `/dev/zero`, a FIFO or a secret elsewhere; messages name the path as configured and never quote the file.
 */
export function loadCatalogs(paths: string[], workspace: string | undefined): { catalog: Catalog; errors: string[] } {
  let catalog = builtinCatalog();
  const errors: string[] = [];
  for (const path of paths) {
    if (!workspace) {
      errors.push(`${path}: catalogs are read only inside a workspace (the folder of ${CONFIG_FILE_NAME}); skipped`);
      continue;
    }
    let text: string;
    try {
      const file = realpathSync(resolve(workspace, path));
      const root = realpathSync(workspace);
      if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) {
        errors.push(`${path}: outside the workspace (${workspace}); catalogs must be in the folder of ${CONFIG_FILE_NAME} or below; skipped`);
        continue;
      }
      const source = readSource(file, MAX_CATALOG_BYTES, 'catalogs');
      if (source.kind === 'refused') {
        errors.push(`${path}: ${source.message} Skipped.`);
        continue;
      }
      text = source.text;
    } catch (error) {
      errors.push(`${path}: cannot read catalog (${(error as NodeJS.ErrnoException).code ?? 'I/O error'})`);
      continue;
    }
    const parsed = parseCatalogFile(path, text);
    append(errors, parsed.errors);
    if (parsed.controls.length > 0) catalog = catalog.with(parsed.controls);
  }
  return { catalog, errors };
}

/** True when the file matches the config's `files` globs (relative to the config file's directory). */
export function matchesPolicyGlobs(filePath: string, loaded: Pick<LoadedConfig, 'config' | 'file'>, baseDirectory = loaded.file ? dirname(loaded.file) : process.cwd()): boolean {
  if (loaded.config.files.length === 0) return false;
  const relativePath = relative(baseDirectory, resolve(filePath)).split(sep).join('/');
  if (relativePath.startsWith('../')) return false;
  return globMatcher(loaded.config.files)(relativePath);
}
