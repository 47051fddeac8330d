import packageJson from '../../../package.json';
import { globRefusal } from '../engine/config/globs';
import { isIsoDate } from '../engine/parse/dates';
import { didYouMean } from '../engine/config/nearest';
import { validateValue, type ValueProblem, type ValueSchema } from '../engine/config/validate';
import { rules as allRules } from '../engine/rules';
import { normalizeSeverity } from '../engine/config/severity';
import type { SeveritySetting } from '../engine/types';

/** Editor settings (`cekPolicy.*`), as the client sends them, once checked. */
export interface EditorSettings {
  enable: boolean;
  files: string[];
  actor?: string;
  rules: Record<string, SeveritySetting>;
  review: { maxIntervalMonths?: number };
  catalogs: string[];
  today?: string;
  /** `cekPolicy.cbom`: a CycloneDX BOM, relative to the workspace folder. */
  cbom?: string;
}

export const DEFAULT_SETTINGS: EditorSettings = { enable: true, files: [], rules: {}, review: {}, catalogs: [] };

const PREFIX = 'cekPolicy.';

/**
 * The settings schema is the extension's own declaration in package.json (`contributes.configuration`), nested
 * the way clients send it: `cekPolicy.review.maxIntervalMonths` arrives as `{review: {maxIntervalMonths}}`.
 */
function settingsSchema(): ValueSchema {
  const root: ValueSchema = { type: 'object', properties: {} };
  const declared = packageJson.contributes.configuration.properties as unknown as Record<string, ValueSchema>;
  for (const [name, schema] of Object.entries(declared)) {
    const path = name.slice(PREFIX.length).split('.');
    let parent = root;
    for (const step of path.slice(0, -1)) {
      parent.properties![step] ??= { type: 'object', properties: {} };
      parent = parent.properties![step];
    }
    parent.properties![path[path.length - 1]] = schema;
  }
  return root;
}

let schema: ValueSchema | undefined;

function settingName(path: (string | number)[]): string {
  return `\`${PREFIX.slice(0, -1)}${path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('')}\``;
}

/**
 * Checks settings from any source (initializationOptions, didChangeConfiguration, a workspace/configuration
 * answer) against the schema: a bad value is named in a problem and its default is used. Never throws.
 */
export function readSettings(raw: unknown): { settings: EditorSettings; problems: string[] } {
  // Absent (a client without settings for our section answers null): the defaults, nothing to report.
  if (raw === undefined || raw === null) return { settings: DEFAULT_SETTINGS, problems: [] };
  schema ??= settingsSchema();
  const found: ValueProblem[] = [];
  const checked = validateValue(schema, raw, [], settingName, found);
  const problems = found.map((problem) => problem.message.replace(/^`cekPolicy` must be .*$/, 'The `cekPolicy` settings must be an object; the defaults are used.'));
  const value = (checked ?? {}) as Partial<EditorSettings>;
  let today = value.today || undefined;
  if (today !== undefined && !isIsoDate(today)) {
    problems.push('`cekPolicy.today` must be a real date as YYYY-MM-DD; it is ignored and the real date is used.');
    today = undefined;
  }
  return {
    settings: {
      enable: value.enable ?? DEFAULT_SETTINGS.enable,
      files: (value.files ?? []).filter((glob, index) => {
        const refusal = globRefusal(glob);
        if (refusal) problems.push(`\`cekPolicy.files[${index}]\` ${refusal}; it is left out.`);
        return !refusal;
      }),
      actor: value.actor || undefined,
      rules: knownRules(value.rules ?? {}, problems),
      review: { maxIntervalMonths: value.review?.maxIntervalMonths },
      catalogs: value.catalogs ?? [],
      today,
      ...(value.cbom ? { cbom: value.cbom } : {}),
    },
    problems,
  };
}

/**
 * Severities for ids that name no rule are reported and left out, as `.cekpolicy.yaml` reports them: a misspelt id
 * would otherwise change nothing, in silence.
 */
function knownRules(rules: Record<string, unknown>, problems: string[]): EditorSettings['rules'] {
  const ids = allRules.map((rule) => rule.id);
  const known: EditorSettings['rules'] = {};
  for (const [id, level] of Object.entries(rules)) {
    // `warn`, 1, 2 and 0 are spelt the engine's way (the schema has already dropped anything else).
    const severity = normalizeSeverity(level);
    if (!ids.includes(id)) problems.push(`Unknown rule "${id}" in \`cekPolicy.rules\`${didYouMean(id, ids)}; it is ignored.`);
    else if (severity) known[id] = severity;
  }
  return known;
}
