import type { SeveritySetting } from '../types';

/**
 * What a severity may be written as, wherever one is accepted (`rules:` of a config, the `cekPolicy.rules`
 * setting): the linters' words and ESLint's numbers. `warn` and `1` are a warning, `2` an error, `0` off.
 */
export const SEVERITY_INPUTS = ['error', 'warn', 'warning', 'info', 'off', 2, 1, 0] as const;
export type SeverityInput = (typeof SEVERITY_INPUTS)[number];

const CANONICAL: Record<string, SeveritySetting> = { error: 'error', warn: 'warning', warning: 'warning', info: 'info', off: 'off', 2: 'error', 1: 'warning', 0: 'off' };

/** The one spelling the engine uses for a severity as written; undefined for anything else. */
export function normalizeSeverity(value: unknown): SeveritySetting | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  return Object.prototype.hasOwnProperty.call(CANONICAL, String(value)) ? CANONICAL[String(value)] : undefined;
}

/** A `rules:` mapping with every severity in its one spelling (values that are none are left out). */
export function normalizeRuleSeverities(rules: Record<string, unknown>): Record<string, SeveritySetting> {
  const normalized: Record<string, SeveritySetting> = {};
  for (const [id, value] of Object.entries(rules)) {
    const severity = normalizeSeverity(value);
    // defineProperty: a rule id such as `__proto__` stays a plain key.
    if (severity) Object.defineProperty(normalized, id, { value: severity, enumerable: true, writable: true, configurable: true });
  }
  return normalized;
}
