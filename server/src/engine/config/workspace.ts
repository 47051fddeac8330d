import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { builtinCatalog, parseCatalogFile, type Catalog } from './catalog';
import { CONFIG_FILE_NAME, mergeConfig, parseConfigText, type CheckConfig, type ConfigProblem } from './config';

/** A configuration as loaded from disk: data only (YAML and JSON), never code. */
export interface LoadedConfig {
  config: CheckConfig;
  /** The `.cekpolicy.yaml` in effect, if any. */
  file?: string;
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
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** Loads a config file (or none) and layers overrides (CLI flags) on top. */
export function loadConfig(file: string | undefined, ...overrides: Partial<CheckConfig>[]): LoadedConfig {
  return loadLayeredConfig(file, [], overrides);
}

/** Config layers: `below` the file (editor settings), the file, then `above` it (CLI flags). */
export function loadLayeredConfig(file: string | undefined, below: Partial<CheckConfig>[], above: Partial<CheckConfig>[]): LoadedConfig {
  let fileConfig: Partial<CheckConfig> = {};
  let problems: ConfigProblem[] = [];
  if (file) {
    const parsed = parseConfigText(readFileSync(file, 'utf8'));
    fileConfig = parsed.config;
    problems = parsed.problems;
  }
  const config = mergeConfig(...below, fileConfig, ...above);
  const { catalog, errors } = loadCatalogs(config.catalogs, file ? dirname(file) : process.cwd());
  return { config, file, problems, catalog, catalogErrors: errors };
}

/** Built-in catalog plus the configured catalog files; a broken file is reported and skipped. */
export function loadCatalogs(paths: string[], baseDirectory: string): { catalog: Catalog; errors: string[] } {
  let catalog = builtinCatalog();
  const errors: string[] = [];
  for (const path of paths) {
    const file = isAbsolute(path) ? path : join(baseDirectory, path);
    let text: string;
    try {
      if (statSync(file).size > 16 * 1024 * 1024) {
        errors.push(`${path}: catalog file is larger than 16 MB; skipped`);
        continue;
      }
      text = readFileSync(file, 'utf8');
    } catch (error) {
      errors.push(`${path}: cannot read catalog (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      continue;
    }
    const parsed = parseCatalogFile(path, text);
    errors.push(...parsed.errors);
    if (parsed.controls.length > 0) catalog = catalog.with(parsed.controls);
  }
  return { catalog, errors };
}

/** True when the file matches the config's `files` globs (relative to the config file's directory). */
export function matchesPolicyGlobs(filePath: string, loaded: Pick<LoadedConfig, 'config' | 'file'>, baseDirectory = loaded.file ? dirname(loaded.file) : process.cwd()): boolean {
  if (loaded.config.files.length === 0) return false;
  const relativePath = relative(baseDirectory, resolve(filePath)).split(sep).join('/');
  if (relativePath.startsWith('../')) return false;
  return picomatch(loaded.config.files, { dot: true })(relativePath);
}
