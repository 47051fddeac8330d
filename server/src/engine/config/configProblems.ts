import type { ErrorObject } from 'ajv';
import { rules } from '../rules';
import { entryOf, nodeAtPointer, type PNode } from '../parse/yamlModel';
import type { ConfigProblem } from './config';
import { didYouMean } from './nearest';

const TYPE_WORDS: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'text', integer: 'a whole number', number: 'a number', boolean: 'true or false' };

/**
 * One readable problem per wrong value, at the key or value it is about. Ajv reports a failed `oneOf` as
 * one error per branch plus the `oneOf` itself; only the branch whose shape fits the value is kept.
 */
export function describeSchemaErrors(errors: ErrorObject[], root: PNode): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const reported = new Set<string>();
  for (const error of pickBranches(errors)) {
    const { node, entry } = nodeAtPointer(root, error.instancePath);
    const label = labelOf(error.instancePath);
    if (error.keyword === 'additionalProperties') {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      problems.push({ message: `unknown key "${key}" in ${label}${didYouMean(key, allowed)}`, span: entryOf(node, key)?.keySpan ?? entry?.keySpan ?? node.span });
      continue;
    }
    if (reported.has(error.instancePath)) continue;
    reported.add(error.instancePath);
    const value = error.data;
    let message: string;
    if (error.keyword === 'enum') {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
      message = `${label} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}${typeof value === 'string' ? didYouMean(value, allowed) : ''}`;
    } else if (error.keyword === 'type') {
      const types = String((error.params as { type: string }).type).split(',');
      message = `${label} must be ${types.map((type) => TYPE_WORDS[type] ?? type).join(' or ')}`;
    } else {
      message = `${label} ${error.message ?? 'is not valid'}`;
    }
    problems.push({ message, span: node.span });
  }
  return problems;
}

/** `rules:` keys that name no rule: a misspelt id would otherwise be ignored in silence. */
export function unknownRuleProblems(root: PNode): ConfigProblem[] {
  const rulesNode = entryOf(root, 'rules')?.value;
  if (!rulesNode || rulesNode.kind !== 'map') return [];
  const ids = rules.map((rule) => rule.id);
  return rulesNode.entries
    .filter((entry) => !ids.includes(entry.key))
    .map((entry) => ({ message: `unknown rule "${entry.key}" in rules${didYouMean(entry.key, ids)}`, span: entry.keySpan }));
}

/** Drops the `oneOf`/`anyOf` summary and the branches that do not fit the value's shape. */
function pickBranches(errors: ErrorObject[]): ErrorObject[] {
  let result = errors;
  for (const composite of errors.filter((error) => error.keyword === 'oneOf' || error.keyword === 'anyOf')) {
    const prefix = `${composite.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const error of result) {
      if (!error.schemaPath.startsWith(prefix)) continue;
      const branch = error.schemaPath.slice(prefix.length).split('/')[0];
      branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    const fitting = [...branches.values()].filter((branch) => !branch.some((error) => error.keyword === 'type' && error.instancePath === composite.instancePath));
    const depth = (branch: ErrorObject[]) => Math.max(...branch.map((error) => error.instancePath.split('/').length));
    const chosen = (fitting.length > 0 ? fitting : [...branches.values()]).sort((a, b) => depth(b) - depth(a))[0] ?? [];
    result = result.filter((error) => error !== composite && (!error.schemaPath.startsWith(prefix) || chosen.includes(error)));
  }
  return result;
}

/** `/review/max_interval_months` → `review.max_interval_months`, `/actor/0` → `actor[0]`, `` → `the config`. */
function labelOf(instancePath: string): string {
  if (!instancePath) return 'the config';
  return instancePath.split('/').slice(1).map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((label, step) => (/^\d+$/.test(step) ? `${label}[${step}]` : label ? `${label}.${step}` : step), '');
}
