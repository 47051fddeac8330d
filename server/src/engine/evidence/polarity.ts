import type { MarkdownSection } from '../parse/markdown';
import { POLARITY } from './lexicon';
import { TermMatcher, tokenize } from './match';
import { readStatement } from './reading';
import type { Statement } from './statements';

/** How a statement puts what it says: as a requirement or fact, negated or prohibited, or only suggested. */
export type Polarity = 'affirmative' | 'negated' | 'tentative';

let compiled: { matcher: TermMatcher; cues: Set<number>; tentative: Set<number>; prohibited: Set<number> } | undefined;

function lexicon() {
  if (compiled) return compiled;
  const matcher = new TermMatcher();
  const ids = (terms: readonly string[]) => new Set(terms.map((term) => matcher.term(term)));
  compiled = { matcher, cues: ids([...POLARITY.negations, ...POLARITY.prohibitions]), tentative: ids(POLARITY.tentative), prohibited: ids(POLARITY.prohibitedHeadings) };
  return compiled;
}

/**
 * The polarity of a statement: negated when it denies or prohibits what it says ("keys must not be logged", "no
 * key is shared", "exporting keys is prohibited"), or the caller says its section is headed as prohibited practices
 * (underProhibitedHeading, read once per section); tentative when it only suggests ("might", "should consider").
 *
 * The English reader decides whether a negating word's scope holds what the statement says ("with no exceptions"
 * and "no later than" deny nothing). The word scan stays as the fast prefilter: a statement holding no negating or
 * prohibiting word (POLARITY.negations, POLARITY.prohibitions) is not negated, and is never read.
 */
export function polarityOf(statement: Pick<Statement, 'text' | 'tokens' | 'budget'>, prohibitedSection: boolean): Polarity {
  const { matcher, cues, tentative } = lexicon();
  const found = matcher.occurrences(statement.tokens);
  let cued = false;
  for (const term of found.keys()) if (cues.has(term)) cued = true;
  if (cued) {
    const reading = readStatement(statement);
    // Past the document's reading budget, the word scan's verdict: a negating word denies.
    if (!reading) return 'negated';
    if (reading.negations.length > 0 || reading.prohibits || reading.modality === 'prohibition') return 'negated';
  }
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
