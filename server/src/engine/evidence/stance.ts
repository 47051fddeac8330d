import { isPlaceholderText } from '../parse/placeholder';
import type { PNode } from '../parse/yamlModel';

/** Words that open a negative answer: "No", "not offered", "none", "disabled". */
const NEGATIVE = /^(no|not|none|never|false|off|disabled|unsupported|declined)\b/i;

/**
 * What a yes/no field says. `true`/`false` as written; a descriptive string ("One KMS key hierarchy per
 * tenant", "AWS KMS in every region") is a stronger yes, and its text is the evidence; a string that opens
 * with "no"/"not"/"none" is a no; a placeholder or an empty value says nothing (undefined).
 */
export function stanceOf(node: PNode | undefined): boolean | undefined {
  if (!node) return undefined;
  if (node.kind === 'scalar') {
    if (typeof node.value === 'boolean') return node.value;
    if (typeof node.value === 'number') return node.value > 0;
    if (node.value === null || isPlaceholderText(node.value)) return undefined;
    return !NEGATIVE.test(node.value.trim());
  }
  if (node.kind === 'seq') return node.items.some((item) => stanceOf(item) === true) ? true : undefined;
  return node.entries.some((entry) => stanceOf(entry.value) !== undefined) ? true : undefined;
}
