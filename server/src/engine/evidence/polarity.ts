import type { MarkdownSection } from '../parse/markdown';
import { POLARITY } from './lexicon';
import { TermMatcher, tokenize } from './match';
import type { Statement } from './statements';

/** How a statement puts what it says: as a requirement or fact, negated or prohibited, or only suggested. */
export type Polarity = 'affirmative' | 'negated' | 'tentative';

let compiled: { matcher: TermMatcher; negations: Set<number>; neutral: Set<number>; tentative: Set<number>; prohibited: Set<number> } | undefined;

function lexicon() {
  if (compiled) return compiled;
  const matcher = new TermMatcher();
  const ids = (terms: readonly string[]) => new Set(terms.map((term) => matcher.term(term)));
  compiled = { matcher, negations: ids(POLARITY.negations), neutral: ids(POLARITY.neutral), tentative: ids(POLARITY.tentative), prohibited: ids(POLARITY.prohibitedHeadings) };
  return compiled;
}

/**
 * The polarity of a statement: negated when a negation or prohibition stands in it or the caller says its section
 * is headed as prohibited practices (underProhibitedHeading, read once per section); tentative when it only suggests. Word-level cues on the
 * statement's own words: linear in its length.
 */
export function polarityOf(statement: Statement, prohibitedSection: boolean): Polarity {
  const { matcher, negations, neutral, tentative } = lexicon();
  const found = matcher.occurrences(statement.tokens);
  // Words inside a bounding or list-widening phrase ("not limited to") negate nothing.
  const bound = new Set<number>();
  for (const [term, list] of found) if (neutral.has(term)) for (const occurrence of list) for (let at = occurrence.from; at < occurrence.to; at++) bound.add(at);
  for (const [term, list] of found) if (negations.has(term) && list.some((occurrence) => !bound.has(occurrence.from))) return 'negated';
  if (prohibitedSection) return 'negated';
  for (const term of found.keys()) if (tentative.has(term)) return 'tentative';
  return 'affirmative';
}

/** Whether the section or one enclosing it is headed as a list of what must not be done ("Prohibited Practices"). */
export function underProhibitedHeading(section: number, sections: readonly MarkdownSection[]): boolean {
  const { matcher, prohibited } = lexicon();
  for (let current = section, hops = 0; current >= 0 && current < sections.length && hops < 64; current = sections[current].parent, hops++) {
    for (const term of matcher.occurrences(tokenize(sections[current].heading)).keys()) if (prohibited.has(term)) return true;
  }
  return false;
}
