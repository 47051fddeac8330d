import { append } from '../arrays';
import type { MarkdownSection } from '../parse/markdown';
import type { Span } from '../types';
import { CONCEPTS, DUTY_PHRASES, HEADING_TOPICS, type ConceptId, type ConceptSpec, type HeadingTopic } from './lexicon';
import { CompiledConcept, confirmLemmas, TermMatcher, tokenize, type ConceptHit, type Occurrence, type Token } from './match';
import { polarityOf, underProhibitedHeading, type Polarity } from './polarity';
import { lemmaAt, readStatement, type ReadingBudget } from './reading';
import { wordsSpan, type Statement } from './statements';
import { BUILTIN_PACK_DATA } from '../packs/builtinPacks.generated';

/** A statement that establishes a concept, with the words that did. */
export interface ConceptEvidence {
  concept: string;
  label: string;
  statement: Statement;
  /** The statement's span. */
  span: Span;
  /** The matched words' spans. */
  words: Span[];
  /** The matched words themselves (each term as it reads in the statement, lower case). */
  terms: string[];
}

/** Every term of the built-in control packs' concepts (controls/CEK-NN/concepts.json). */
function builtinPackTerms(): string[] {
  const terms: string[] = [];
  for (const pack of BUILTIN_PACK_DATA as { concepts: Record<string, { all: string[][]; none?: string[]; contextNone?: string[]; headingNone?: string[] }> }[]) {
    for (const spec of Object.values(pack.concepts)) append(terms, [spec.all.flat(), spec.none ?? [], spec.contextNone ?? [], spec.headingNone ?? []].flat());
  }
  return terms;
}

/** Headings longer than this are clauses, not titles. */
const MAX_TITLE_WORDS = 9;

let shared: { matcher: TermMatcher; concepts: Map<string, CompiledConcept>; duties: Map<string, CompiledConcept[]>; topics: Map<string, CompiledConcept> } | undefined;

/** The lexicon compiled once per process. */
export function compiledLexicon() {
  if (shared) return shared;
  const matcher = new TermMatcher();
  const concepts = new Map<string, CompiledConcept>();
  for (const [id, spec] of Object.entries(CONCEPTS) as [string, ConceptSpec][]) concepts.set(id, new CompiledConcept(spec, matcher));
  const duties = new Map<string, CompiledConcept[]>();
  for (const [duty, specs] of Object.entries(DUTY_PHRASES)) duties.set(duty, specs.map((spec) => new CompiledConcept(spec, matcher)));
  const topics = new Map<string, CompiledConcept>();
  for (const [topic, terms] of Object.entries(HEADING_TOPICS)) topics.set(topic, new CompiledConcept({ label: topic, all: [terms] }, matcher));
  // The built-in control packs' terms join the same matcher: one pass over a statement's words serves both.
  for (const term of builtinPackTerms()) matcher.term(term);
  shared = { matcher, concepts, duties, topics };
  return shared;
}

/**
 * The concepts of a document's statements, found on demand and cached. A heading counts as evidence only
 * when its section says something; a placeholder statement never does.
 */
export class ConceptIndex {
  private readonly lexicon = compiledLexicon();
  /** Term occurrences per statement, and the statements each term occurs in: built on first use, dropped by `release`. */
  private terms?: { occurrences: Map<number, Occurrence[]>[]; statementsWith: Map<number, number[]> };
  private readonly headingOccurrences = new Map<number, { occurrences: Map<number, Occurrence[]>; normalized: string[] }>();
  /** Term occurrences in each section's heading, and its word count: read once, for every topic and statement. */
  private headingTerms?: { occurrences: Map<number, Occurrence[]>; words: number }[];
  /** Per concept: the hits found so far, and where the search through its candidate statements stands. */
  private readonly cache = new Map<string, { hits: ConceptEvidence[]; compiled: CompiledConcept; candidates: readonly number[] | undefined; next: number; end: number }>();

  constructor(readonly statements: Statement[], private readonly sections: MarkdownSection[]) {}

  private index(): NonNullable<ConceptIndex['terms']> {
    if (this.terms) return this.terms;
    const statementsWith = new Map<number, number[]>();
    const occurrences = this.statements.map((statement, index) => {
      const found = this.lexicon.matcher.occurrences(statement.tokens);
      found.forEach((_occurrences, term) => {
        const list = statementsWith.get(term);
        if (list) list.push(index);
        else statementsWith.set(term, [index]);
      });
      return found;
    });
    return (this.terms = { occurrences, statementsWith });
  }

  /**
   * Drops the term tables (most of the index's memory: a map per statement) once the check is done; the answers
   * already given stay cached, and a later question rebuilds them. What an analysis kept open in the editor holds.
   */
  release(): void {
    this.terms = undefined;
    this.headingTerms = undefined;
    this.headingOccurrences.clear();
  }

  private headingTermsOf(section: number): { occurrences: Map<number, Occurrence[]>; words: number } {
    this.headingTerms ??= this.sections.map((each) => {
      const tokens = tokenize(each.heading);
      return { occurrences: this.lexicon.matcher.occurrences(tokens), words: tokens.length };
    });
    return this.headingTerms[section];
  }

  /** Statements that may establish the concept: those holding one of its required terms (undefined: all, when it has none). */
  private candidates(compiled: CompiledConcept): readonly number[] | undefined {
    const required = compiled.requiredTerms;
    if (!required) return undefined;
    const { statementsWith } = this.index();
    // Each term's list is in document order already; several are merged.
    let only: number[] | undefined;
    let indexes: Set<number> | undefined;
    for (const term of required) {
      const list = statementsWith.get(term);
      if (!list) continue;
      if (!only) only = list;
      else {
        indexes ??= new Set(only);
        for (const index of list) indexes.add(index);
      }
    }
    return indexes ? [...indexes].sort((a, b) => a - b) : only ?? [];
  }

  /**
   * The statements that establish the concept, in document order: all of them, or the first `limit` (a verdict and
   * its few evidence lines need no more; a later call with a higher limit goes on where this one stopped).
   */
  hits(concept: ConceptId, limit = Infinity): ConceptEvidence[] {
    let state = this.cache.get(concept);
    if (!state) {
      const compiled = this.lexicon.concepts.get(concept)!;
      const candidates = this.candidates(compiled);
      state = { hits: [], compiled, candidates, next: 0, end: candidates?.length ?? this.statements.length };
      this.cache.set(concept, state);
    }
    const { compiled, candidates, hits } = state;
    while (hits.length < limit && state.next < state.end) {
      const index = candidates ? candidates[state.next] : state.next;
      state.next++;
      const statement = this.statements[index];
      if (statement.placeholder) continue;
      // A heading counts only over a section that says something; for what must be required or done (enforcement,
      // logging, audits) it gives the topic, never the verdict: a statement under it must say it.
      if (statement.block.kind === 'heading' && (compiled.spec.affirmative || !this.sections[statement.section]?.hasContent)) continue;
      const headings = compiled.headingGroup ? this.headingsOf(statement) : undefined;
      const hit = confirmedMatch(compiled, this.index().occurrences[index], headings, statement);
      if (!hit) continue;
      if (compiled.spec.affirmative && this.polarity(index) !== 'affirmative') continue;
      if (compiled.subjectNone && subjectIsOneOf(statement, compiled.subjectNone)) continue;
      hits.push({ concept, label: compiled.spec.label, statement, span: statement.span, words: hit.ranges.map((range) => wordsSpan(statement, range.from, range.to)), terms: hit.ranges.map((range) => termText(statement.tokens, range.from, range.to)) });
    }
    return hits.length > limit ? hits.slice(0, limit) : hits;
  }

  private readonly polarities = new Map<number, Polarity>();

  /** How the statement at `index` puts what it says (negated, tentative or affirmative), read once. */
  polarity(index: number): Polarity {
    let known = this.polarities.get(index);
    if (known === undefined) this.polarities.set(index, (known = polarityOf(this.statements[index], this.prohibited(this.statements[index].section))));
    return known;
  }

  private readonly prohibitedSections = new Map<number, boolean>();

  /** Whether a section (or one enclosing it) is headed as a list of what must not be done: read once per section. */
  private prohibited(section: number): boolean {
    let known = this.prohibitedSections.get(section);
    if (known === undefined) this.prohibitedSections.set(section, (known = underProhibitedHeading(section, this.sections)));
    return known;
  }

  /** The term occurrences of a section's own heading, for the control packs that share the matcher. */
  headingOccurrencesAt(section: number): Map<number, Occurrence[]> {
    return this.headingTermsOf(section).occurrences;
  }

  /** The term occurrences of a statement (by its index), for the control packs that share the matcher. */
  occurrencesAt(index: number): Map<number, Occurrence[]> {
    return this.index().occurrences[index];
  }

  has(concept: ConceptId): boolean {
    return this.hits(concept, 1).length > 0;
  }

  private readonly topics = new Map<string, number[]>();

  /** Sections whose heading is about the topic, by the heading's words. */
  sectionsAbout(topic: HeadingTopic): number[] {
    const cached = this.topics.get(topic);
    if (cached) return cached;
    const compiled = this.lexicon.topics.get(topic)!;
    const found: number[] = [];
    this.topics.set(topic, found);
    for (let index = 0; index < this.sections.length; index++) {
      const heading = this.headingTermsOf(index);
      // A heading that is a whole sentence (some policies number every clause as a heading) is no section title.
      if (heading.words <= MAX_TITLE_WORDS && compiled.match(heading.occurrences)) found.push(index);
    }
    return found;
  }

  /** Term occurrences in the headings above a statement (its section and the sections enclosing it), and their normalised texts. */
  private headingsOf(statement: Statement): { occurrences: Map<number, Occurrence[]>; normalized: string[] } | undefined {
    if (statement.section < 0) return undefined;
    const cached = this.headingOccurrences.get(statement.section);
    if (cached) return cached;
    const occurrences = new Map<number, Occurrence[]>();
    const normalized: string[] = [];
    for (let section = statement.section; section >= 0; section = this.sections[section].parent) {
      normalized.push(this.sections[section].normalized);
      for (const [term, list] of this.headingTermsOf(section).occurrences) occurrences.set(term, [...(occurrences.get(term) ?? []), ...list]);
    }
    const headings = { occurrences, normalized };
    this.headingOccurrences.set(statement.section, headings);
    return headings;
  }
}

/** The words of tokens [from, to), as a reader quotes them. */
export function termText(tokens: readonly Token[], from: number, to: number): string {
  return tokens.slice(from, to).map((token) => token.word).join(' ');
}

/** Why a statement was taken as evidence: the words that establish it, quoted (what an auditor checks). */
export function saysWhy(terms: readonly string[]): string {
  return `it says ${[...new Set(terms)].map((term) => `"${term}"`).join(', ')}`;
}

/** Whether the hit used a word that stands for a lemma by its stem only ("rotated" for `rotate~`). */
function usesUnconfirmed(hit: ConceptHit, found: Map<number, Occurrence[]>): boolean {
  for (const list of found.values()) {
    for (const occurrence of list) if (occurrence.checks && hit.ranges.some((range) => range.from === occurrence.from && range.to === occurrence.to)) return true;
  }
  return false;
}

/**
 * The concept's match on a text's occurrences, with the lemmas it rests on confirmed: only when the match used a
 * word that the fast scan took for a lemma by its stem is the text read, and matched again on what the reader
 * confirms ("communicated" is `communicate~`, "communication" is not).
 */
function confirmedMatch(compiled: CompiledConcept, found: Map<number, Occurrence[]>, headings: Parameters<CompiledConcept['match']>[1], text: { text: string; tokens: readonly Token[]; budget?: ReadingBudget }): ConceptHit | undefined {
  const hit = compiled.match(found, headings);
  if (!hit || !usesUnconfirmed(hit, found)) return hit;
  // Past the document's reading budget nothing is confirmed: a stem alone is no lemma.
  const reading = readStatement(text);
  return compiled.match(confirmLemmas(found, (at) => (reading && text.tokens[at] ? lemmaAt(reading, text.tokens[at].start) : undefined)), headings);
}

/**
 * Whether the statement's subject is one of these lemmas ("This policy is reviewed annually": the document's own
 * review). Read only when a word of the statement may be one of them (the fast prefilter).
 */
function subjectIsOneOf(statement: { text: string; tokens: readonly Token[]; budget?: ReadingBudget }, lemmas: ReadonlySet<string>): boolean {
  if (!statement.tokens.some((token) => lemmas.has(token.word) || (token.word.endsWith('s') && lemmas.has(token.word.slice(0, -1))))) return false;
  const reading = readStatement(statement);
  return reading?.subject !== undefined && lemmas.has(reading.tokens[reading.subject.head].lemma);
}

/** Duty ids a piece of responsibility text establishes, with the words that did (first match per duty). */
export function dutiesIn(statement: Statement, fromToken = 0): { duty: string; label: string; words: Span[] }[] {
  const lexicon = compiledLexicon();
  const found = new Map<number, Occurrence[]>();
  for (const [term, list] of lexicon.matcher.occurrences(statement.tokens)) {
    const after = list.filter((occurrence) => occurrence.from >= fromToken);
    if (after.length > 0) found.set(term, after);
  }
  const duties: { duty: string; label: string; words: Span[] }[] = [];
  for (const [duty, specs] of lexicon.duties) {
    for (const spec of specs) {
      const hit = confirmedMatch(spec, found, undefined, statement);
      if (!hit) continue;
      duties.push({ duty, label: spec.spec.label, words: hit.ranges.map((range) => wordsSpan(statement, range.from, range.to)) });
      break;
    }
  }
  return duties;
}

/** Whether a piece of text (a field value, a list of topics) establishes a concept on its own. */
export function conceptIn(concept: ConceptId, text: string): boolean {
  return conceptInStatement(concept, { text, tokens: tokenize(text) });
}

/** Whether a statement already read (its words, and its document's reading budget) establishes a concept on its own. */
export function conceptInStatement(concept: ConceptId, statement: { text: string; tokens: readonly Token[]; budget?: ReadingBudget }): boolean {
  const lexicon = compiledLexicon();
  return confirmedMatch(lexicon.concepts.get(concept)!, lexicon.matcher.occurrences(statement.tokens), undefined, statement) !== undefined;
}
