import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ProjectLoaders } from '../cli/policySetLoader';
import type { CheckConfig } from '../engine/config/config';
import { formatOf, parsePolicyDocument, type PolicyFormat } from '../engine/parse/document';
import type { Checkpoint } from '../engine/parse/limits';
import { checkDocument, type CheckOptions, type CheckResult } from '../engine/engine';
import { findConfigFile, loadLayeredConfig, matchesPolicyGlobs, type LoadedConfig } from '../engine/config/workspace';
import { DEFAULT_SETTINGS, type EditorSettings } from './settings';
import { rules as allRules } from '../engine/rules';
import { forgetBoms } from './cbom';

/** The ids a config's `rules:` may name (configuration does not know the rules; it is told). */
const RULE_IDS = allRules.map((rule) => rule.id);

export { DEFAULT_SETTINGS, type EditorSettings } from './settings';

export interface Analysis {
  uri: string;
  version: number;
  result: CheckResult;
  loaded: LoadedConfig;
  today: string;
}

export function pathOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * Settings become the lowest config layer; `.cekpolicy.yaml` overrides them where it speaks. `workspace`: the folder
 * the settings' paths are relative to (`cekPolicy.cbom`; without one the setting has no meaning and is left out).
 */
export function settingsLayer(settings: EditorSettings, workspace?: string): Partial<CheckConfig> {
  const layer: Partial<CheckConfig> = {};
  if (settings.cbom && workspace) layer.cbom = { path: settings.cbom, file: resolve(workspace, settings.cbom), root: workspace, origin: 'setting' };
  if (settings.actor) layer.actor = [settings.actor];
  if (settings.files.length) layer.files = settings.files;
  if (settings.catalogs.length) layer.catalogs = settings.catalogs;
  if (Object.keys(settings.rules).length) layer.rules = settings.rules;
  if (settings.review.maxIntervalMonths) layer.review = { maxIntervalMonths: settings.review.maxIntervalMonths, dueSoonDays: 30 };
  if (settings.today) layer.today = settings.today;
  return layer;
}

/** Config per `.cekpolicy.yaml`, reloaded only when told (file watcher, settings change). */
export class ConfigStore {
  private readonly cache = new Map<string, LoadedConfig>();
  /** Checked settings (see `readSettings`): every field has a value of its declared type. */
  settings: EditorSettings = DEFAULT_SETTINGS;
  /** Workspace folders' own settings, deepest first; `settings` applies outside them. */
  folderSettings: { path: string; settings: EditorSettings }[] = [];
  /** The first workspace folder: where catalogs named in settings may live when no `.cekpolicy.yaml` is found. */
  workspace?: string;
  /**
   * The documents a policy's references resolve to: those of the workspace folder that holds the policy (else of its
   * project: the folder of `.cekpolicy.yaml`, else the git root, else its folder), named by URI as the editor shows them. Their id and title index is dropped when
   * files of the workspace change (`filesChanged`).
   */
  readonly projects = new ProjectLoaders((path) => pathToFileURL(path).href, undefined, (file) => this.folderOf(file)?.path ?? this.workspace);

  settingsFor(path: string | undefined): EditorSettings {
    return this.folderOf(path)?.settings || this.settings;
  }

  /** The workspace folder a file is in (the deepest), if any. */
  folderOf(path: string | undefined): { path: string; settings: EditorSettings } | undefined {
    return path ? this.folderSettings.find((folder) => !relative(folder.path, path).startsWith('..')) : undefined;
  }

  clear(): void {
    this.cache.clear();
    this.projects.invalidate();
    forgetBoms();
  }

  /** YAML or Markdown files of the workspace changed: references are looked up again. */
  filesChanged(): void {
    this.projects.invalidate();
  }

  forPath(path: string | undefined): LoadedConfig {
    return this.forPathWith(path, path ? findConfigFile(dirname(path)) : undefined);
  }

  /** As `forPath`, the `.cekpolicy.yaml` in effect (undefined: none) being known (a workspace scan looks it up once per folder). */
  forPathWith(path: string | undefined, file: string | undefined): LoadedConfig {
    const folder = this.folderOf(path);
    const settings = folder?.settings || this.settings;
    const workspace = folder?.path ?? this.workspace;
    const key = `${this.folderSettings.findIndex((folder) => folder.settings === settings)}:${file ?? ''}`;
    let loaded = this.cache.get(key);
    if (!loaded) {
      try {
        loaded = loadLayeredConfig(file, [settingsLayer(settings, workspace)], [], workspace, { ruleIds: RULE_IDS });
      } catch {
        loaded = loadLayeredConfig(undefined, [settingsLayer(settings, workspace)], [], workspace, { ruleIds: RULE_IDS });
      }
      this.cache.set(key, loaded);
    }
    return loaded;
  }
}

/** How one document is checked: its format, configuration, whether `files:` globs make it a policy, and today. */
export interface DocumentSettings {
  path?: string;
  format: PolicyFormat;
  loaded: LoadedConfig;
  /** Matched by the `files:` globs: checked as a policy without the marker. */
  force: boolean;
  today: string;
  /** Where the document's references resolve (see ConfigStore.projects). */
  projects?: ProjectLoaders;
}

/** Undefined for a document that is neither YAML nor Markdown. */
export function documentSettings(uri: string, languageId: string, configs: ConfigStore, systemToday: string): DocumentSettings | undefined {
  const path = pathOfUri(uri);
  const format = formatOf(path ?? uri, languageId);
  if (!format) return undefined;
  const loaded = configs.forPath(path);
  return { path, format, loaded, force: path ? matchesPolicyGlobs(path, loaded) : false, today: loaded.config.today ?? systemToday, projects: configs.projects };
}

/** `checkpoint`: called while the text is parsed, and once after; it throws to abandon the check (see Checkpoint). */
export function analyze(uri: string, version: number, text: string, languageId: string, configs: ConfigStore, systemToday: string, timeBudget?: CheckOptions['timeBudget'], checkpoint?: Checkpoint): Analysis | undefined {
  const settings = documentSettings(uri, languageId, configs, systemToday);
  return settings && analyzeWith(uri, version, text, settings, timeBudget, checkpoint);
}

/** `analyze` with the document's settings already known (a workspace scan has looked up its configuration). */
export function analyzeWith(uri: string, version: number, text: string, settings: DocumentSettings, timeBudget?: CheckOptions['timeBudget'], checkpoint?: Checkpoint): Analysis {
  const { path, format, loaded, force, today } = settings;
  const document = parsePolicyDocument(text, path ?? uri, format, checkpoint);
  // The rules take a fifth of a check: the last moment to give it up.
  checkpoint?.();
  // A document on disk resolves its references in its project; an untitled one has none to resolve against.
  const result = checkDocument(document, { today, config: loaded.config, catalog: loaded.catalog, force, timeBudget, ...(path && settings.projects ? { policySet: settings.projects.forFile(path) } : {}) });
  return { uri, version, result, loaded, today };
}
