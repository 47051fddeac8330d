import { g, type Rule } from './rule';

/** Reported by the engine from the parser's errors; the rule carries the metadata. */
export const parseError: Rule = {
  id: 'parse-error',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 1), g.ccm('CEK-02', 1)],
  severity: 'error',
  description: 'The policy cannot be read: malformed YAML or front matter, a binary or oversized file. Nothing else is checked until it parses.',
  fixable: false,
  formats: ['yaml', 'markdown'],
  summary: false,
  check: () => [],
};
