import type { FixBuilder } from '../fixes/edits';
import type { PolicyDocument } from '../parse/document';
import type { Fix, TextEdit } from '../types';
import type { AssessedMention } from './assess';
import { mentionLabel } from './assess';
import type { ProfileChoice } from './judge';
import { ALGORITHM_BY_ID, type Parameter } from './registry';

/** What the profile offers instead of a mention it does not accept (3DES -> AES-256, TLS 1.0 -> TLS 1.2, P-192 -> P-256). */
export function successorOf(choice: ProfileChoice, mention: AssessedMention): { algorithm: string; parameter?: number | string } | undefined {
  const successor = choice.profile.successors?.[mention.algorithm] ?? ALGORITHM_BY_ID.get(mention.algorithm)?.successor;
  if (!successor) return undefined;
  // A curve below 224 bits moves to P-256; a short RSA/DH key to the successor size.
  if (successor.algorithm === mention.algorithm && successor.parameter === undefined) return undefined;
  if (successor.algorithm === mention.algorithm && successor.parameter === mention.parameter) return undefined;
  return successor;
}

/** The written form of a successor: "AES-256", "SHA-256", "GCM". */
export function successorText(successor: { algorithm: string; parameter?: Parameter }): string {
  if (successor.parameter === undefined || successor.parameter === null) return successor.algorithm;
  return mentionLabel({ algorithm: successor.algorithm, parameter: successor.parameter });
}

/**
 * Replaces the mention with its successor, keeping the author's layout: only the name (or only the size, curve
 * or version when the algorithm stays) changes; in a padded Markdown table the cell keeps its width; in YAML only
 * the scalar changes, so comments and key order stay.
 */
export function successorFix(document: PolicyDocument, edits: FixBuilder, choice: ProfileChoice, mention: AssessedMention): Fix | undefined {
  const successor = successorOf(choice, mention);
  if (!successor) return undefined;
  const title = `Replace ${mentionLabel(mention)} with ${successorText(successor)}`;
  if (successor.algorithm === mention.algorithm) {
    if (mention.yaml?.parameter) return edits.fix(title, edits.replaceValue(mention.yaml.parameter, successor.parameter));
    if (!mention.parameterSpan || mention.parameterSpan.start === mention.span.start) return undefined;
    return edits.fix(title, padded(document.text, mention.parameterSpan.start, mention.parameterSpan.end, String(successor.parameter)));
  }
  const newText = successorText(successor);
  if (mention.yaml?.name && !mention.yaml.parameter && mention.yaml.name.span.start === mention.span.start - quoteWidth(document.text, mention.yaml.name.span.start)) {
    const whole = String(mention.yaml.name.value);
    if (document.text.slice(mention.span.start, mention.span.end).length === whole.length) return edits.fix(title, edits.replaceValue(mention.yaml.name, newText));
  }
  let end = mention.span.end;
  // "RC4-128", "DES 56": a size written right after the name goes with it.
  if (mention.parameterSpan && !mention.parameterApart && mention.parameterSpan.start >= end && mention.parameterSpan.start - end <= 2) end = mention.parameterSpan.end;
  if (mention.yaml?.parameter) return edits.fix(title, { start: mention.span.start, end, newText }, edits.replaceValue(mention.yaml.parameter, successor.parameter ?? null));
  return edits.fix(title, padded(document.text, mention.span.start, end, newText));
}

function quoteWidth(text: string, at: number): number {
  return text[at] === '"' || text[at] === "'" ? 1 : 0;
}

/** A replacement that takes its extra length from (or gives it back to) the spaces before a table's next `|`. */
function padded(text: string, start: number, end: number, newText: string): TextEdit {
  const delta = newText.length - (end - start);
  let spaces = 0;
  while (text[end + spaces] === ' ') spaces++;
  if (text[end + spaces] !== '|' || delta === 0) return { start, end, newText };
  if (delta > 0 && spaces > delta) return { start, end: end + delta, newText };
  if (delta < 0) return { start, end, newText: newText + ' '.repeat(-delta) };
  return { start, end, newText };
}
