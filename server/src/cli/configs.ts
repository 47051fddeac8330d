import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import type { CheckConfig } from '../engine/config/config';
import { findConfigFile, loadConfig, type LoadedConfig } from '../engine/config/workspace';
import { rules } from '../engine/rules';
import { PACKAGE_VERSION } from '../packageInfo';
import { describeError, UsageError } from './files';

/**
 * The `.cekpolicy.yaml` in effect for each file (or the one given with --config), each loaded once, and the
 * search upward done once per folder. Silent: the main thread says what is wrong with a config; the workers,
 * which load the same files again, only use them.
 */
export class ConfigResolver {
  private readonly byConfigFile = new Map<string, LoadedConfig>();
  private readonly byFolder = new Map<string, string | undefined>();
  private readonly fingerprints = new WeakMap<LoadedConfig, string>();

  /** `explicitFile`: --config, absolute; `overrides`: the CLI flags that change the config (--today). */
  constructor(private readonly explicitFile: string | undefined, private readonly overrides: Partial<CheckConfig>) {}

  /** The config for a file; `fresh` the first time this config is met (to report its problems once). */
  resolve(path: string): { loaded: LoadedConfig; fresh: boolean } {
    const file = this.explicitFile ?? this.configFileFor(dirname(path));
    const key = file ?? '';
    const known = this.byConfigFile.get(key);
    if (known) return { loaded: known, fresh: false };
    let loaded: LoadedConfig;
    try {
      loaded = loadConfig(file, [this.overrides], { ruleIds: rules.map((rule) => rule.id) });
    } catch (error) {
      throw new UsageError(`cannot read config ${file}: ${describeError(error)}`);
    }
    this.byConfigFile.set(key, loaded);
    return { loaded, fresh: true };
  }

  forFile(path: string): LoadedConfig {
    return this.resolve(path).loaded;
  }

  /**
   * What a cached result depends on besides the file itself, as ESLint keys its cache: the package version,
   * the effective config (serialised, with where it lives: `files:` globs are relative to it) and the content
   * of the catalog it checks against.
   */
  fingerprint(loaded: LoadedConfig): string {
    let fingerprint = this.fingerprints.get(loaded);
    if (fingerprint === undefined) {
      const material = JSON.stringify({ version: PACKAGE_VERSION, file: loaded.file ?? null, config: loaded.config, catalog: loaded.catalog.all() });
      fingerprint = createHash('sha256').update(material).digest('hex');
      this.fingerprints.set(loaded, fingerprint);
    }
    return fingerprint;
  }

  private configFileFor(folder: string): string | undefined {
    if (this.byFolder.has(folder)) return this.byFolder.get(folder);
    const file = findConfigFile(folder);
    this.byFolder.set(folder, file);
    return file;
  }
}

/** The resolver of a run from its check context (--config already absolute): in the main thread and in each worker. */
export function contextResolver(context: { configFile?: string; today?: string; profile?: string }): ConfigResolver {
  return new ConfigResolver(context.configFile, { ...(context.today !== undefined ? { today: context.today } : {}), ...(context.profile !== undefined ? { profileOverride: context.profile } : {}) });
}
