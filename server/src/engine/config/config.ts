import { globRefusal } from './globs';
import { append } from '../arrays';
import configSchema from '../../../../schemas/cekpolicy-config.schema.json';
import { isIsoDate } from '../parse/dates';
import { unknownRuleProblems } from './configProblems';
import { bomLength, snapOffset } from '../parse/text';
import { nodeAtPointer, parseYaml, toPlain, type PNode } from '../parse/yamlModel';
import { normalizeRuleSeverities } from './severity';
import { validateValue, type ValueProblem, type ValueSchema } from './validate';
import { BUILTIN_PROFILES, builtinProfile, type CryptoProfile } from '../crypto/profiles';
import type { SeveritySetting, Span } from '../types';

/** Everything a check can be configured with; `.cekpolicy.yaml` and editor settings both end up here. */
export interface CheckConfig {
  today?: string;
  /** Actor(s) for documents that do not say (`actor:` in the document wins). */
  actor?: string[];
  files: string[];
  catalogs: string[];
  /** Control ids judged (the packs and CEK-01/02); undefined: the whole CEK domain plus user catalogs' judged controls. */
  controls?: string[];
  rules: Record<string, SeveritySetting>;
  review: { maxIntervalMonths: number; dueSoonDays: number };
  roles: { reviewMonths: number; trainingMonths: number };
  duties: { required?: string[]; add: string[]; remove: string[] };
  segregation?: [string, string][];
  /** `max_per_rule`: findings of one rule listed per file by the CLI before the rest are counted in one (0: all). */
  maxPerRule?: number;
  /** Cryptography profile as `id` or `id+option+...` (`nist+rev3+fips`); the policy's own `profile:` wins over it. */
  profile?: string;
  /** `--profile` on the CLI: wins over the policy and the config file. */
  profileOverride?: string;
  /** User profile files (paths relative to the config file). */
  profiles?: string[];
  /** The user profiles loaded from `profiles` (by the workspace loader: the engine reads no files). */
  cryptoProfiles?: CryptoProfile[];
  /** A rule whose severity is not configured reports its warnings as errors (the `strict` preset). */
  warningsAsErrors?: boolean;
  /** A CycloneDX BOM the policies are compared with (see CbomSetting). */
  cbom?: CbomSetting;
}

/**
 * `cbom:` in a configuration file (relative to it) or the `cekPolicy.cbom` setting (relative to the workspace
 * folder): `file` is where it resolves, `root` the folder it must stay inside (the BOM is workspace content).
 */
export interface CbomSetting {
  /** As written. */
  path: string;
  /** Absolute; set by the loader (parseConfigText leaves it as written). */
  file: string;
  root: string;
  origin: 'config' | 'setting';
}

export const DEFAULT_CONFIG: CheckConfig = {
  files: [],
  catalogs: [],
  rules: {},
  review: { maxIntervalMonths: 12, dueSoonDays: 30 },
  roles: { reviewMonths: 12, trainingMonths: 12 },
  duties: { add: [], remove: [] },
};

/** The names a configuration file may have, in the order they are looked for; two in one folder is an error. */
export const CONFIG_FILE_NAMES = ['.cekpolicy.yaml', '.cekpolicy.yml', '.cekpolicy.json'] as const;
export const CONFIG_FILE_NAME = CONFIG_FILE_NAMES[0];

/** True for a path whose last part is one of CONFIG_FILE_NAMES. */
export function isConfigFileName(path: string): boolean {
  return CONFIG_FILE_NAMES.some((name) => path === name || path.endsWith(`/${name}`) || path.endsWith(`\\${name}`));
}

/** One entry of `extends:` as written, with where it is (problems of what it names are reported there). */
export interface ExtendsEntry {
  name: string;
  span: Span;
}

export interface ParseConfigOptions {
  /** The rule ids a `rules:` key may name; without them, rule ids are not checked. */
  ruleIds?: readonly string[];
}

export interface ConfigProblem {
  message: string;
  span: Span;
}

interface RawConfig {
  today?: string;
  actor?: string | string[];
  files?: string[];
  catalogs?: string[];
  controls?: string[];
  extends?: string | string[];
  rules?: Record<string, string | number>;
  review?: { max_interval_months?: number; due_soon_days?: number };
  roles?: { review_months?: number; training_months?: number };
  duties?: { required?: string[]; add?: string[]; remove?: string[] };
  segregation?: [string, string][];
  max_per_rule?: number;
  profile?: string | { id: string; rev3?: boolean; fips?: boolean };
  profiles?: string[];
  warnings_as_errors?: boolean;
  cbom?: string;
}

/** The name of a config value in messages: `review.max_interval_months`, `catalogs[2]`. */
export function configPath(path: (string | number)[]): string {
  return `\`${path.map((step, index) => (typeof step === 'number' ? `[${step}]` : `${index > 0 ? '.' : ''}${step.length > 40 ? `${step.slice(0, 40)}…` : step}`)).join('')}\``;
}

/**
 * Parses `.cekpolicy.yaml` text (data only) into a partial config plus problems with exact spans. Every value is
 * checked against the schema before use: a bad one is reported once, on its own line, and left out, so its
 * default applies while the good values still count. Never throws.
 */
export function parseConfigText(text: string, options: ParseConfigOptions = {}): { config: Partial<CheckConfig>; problems: ConfigProblem[]; extends: ExtendsEntry[] } {
  const start = bomLength(text);
  const parsed = parseYaml(text.slice(start), start);
  const inside = (span: Span): Span => {
    const from = snapOffset(text, span.start);
    return { start: from, end: Math.max(from, snapOffset(text, span.end)) };
  };
  const problems: ConfigProblem[] = parsed.errors.map((error) => ({ message: error.message, span: inside(error.span) }));
  if (problems.length > 0 || !parsed.root) return { config: {}, problems, extends: [] };
  const root = parsed.root;
  const valueProblems: ValueProblem[] = [];
  const raw = validateValue(configSchema as ValueSchema, toPlain(root), [], configPath, valueProblems) as RawConfig | undefined;
  for (const problem of valueProblems) {
    const pointer = problem.path.map((step) => `/${String(step).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
    const { node, entry } = nodeAtPointer(root, pointer);
    const message = problem.path.length === 0 ? 'The configuration must be a mapping of settings (today, actor, files, rules, ...); it is ignored.' : problem.message;
    problems.push({ message, span: problem.atKey && entry ? entry.keySpan : node.span });
  }
  if (options.ruleIds) append(problems, unknownRuleProblems(root, options.ruleIds));
  if (!raw) return { config: {}, problems, extends: [] };
  const config = raw;
  if (config.today !== undefined && !isIsoDate(String(config.today))) {
    const { node } = nodeAtPointer(root, '/today');
    problems.push({ message: '`today` must be a real date as YYYY-MM-DD; it is ignored and the real date is used.', span: node.span });
    delete config.today;
  }
  const result: Partial<CheckConfig> = {};
  if (config.today !== undefined) result.today = String(config.today);
  if (config.actor !== undefined) result.actor = Array.isArray(config.actor) ? config.actor : [config.actor];
  if (config.files) {
    result.files = config.files.filter((glob, index) => {
      const refusal = globRefusal(glob);
      if (refusal) problems.push({ message: `\`files[${index}]\` ${refusal}; it is left out.`, span: nodeAtPointer(root, `/files/${index}`).node.span });
      return !refusal;
    });
  }
  if (config.catalogs) result.catalogs = config.catalogs;
  if (config.controls) result.controls = config.controls.map((id) => id.trim().toUpperCase());
  if (config.rules) result.rules = normalizeRuleSeverities(config.rules);
  if (config.warnings_as_errors !== undefined) result.warningsAsErrors = config.warnings_as_errors;
  if (config.review) result.review = { maxIntervalMonths: config.review.max_interval_months ?? 12, dueSoonDays: config.review.due_soon_days ?? 30 };
  if (config.roles) result.roles = { reviewMonths: config.roles.review_months ?? 12, trainingMonths: config.roles.training_months ?? 12 };
  if (config.duties) result.duties = { required: config.duties.required, add: config.duties.add ?? [], remove: config.duties.remove ?? [] };
  if (config.segregation) result.segregation = config.segregation;
  if (config.max_per_rule !== undefined) result.maxPerRule = config.max_per_rule;
  if (config.profiles) result.profiles = config.profiles;
  if (config.cbom !== undefined) result.cbom = { path: config.cbom, file: config.cbom, root: '', origin: 'config' };
  if (config.profile !== undefined) {
    const name = profileName(config.profile);
    const id = name.split('+')[0];
    if (!config.profiles?.length && !builtinProfile(id)) {
      const { node } = nodeAtPointer(root, typeof config.profile === 'string' ? '/profile' : '/profile/id');
      problems.push({ message: `Unknown cryptography profile \`${id}\`: use ${BUILTIN_PROFILES.map((profile) => `\`${profile.id}\``).join(', ')}, or list a profile file under \`profiles\`; \`nist\` is used.`, span: node.span });
    } else {
      result.profile = name;
    }
  }
  problems.sort((a, b) => a.span.start - b.span.start);
  return { config: result, problems, extends: extendsEntries(root, config.extends) };
}

/** The valid entries of `extends:` (one name or a list), each with its span. */
function extendsEntries(root: PNode, value: RawConfig['extends']): ExtendsEntry[] {
  if (value === undefined) return [];
  const { node } = nodeAtPointer(root, '/extends');
  if (node.kind === 'scalar') return typeof value === 'string' ? [{ name: value, span: node.span }] : [];
  if (node.kind !== 'seq') return [];
  return node.items.flatMap((item) => (item.kind === 'scalar' && typeof item.value === 'string' ? [{ name: item.value, span: item.span }] : []));
}

/**
 * A config in the shape of a configuration file (snake_case keys, `extends` resolved away): what
 * `--print-config` prints, which is itself a valid `.cekpolicy.json`.
 */
export function configFileShape(config: CheckConfig): Record<string, unknown> {
  return {
    ...(config.today !== undefined ? { today: config.today } : {}),
    ...(config.actor !== undefined ? { actor: config.actor } : {}),
    files: config.files,
    catalogs: config.catalogs,
    rules: config.rules,
    review: { max_interval_months: config.review.maxIntervalMonths, due_soon_days: config.review.dueSoonDays },
    roles: { review_months: config.roles.reviewMonths, training_months: config.roles.trainingMonths },
    duties: { ...(config.duties.required !== undefined ? { required: config.duties.required } : {}), add: config.duties.add, remove: config.duties.remove },
    ...(config.segregation !== undefined ? { segregation: config.segregation } : {}),
    warnings_as_errors: config.warningsAsErrors ?? false,
    ...(config.cbom !== undefined ? { cbom: config.cbom.file } : {}),
  };
}

/** `nist`, `{id: nist, rev3: true, fips: true}` as `nist+rev3+fips`. */
export function profileName(value: string | { id: string; rev3?: boolean; fips?: boolean }): string {
  if (typeof value === 'string') return value.trim();
  return [value.id.trim(), ...(value.rev3 ? ['rev3'] : []), ...(value.fips ? ['fips'] : [])].join('+');
}

/** Later layers override earlier ones field by field (rules merge per rule). */
export function mergeConfig(...layers: Partial<CheckConfig>[]): CheckConfig {
  const merged: CheckConfig = structuredClone(DEFAULT_CONFIG);
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer) as [keyof CheckConfig, unknown][]) {
      if (value === undefined) continue;
      if (key === 'rules') merged.rules = { ...merged.rules, ...(value as CheckConfig['rules']) };
      else (merged as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}
