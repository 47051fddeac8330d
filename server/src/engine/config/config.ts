import configSchema from '../../../../schemas/cekpolicy-config.schema.json';
import { isIsoDate } from '../parse/dates';
import { globRefusal } from './globs';
import { unknownRuleProblems } from './configProblems';
import { bomLength, snapOffset } from '../parse/text';
import { nodeAtPointer, parseYaml, toPlain } from '../parse/yamlModel';
import { validateValue, type ValueProblem, type ValueSchema } from './validate';
import type { SeveritySetting, Span } from '../types';
import { append } from '../arrays';

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

/** The name of a config value in messages: `review.max_interval_months`, `catalogs[2]`. */
export function configPath(path: (string | number)[]): string {
  return `\`${path.map((step, index) => (typeof step === 'number' ? `[${step}]` : `${index > 0 ? '.' : ''}${step.length > 40 ? `${step.slice(0, 40)}…` : step}`)).join('')}\``;
}

/**
 * Parses `.cekpolicy.yaml` text (data only) into a partial config plus problems with exact spans. Every value is
 * checked against the schema before use: a bad one is reported once, on its own line, and left out, so its
 * default applies while the good values still count. Never throws.
 */
export function parseConfigText(text: string): { config: Partial<CheckConfig>; problems: ConfigProblem[] } {
  const start = bomLength(text);
  const parsed = parseYaml(text.slice(start), start);
  const inside = (span: Span): Span => {
    const from = snapOffset(text, span.start);
    return { start: from, end: Math.max(from, snapOffset(text, span.end)) };
  };
  const problems: ConfigProblem[] = parsed.errors.map((error) => ({ message: error.message, span: inside(error.span) }));
  if (problems.length > 0 || !parsed.root) return { config: {}, problems };
  const root = parsed.root;
  const valueProblems: ValueProblem[] = [];
  const raw = validateValue(configSchema as ValueSchema, toPlain(root), [], configPath, valueProblems) as RawConfig | undefined;
  for (const problem of valueProblems) {
    const pointer = problem.path.map((step) => `/${String(step).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
    const { node, entry } = nodeAtPointer(root, pointer);
    const message = problem.path.length === 0 ? 'The configuration must be a mapping of settings (today, actor, files, rules, ...); it is ignored.' : problem.message;
    problems.push({ message, span: problem.atKey && entry ? entry.keySpan : node.span });
  }
  append(problems, unknownRuleProblems(root));
  if (!raw) return { config: {}, problems };
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
  if (config.rules) result.rules = { ...config.rules };
  if (config.review) result.review = { maxIntervalMonths: config.review.max_interval_months ?? 12, dueSoonDays: config.review.due_soon_days ?? 30 };
  if (config.roles) result.roles = { reviewMonths: config.roles.review_months ?? 12, trainingMonths: config.roles.training_months ?? 12 };
  if (config.duties) result.duties = { required: config.duties.required, add: config.duties.add ?? [], remove: config.duties.remove ?? [] };
  if (config.segregation) result.segregation = config.segregation;
  problems.sort((a, b) => a.span.start - b.span.start);
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
