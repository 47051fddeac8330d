import Ajv from 'ajv';
import policySchema from '../../../../schemas/crypto-policy.schema.json';
import { g, type Rule } from '../rule';
import type { RuleFinding } from '../types';
import { nodeAtPointer, toPlain } from '../yamlModel';

let validate: ReturnType<Ajv['compile']> | undefined;

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
    validate ??= new Ajv({ allErrors: true, strict: false }).compile(policySchema);
    if (validate(toPlain(root))) return [];
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
      // oneOf/anyOf failures repeat the branch errors; report the most specific one per location.
      if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
      const { node, entry } = nodeAtPointer(root, error.instancePath);
      const path = error.instancePath.slice(1).replace(/\//g, '.') || 'document';
      let message: string;
      let span = node.span;
      if (error.keyword === 'additionalProperties') {
        const property = String((error.params as { additionalProperty: string }).additionalProperty);
        const keyEntry = node.kind === 'map' ? node.entries.find((candidate) => candidate.key === property) : undefined;
        span = keyEntry?.keySpan ?? span;
        message = `\`${property}\` is not a field of \`${path}\`; check the spelling (see the schema for the allowed fields).`;
      } else if (error.keyword === 'enum') {
        message = `\`${path}\` must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues).map((value) => `\`${String(value)}\``).join(', ')}.`;
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
