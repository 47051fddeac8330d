import { entryOf, type PNode } from '../parse/yamlModel';
import type { ConfigProblem } from './config';
import { didYouMean } from './nearest';

/**
 * `rules:` keys that name no rule: a misspelt id would otherwise be ignored in silence. The ids are given by the
 * caller (the rules are a later stage than configuration, which must not import them).
 */
export function unknownRuleProblems(root: PNode, ruleIds: readonly string[]): ConfigProblem[] {
  const rulesNode = entryOf(root, 'rules')?.value;
  if (!rulesNode || rulesNode.kind !== 'map') return [];
  return rulesNode.entries
    .filter((entry) => !ruleIds.includes(entry.key))
    .map((entry) => ({ message: `Unknown rule "${entry.key}" in \`rules\`${didYouMean(entry.key, ruleIds)}; it is ignored.`, span: entry.keySpan }));
}
