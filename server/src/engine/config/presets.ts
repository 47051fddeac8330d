import type { CheckConfig } from './config';

/**
 * The built-in presets `extends:` can name, as data (ESLint's `recommended`): `recommended` is the rules' own
 * severities, stated so that a configuration can say it builds on them; `strict` reports every warning as an
 * error, so a CI run fails on any gap a rule does not call informational.
 */
export const PRESETS: Record<string, Partial<CheckConfig>> = {
  recommended: {},
  strict: { warningsAsErrors: true },
};

export const PRESET_NAMES = Object.keys(PRESETS);
