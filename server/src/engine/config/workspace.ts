import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { MAX_CATALOG_BYTES, MAX_CONFIG_BYTES } from '../parse/limits';
import { isInside, readSource } from '../parse/source';
import { builtinCatalog, parseCatalogFile, parsePackFolder, type Catalog } from './catalog';
import { loadProfiles } from '../crypto/profileFile';
import { CONFIG_FILE_NAME, CONFIG_FILE_NAMES, mergeConfig, parseConfigText, type CheckConfig, type ConfigProblem, type ParseConfigOptions } from './config';
import { LineIndex } from '../parse/text';
import { PRESET_NAMES, PRESETS } from './presets';
import { globMatcher } from './globs';
import { append } from '../arrays';

/** A configuration as loaded from disk: data only (YAML and JSON), never code. */
export interface LoadedConfig {
  config: CheckConfig;
  /** The configuration file in effect (`.cekpolicy.yaml`, `.yml` or `.json`), if any. */
  file?: string;
  /** Its text as read (problems' spans are offsets into it). */
  fileText?: string;
  problems: ConfigProblem[];
  catalog: Catalog;
  /** One line per catalog that could not be used; the built-in catalog always works. */
  catalogErrors: string[];
}

/** The configuration files in one folder (more than one is an error: which one applies would be a guess). */
export function configFilesIn(directory: string): string[] {
  const found: string[] = [];
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = join(directory, name);
    let stats;
    try {
      stats = statSync(candidate, { throwIfNoEntry: false });
    } catch {
      stats = undefined; // an unreadable folder holds no config we can use; keep looking upward
    }
    if (stats && !stats.isDirectory()) found.push(candidate);
  }
  return found;
}

/** Finds `.cekpolicy.yaml` (or `.yml`, `.json`) in the directory or its ancestors: the nearest folder that has one. */
export function findConfigFile(fromDirectory: string): string | undefined {
  let directory = resolve(fromDirectory);
  for (;;) {
    const found = configFilesIn(directory);
    if (found.length > 0) return found[0];
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** How deep `extends:` may chain: deeper is refused (a chain that long is a mistake, and the stack stays bounded). */
const MAX_EXTENDS_DEPTH = 8;

/** Loads a config file (or none) and layers overrides (CLI flags) on top. */
export function loadConfig(file: string | undefined, overrides: Partial<CheckConfig>[] = [], options: ParseConfigOptions = {}): LoadedConfig {
  return loadLayeredConfig(file, [], overrides, process.cwd(), options);
}

/**
 * Config layers: `below` the file (editor settings), the file, then `above` it (CLI flags). The workspace, where
 * catalogs may live, is the folder of the config file, else `workspace` (the CLI's working directory, the
 * editor's workspace folder). An I/O error on the config file is thrown; a file that cannot be used as config
 * (not a regular file, too large, not UTF-8) is a problem on it and the defaults apply.
 */
export function loadLayeredConfig(file: string | undefined, below: Partial<CheckConfig>[], above: Partial<CheckConfig>[], workspace: string | undefined = process.cwd(), options: ParseConfigOptions = {}): LoadedConfig {
  let fileLayers: Partial<CheckConfig>[] = [];
  let problems: ConfigProblem[] = [];
  let fileText: string | undefined;
  if (file) {
    const loaded = loadConfigFile(file, options, []);
    fileLayers = loaded.layers;
    problems = loaded.problems;
    fileText = loaded.text;
    const siblings = configFilesIn(dirname(file)).filter((sibling) => basename(sibling) !== basename(file));
    if (siblings.length > 0 && CONFIG_FILE_NAMES.some((name) => name === basename(file))) {
      const names = [basename(file), ...siblings.map((sibling) => basename(sibling))].sort((a, b) => CONFIG_FILE_NAMES.indexOf(a as never) - CONFIG_FILE_NAMES.indexOf(b as never));
      problems.unshift({ message: `More than one configuration file in ${dirname(file)}: ${names.join(', ')}; keep one (which one applies would be a guess).`, span: { start: 0, end: 0 } });
    }
  }
  const config = mergeConfig(...below, ...fileLayers, ...above);
  const { catalog, errors } = loadCatalogs(config.catalogs, file ? dirname(file) : workspace);
  if (config.profiles?.length) {
    const loaded = loadProfiles(config.profiles, file ? dirname(file) : workspace);
    config.cryptoProfiles = loaded.profiles;
    append(errors, loaded.errors);
  }
  return { config, file, fileText, problems, catalog, catalogErrors: errors };
}

/**
 * One configuration file and what it extends, as layers (what it extends first, its own settings last). Problems of
 * an extended file are reported on its `extends:` entry, with the place in that file, so that every problem has a
 * span in the text of `file`. `chain`: the real paths of the files extending this one (a cycle is refused).
 */
function loadConfigFile(file: string, options: ParseConfigOptions, chain: string[]): { layers: Partial<CheckConfig>[]; problems: ConfigProblem[]; text: string } {
  const source = readSource(file, MAX_CONFIG_BYTES, 'configuration files');
  if (source.kind !== 'text') return { layers: [], problems: [{ message: source.message, span: { start: 0, end: 0 } }], text: '' };
  const parsed = parseConfigText(source.text, options);
  // `cbom:` is relative to the file that says it (an extended file's to that file), and stays in its folder.
  if (parsed.config.cbom) parsed.config.cbom = { ...parsed.config.cbom, file: resolve(dirname(file), parsed.config.cbom.path), root: dirname(file) };
  const problems = [...parsed.problems];
  const layers: Partial<CheckConfig>[] = [];
  const real = realPath(file);
  for (const entry of parsed.extends) {
    const preset = Object.prototype.hasOwnProperty.call(PRESETS, entry.name) ? PRESETS[entry.name] : undefined;
    if (preset) {
      layers.push(preset);
      continue;
    }
    const relativePath = entry.name.startsWith('./') || entry.name.startsWith('../');
    const target = relativePath ? resolve(dirname(file), entry.name) : packageConfigFile(entry.name, dirname(file));
    if (!target) {
      const asPackage = PACKAGE_NAME.test(entry.name) ? `, nor an installed package (node_modules/${entry.name.slice(0, 60)}) holding ${PACKAGE_CONFIG_NAMES.join(', ')}` : '';
      problems.push({ message: `\`extends\` names "${entry.name.slice(0, 60)}", which is neither a preset (${PRESET_NAMES.join(', ')}) nor a path to a configuration file (starting with ./ or ../)${asPackage}; it is ignored.`, span: entry.span });
      continue;
    }
    const targetReal = realPath(target);
    if (targetReal === real || chain.includes(targetReal)) {
      problems.push({ message: `\`extends\` "${entry.name}" leads back to a configuration that extends it (a cycle); it is ignored.`, span: entry.span });
      continue;
    }
    if (chain.length + 1 >= MAX_EXTENDS_DEPTH) {
      problems.push({ message: `\`extends\` "${entry.name}" is more than ${MAX_EXTENDS_DEPTH} configurations deep; it is ignored.`, span: entry.span });
      continue;
    }
    let extended: ReturnType<typeof loadConfigFile>;
    try {
      extended = loadConfigFile(target, options, [...chain, real]);
    } catch (error) {
      problems.push({ message: `\`extends\` "${entry.name}": cannot read it (${(error as NodeJS.ErrnoException).code ?? 'I/O error'}); it is ignored.`, span: entry.span });
      continue;
    }
    const lines = new LineIndex(extended.text);
    for (const problem of extended.problems) {
      const at = lines.positionAt(problem.span.start);
      problems.push({ message: `In "${entry.name}" (line ${at.line + 1}, column ${at.character + 1}): ${problem.message}`, span: entry.span });
    }
    append(layers, extended.layers);
  }
  layers.push(parsed.config);
  problems.sort((a, b) => a.span.start - b.span.start);
  return { layers, problems, text: source.text };
}

/** An npm package name, scoped or not, with an optional path inside the package: `@acme/cek-config/strict.yaml`. */
const PACKAGE_NAME = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*(?:\/[A-Za-z0-9._~-]+)*$/;
/** The files a package's root may hold its configuration in, looked for in this order. */
const PACKAGE_CONFIG_NAMES = ['cekpolicy.yaml', 'cekpolicy.yml', 'cekpolicy.json'];

/**
 * A shared configuration installed as an npm package, found as Node finds packages (`node_modules/NAME` in the
 * folder of the configuration, then upward): its `cekpolicy.yaml` (`.yml`, `.json`), or the file a path after the
 * package name names. Read as data like any configuration; nothing of the package is run (its package.json is not
 * even read). Undefined when the name is no package name or nothing is installed under it.
 */
function packageConfigFile(name: string, from: string): string | undefined {
  if (!PACKAGE_NAME.test(name) || name.split('/').includes('..')) return undefined;
  const parts = name.split('/');
  const packageParts = name.startsWith('@') ? 2 : 1;
  const packageName = parts.slice(0, packageParts).join('/');
  const inside = parts.slice(packageParts).join('/');
  let directory = resolve(from);
  for (;;) {
    const root = join(directory, 'node_modules', packageName);
    const candidates = inside ? [join(root, inside)] : PACKAGE_CONFIG_NAMES.map((fileName) => join(root, fileName));
    for (const candidate of candidates) {
      try {
        if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
      } catch {
        // unreadable: look further up
      }
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Built-in catalog plus the configured catalog files; a broken file is reported and skipped. A catalog must be a
 * regular file inside the workspace (symbolic links resolved), so a configuration cannot point the checker at
 * `/dev/zero`, a FIFO or a secret elsewhere; messages name the path as configured and never quote the file.
 */
export function loadCatalogs(paths: string[], workspace: string | undefined): { catalog: Catalog; errors: string[] } {
  let catalog = builtinCatalog();
  const errors: string[] = [];
  const questions: { control: string; id: string; question: string; file: string }[] = [];
  for (const path of paths) {
    if (!workspace) {
      errors.push(`${path}: catalogs are read only inside a workspace (the folder of ${CONFIG_FILE_NAME}); skipped`);
      continue;
    }
    let files: { name: string; file: string }[];
    try {
      const file = realpathSync(resolve(workspace, path));
      const root = realpathSync(workspace);
      if (!isInside(root, file)) {
        errors.push(`${path}: outside the workspace (${workspace}); catalogs must be in the folder of ${CONFIG_FILE_NAME} or below; skipped`);
        continue;
      }
      if (statSync(file).isDirectory() && isPackFolder(file)) {
        // Regular files only: a part that is a symbolic link could lead out of the workspace.
        const read = (part: string) => { try { if (!lstatSync(join(file, part)).isFile()) return undefined; } catch { return undefined; } const source = readSource(join(file, part), MAX_CATALOG_BYTES, 'catalogs'); return source.kind === 'text' ? source.text : undefined; };
        const [control, requirements, concepts] = [read('control.json'), read('requirements.json'), read('concepts.json')];
        const parsed = control && requirements ? parsePackFolder(path, { control, requirements, concepts }) : { controls: [], errors: [`${path}: cannot read the pack's control.json and requirements.json`] };
        append(errors, parsed.errors);
        if (parsed.controls.length > 0) catalog = catalog.with(parsed.controls);
        continue;
      }
      if (statSync(file).isDirectory()) {
        const found = csaCatalogFiles(file);
        if (found.length === 0) {
          errors.push(`${path}: a folder without CSA's catalog layout (objects/x-control/cloudsecurityalliance.org/aicm/<edition>/CEK-NN.json); skipped`);
          continue;
        }
        files = found.map((each) => ({ name: `${path}/${relative(file, each).split(sep).join('/')}`, file: each }));
      } else files = [{ name: path, file }];
    } catch (error) {
      errors.push(`${path}: cannot read catalog (${(error as NodeJS.ErrnoException).code ?? 'I/O error'})`);
      continue;
    }
    for (const { name, file } of files) {
      const source = readSource(file, MAX_CATALOG_BYTES, 'catalogs');
      if (source.kind === 'refused') {
        errors.push(`${name}: ${source.message} Skipped.`);
        continue;
      }
      const parsed = parseCatalogFile(name, source.text);
      append(errors, parsed.errors);
      if (parsed.controls.length > 0) catalog = catalog.with(parsed.controls);
      if (parsed.caiq) append(questions, parsed.caiq.map((question) => ({ ...question, file: name })));
    }
  }
  // CAIQ questions join their controls once every control is read (CSA keeps them in files of their own).
  const merged = catalog.withCaiq(questions);
  catalog = merged.catalog;
  for (const id of merged.unknown) errors.push(`${questions.find((question) => question.id === id)!.file}: CAIQ question ${id} names a control no catalog has; skipped`);
  append(errors, catalog.editionNotes());
  return { catalog, errors };
}

/** A control pack folder (controls/<ID>/ shape): control.json and requirements.json side by side. */
function isPackFolder(folder: string): boolean {
  try {
    return lstatSync(join(folder, 'control.json')).isFile() && lstatSync(join(folder, 'requirements.json')).isFile();
  } catch {
    return false;
  }
}

const CSA_LAYOUT = ['objects', 'x-control', 'cloudsecurityalliance.org', 'aicm'];
/** At most this many control files are read from one catalog folder. */
const MAX_FOLDER_CONTROLS = 64;

/**
 * The CEK control files of a copy of CSA's SecurityControlsCatalog: given the repository, its `aicm` folder or an
 * edition folder, the CEK-NN.json files of the newest edition (or of the edition folder given).
 */
export function csaCatalogFiles(folder: string): string[] {
  const entries = (dir: string) => { try { return readdirSync(dir, { withFileTypes: true }); } catch { return []; } };
  const controlsIn = (dir: string) => entries(dir).filter((entry) => entry.isFile() && /^CEK-\d{2}\.json$/i.test(entry.name)).map((entry) => join(dir, entry.name)).sort().slice(0, MAX_FOLDER_CONTROLS);
  const direct = controlsIn(folder);
  if (direct.length > 0) return direct;
  const editionsOf = (dir: string) => entries(dir).filter((entry) => entry.isDirectory() && /^\d+(\.\d+)*$/.test(entry.name)).map((entry) => entry.name)
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
  for (const aicm of [join(folder, ...CSA_LAYOUT), folder]) {
    const [newest] = editionsOf(aicm);
    if (!newest) continue;
    // The CAIQ questions of the same edition sit beside the controls, under aicm-caiq/<edition>/CEK-NN.M.json.
    const caiqFolder = join(dirname(aicm), 'aicm-caiq', newest);
    const caiq = entries(caiqFolder).filter((entry) => entry.isFile() && /^CEK-\d{2}\.\d+\.json$/i.test(entry.name)).map((entry) => join(caiqFolder, entry.name)).sort().slice(0, MAX_FOLDER_CONTROLS);
    return [...controlsIn(join(aicm, newest)), ...caiq];
  }
  return [];
}

/** True when the file matches the config's `files` globs (relative to the config file's directory). */
export function matchesPolicyGlobs(filePath: string, loaded: Pick<LoadedConfig, 'config' | 'file'>, baseDirectory = loaded.file ? dirname(loaded.file) : process.cwd()): boolean {
  if (loaded.config.files.length === 0) return false;
  const relativePath = relative(baseDirectory, resolve(filePath)).split(sep).join('/');
  if (relativePath.startsWith('../')) return false;
  return globMatcher(loaded.config.files)(relativePath);
}
