import Ajv from 'ajv';
import configSchema from '../../../../schemas/cekpolicy-config.schema.json';
import { isIsoDate } from '../parse/dates';
import { describeSchemaErrors, unknownRuleProblems } from './configProblems';
import { nodeAtPointer, parseYaml, toPlain } from '../parse/yamlModel';
import type { SeveritySetting, Span } from '../types';

/** Everything a check can be configured with; `.cekpolicy.yaml` and editor settings both end up here. */
export interface CheckConfig {
  today?: string;
  /** Actor(s) for documents that do not say (`actor:` in the document wins). */
  actor?: string[];
  files: string[];
  catalogs: string[];
  rules: Record<string, SeveritySetting>;
  review: { maxIntervalMonths: number; dueSoonDays: number };
  roles: { reviewMonths: number; trainingMonths: number };
  duties: { required?: string[]; add: string[]; remove: string[] };
  segregation?: [string, string][];
}

export const DEFAULT_CONFIG: CheckConfig = {
  files: [],
  catalogs: [],
  rules: {},
  review: { maxIntervalMonths: 12, dueSoonDays: 30 },
  roles: { reviewMonths: 12, trainingMonths: 12 },
  duties: { add: [], remove: [] },
};

export const CONFIG_FILE_NAME = '.cekpolicy.yaml';

export interface ConfigProblem {
  message: string;
  span: Span;
}

interface RawConfig {
  today?: string;
  actor?: string | string[];
  files?: string[];
  catalogs?: string[];
  rules?: Record<string, SeveritySetting>;
  review?: { max_interval_months?: number; due_soon_days?: number };
  roles?: { review_months?: number; training_months?: number };
  duties?: { required?: string[]; add?: string[]; remove?: string[] };
  segregation?: [string, string][];
}

let validateConfig: ReturnType<Ajv['compile']> | undefined;

/** Parses `.cekpolicy.yaml` text (data only) into a partial config plus problems with exact spans. */
export function parseConfigText(text: string): { config: Partial<CheckConfig>; problems: ConfigProblem[] } {
  const parsed = parseYaml(text, 0);
  const problems: ConfigProblem[] = parsed.errors.map((error) => ({ message: error.message, span: error.span }));
  if (problems.length > 0 || !parsed.root) return { config: {}, problems };
  validateConfig ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(configSchema);
  const raw = toPlain(parsed.root);
  if (!validateConfig(raw)) return { config: {}, problems: describeSchemaErrors(validateConfig.errors ?? [], parsed.root) };
  problems.push(...unknownRuleProblems(parsed.root));
  const config = raw as RawConfig;
  if (config.today !== undefined && !isIsoDate(String(config.today))) {
    const { node } = nodeAtPointer(parsed.root, '/today');
    problems.push({ message: `today must be an ISO date (YYYY-MM-DD), not "${config.today}"`, span: node.span });
  }
  const result: Partial<CheckConfig> = {};
  if (config.today !== undefined) result.today = String(config.today);
  if (config.actor !== undefined) result.actor = Array.isArray(config.actor) ? config.actor : [config.actor];
  if (config.files) result.files = config.files;
  if (config.catalogs) result.catalogs = config.catalogs;
  if (config.rules) result.rules = { ...config.rules };
  if (config.review) result.review = { maxIntervalMonths: config.review.max_interval_months ?? 12, dueSoonDays: config.review.due_soon_days ?? 30 };
  if (config.roles) result.roles = { reviewMonths: config.roles.review_months ?? 12, trainingMonths: config.roles.training_months ?? 12 };
  if (config.duties) result.duties = { required: config.duties.required, add: config.duties.add ?? [], remove: config.duties.remove ?? [] };
  if (config.segregation) result.segregation = config.segregation;
  return { config: result, problems };
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
