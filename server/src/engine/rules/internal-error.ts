import { g, type Rule } from './rule';
import { MAX_LISTED_IDS } from '../parse/limits';
import type { RuleFinding, Span } from '../types';

/**
 * Reported by the engine, the language server and the CLI when a check could not finish: a rule (or the whole
 * check) failed, or the server's time budget for the document ran out. The other findings still stand.
 */
export const internalError: Rule = {
  id: 'internal-error',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 1), g.ccm('CEK-02', 1)],
  severity: 'error',
  description: 'The check of this document did not complete: a rule failed, or the time budget per document ran out; the message names what was not checked. Other findings stand.',
  fixable: false,
  formats: ['yaml', 'markdown'],
  summary: false,
  check: () => [],
};

/** The error in one line, without a stack and bounded in length. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const line = text.split(/\r\n|\r|\n/)[0];
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** A failure of part of the check (`what`: "rule `x`", "the check"). */
export function internalErrorFinding(span: Span, what: string, error: unknown, consequence: string): RuleFinding {
  return { span, message: `cek-policy failed in ${what} (${describeError(error)}); ${consequence} Please report this.` };
}

/** The rules the time budget left out, named (a few, then a count). */
export function budgetFinding(span: Span, budgetMs: number, skipped: string[]): RuleFinding {
  const listed = skipped.slice(0, MAX_LISTED_IDS).map((id) => `\`${id}\``).join(', ');
  const more = skipped.length > MAX_LISTED_IDS ? ` and ${skipped.length - MAX_LISTED_IDS} more` : '';
  return {
    span,
    severity: 'warning',
    message: `Checking stopped after ${budgetMs / 1000} s, the time budget per document in the editor: ${skipped.length === 1 ? 'rule' : 'rules'} ${listed}${more} did not run, so their findings are missing. \`cek-policy check\` checks without a time limit.`,
  };
}
