import type { ValidateFunction } from 'ajv';
import { validate as generatedValidator } from './policySchema.generated';
import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';
import { nodeAtPointer, toPlain } from '../parse/yamlModel';

/** schemas/crypto-policy.schema.json compiled ahead of time by ajv (scripts/policy-validator.mjs; allErrors). */
const validate = generatedValidator as unknown as ValidateFunction;

export const schema: Rule = {
  id: 'schema',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 1), g.impl('CEK-02', 1)],
  severity: 'error',
  description: 'A field has the wrong type or shape for schemas/crypto-policy.schema.json (e.g. `interval_months: twelve`, a misspelt key inside `review`).',
  fixable: false,
  formats: ['yaml', 'markdown'],
  summary: false,
  check(context) {
    const root = context.doc.root;
    if (!root) return [];
    if (validate(toPlain(root))) return [];
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    const errors = validate.errors ?? [];
    // Where a field accepts alternatives (anyOf), each branch reports; keep the branch the value was meant for.
    const alternatives = new Set(errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf').map((error) => error.instancePath));
    for (const error of errors) {
      if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
      const { node, entry } = nodeAtPointer(root, error.instancePath);
      const path = error.instancePath.slice(1).replace(/\//g, '.') || 'document';
      let span = node.span;
      let message: string;
      if (alternatives.has(error.instancePath)) {
        const atPath = errors.filter((other) => other.instancePath === error.instancePath && other.keyword !== 'anyOf' && other.keyword !== 'oneOf');
        const structural = errors.some((other) => other.instancePath.startsWith(`${error.instancePath}/`)) || atPath.some((other) => !['type', 'enum', 'const'].includes(other.keyword));
        if (structural && ['type', 'enum', 'const'].includes(error.keyword)) continue;
        if (!structural) {
          const forms = atPath.map(describeExpectation);
          message = `\`${path}\` must be ${[...new Set(forms)].join(' or ')}.`;
          const key = `${span.start}:${span.end}:alternatives`;
          if (seen.has(key)) continue;
          seen.add(key);
          findings.push({ span, message, data: { path: error.instancePath, keyword: 'anyOf' } });
          continue;
        }
      }
      if (error.keyword === 'additionalProperties') {
        const property = String((error.params as { additionalProperty: string }).additionalProperty);
        const keyEntry = node.kind === 'map' ? node.entries.find((candidate) => candidate.key === property) : undefined;
        span = keyEntry?.keySpan ?? span;
        message = `\`${property}\` is not a field of \`${path}\`; check the spelling (see the schema for the allowed fields).`;
      } else if (error.keyword === 'enum') {
        message = `\`${path}\` must be ${describeExpectation(error)}.`;
      } else {
        message = `\`${path}\` ${error.message ?? 'is invalid'}.`;
      }
      if (error.keyword === 'type' && entry && node.kind !== 'scalar') span = entry.keySpan;
      const key = `${span.start}:${span.end}:${error.keyword}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({ span, message, data: { path: error.instancePath, keyword: error.keyword } });
    }
    return findings;
  },
};

const ARTICLE: Record<string, string> = { string: 'a string', object: 'an object', array: 'a list', boolean: 'true or false', integer: 'a whole number', number: 'a number' };

/** "a string", "one of `CSP`, `MP`", "a list" — what an alternative expects, in words. */
function describeExpectation(error: { keyword: string; params: Record<string, unknown> }): string {
  if (error.keyword === 'type') return String(error.params.type).split(',').map((type) => ARTICLE[type] ?? type).join(' or ');
  if (error.keyword === 'enum') return `one of ${(error.params.allowedValues as unknown[]).map((value) => `\`${String(value)}\``).join(', ')}`;
  if (error.keyword === 'const') return `\`${String(error.params.allowedValue)}\``;
  return 'valid';
}
