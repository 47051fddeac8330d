import { rules } from '../rules';
import { entryOf, type PNode } from '../parse/yamlModel';
import type { ConfigProblem } from './config';
import { didYouMean } from './nearest';

/** `rules:` keys that name no rule: a misspelt id would otherwise be ignored in silence. */
export function unknownRuleProblems(root: PNode): ConfigProblem[] {
  const rulesNode = entryOf(root, 'rules')?.value;
  if (!rulesNode || rulesNode.kind !== 'map') return [];
  const ids = rules.map((rule) => rule.id);
  return rulesNode.entries
    .filter((entry) => !ids.includes(entry.key))
    .map((entry) => ({ message: `Unknown rule "${entry.key}" in \`rules\`${didYouMean(entry.key, ids)}; it is ignored.`, span: entry.keySpan }));
}
