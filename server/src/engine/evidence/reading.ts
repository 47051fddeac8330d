import { sourceSpan } from '../parse/textBlock';
import type { Span } from '../types';
import { MODALS, POLARITY } from './lexicon';
import { confirmLemmas, TermMatcher, type Token } from './match';
import { loadLibrary, type NlpLibrary } from './nlp/library';
import type { Statement } from './statements';


/**
 * How one statement reads, as the English reader (evidence/nlp/library.ts) parses it: its words with their lemmas,
 * parts of speech and negation scope, and what follows from them. Only statements whose verdict depends on it are
 * read (a concept candidate whose polarity, lemma or subject decides): the library is loaded on the first such
 * statement, once per process, and a document that never asks pays nothing.
 */

/** A word as read: offsets in the statement's text (UTF-16, exact), the lower-case word, its lemma and part of speech. */
export interface ReadToken {
  start: number;
  end: number;
  word: string;
  lemma: string;
  pos: string;
  /** In the scope of a negation (the negating word itself is not). */
  negated: boolean;
}

/**
 * What the statement's modal verbs say. `obligation`: must, shall, will, should, need to, and "may ... only"
 * (a permission limited to one use is a rule); `prohibition`: any of them negated ("must not", "may not",
 * "cannot"); `permission`: may, can; `tentative`: might, could, would; `none`: no modal verb.
 */
export type Modality = 'obligation' | 'prohibition' | 'permission' | 'tentative' | 'none';

/** A token range [from, to) of a reading. */
export interface WordRange {
  from: number;
  to: number;
}

export interface Reading {
  tokens: ReadToken[];
  modality: Modality;
  /** Negating words that deny what the statement says (not those that bound it: "no later than", "not limited to"). */
  negations: number[];
  /** A prohibiting word ("prohibited", "forbids", "disallowed"). */
  prohibits: boolean;
  /** The passive voice: the form of "be", the participle, and the agent of a "by" phrase ("by Security Engineering"). */
  passive?: { be: number; verb: number; by?: number; agent?: WordRange };
  /** What the statement is about: the noun phrase before its first verb, and its head noun. */
  subject?: WordRange & { head: number };
}

let library: NlpLibrary | undefined;
let loads = 0;
let analysed = 0;
const cache = new Map<string, Reading>();
/** A document of distinct statements must not grow the cache without end. */
const MAX_CACHED = 20_000;

/** How many times the library was loaded in this process (0 or 1; the tests read it). */
export function libraryLoads(): number {
  return loads;
}

/** How many distinct texts were read in this process (a figure for the bench and the tests). */
export function textsRead(): number {
  return analysed;
}

/** Whether the library is loaded already (a figure for the bench and the tests). */
export function libraryLoaded(): boolean {
  return library !== undefined;
}

/** Reads a text (a statement's, or a field value), cached by the text itself: policies repeat their sentences. */
export function readText(text: string): Reading {
  const known = cache.get(text);
  if (known) return known;
  if (!library) {
    library = loadLibrary();
    loads++;
  }
  const reading = analyse(text, library);
  analysed++;
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(text, reading);
  return reading;
}

/**
 * At most this many distinct statements of one document are read (real policies need a few dozen; the corpus's
 * most, 24): a document written to make every statement need reading (4 MB of negated sentences) costs a bounded
 * time. Past it, each caller keeps the fast scan's verdict (a negating word denies; a stem is no lemma; no agent).
 */
export const MAX_READS_PER_DOCUMENT = 1000;

/** The readings a document may still make (shared by its statements). */
export interface ReadingBudget {
  left: number;
}

export function readingBudget(): ReadingBudget {
  return { left: MAX_READS_PER_DOCUMENT };
}

/**
 * The reading of a statement, or undefined when its document's reading budget is spent (a text read before, in any
 * document, is free). A text without a budget (a field value) is always read.
 */
export function readStatement(statement: { text: string; budget?: ReadingBudget }): Reading | undefined {
  const known = cache.get(statement.text);
  if (known) return known;
  if (statement.budget) {
    if (statement.budget.left <= 0) return undefined;
    statement.budget.left--;
  }
  return readText(statement.text);
}

/** Source span of reading tokens [from, to) of a statement: through the statement's text pieces, exact. */
export function readSpan(statement: Statement, reading: Reading, range: WordRange): Span {
  const first = reading.tokens[range.from];
  const last = reading.tokens[Math.max(range.from, range.to - 1)];
  if (!first || !last) return statement.span;
  return sourceSpan(statement.block.pieces, statement.from + first.start, statement.from + last.end) ?? statement.span;
}

/** The reading token that holds offset `at` of the text (binary search; undefined between tokens). */
export function tokenAt(reading: Reading, at: number): number | undefined {
  let low = 0;
  let high = reading.tokens.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const token = reading.tokens[middle];
    if (at < token.start) high = middle - 1;
    else if (at >= token.end) low = middle + 1;
    else return middle;
  }
  return undefined;
}

/** The lemma of the word at offsets [start, end) of the text: the reading token holding its start. */
export function lemmaAt(reading: Reading, start: number): string | undefined {
  const index = tokenAt(reading, start);
  return index === undefined ? undefined : reading.tokens[index].lemma;
}

/**
 * The text as the model reads it best, with every offset kept (same length, character for character): a line
 * break inside a statement (a soft break of its paragraph) is a space, not a token of its own; a sentence-initial
 * capital ("Keys are rotated") reads to the model as a proper noun, whose lemma is the word itself, so the first
 * word is read in lower case when only its first letter is a capital (not "KMS", not "iOS").
 */
function readable(source: string): string {
  const text = source.replace(/[\r\n\f\v\u2028\u2029]/g, ' ');
  let at = 0;
  while (at < text.length && !/[\p{L}\p{N}]/u.test(text[at])) at++;
  const first = text[at];
  const second = text[at + 1];
  if (first === undefined || second === undefined) return text;
  const lower = first.toLowerCase();
  if (lower === first || lower.length !== first.length || second.toLowerCase() !== second || second.toUpperCase() === second) return text;
  return text.slice(0, at) + lower + text.slice(at + 1);
}

let neutral: { matcher: TermMatcher; ids: Set<number> } | undefined;
let prohibitions: { matcher: TermMatcher; ids: Set<number> } | undefined;

function analyse(text: string, nlp: NlpLibrary): Reading {
  const read = nlp.read(readable(text));
  const tokens: ReadToken[] = [];
  // Offsets: each token follows its preceding spaces; where the library's value is not found there (it normalised
  // something), the next occurrence is searched a short way ahead, else the token is empty at the cursor.
  let cursor = 0;
  for (let index = 0; index < read.values.length; index++) {
    const value = read.values[index];
    if (read.pos[index] === 'SPACE' || value.trim() === '') {
      cursor += (read.spaces[index]?.length ?? 0) + value.length;
      continue;
    }
    let start = cursor + (read.spaces[index]?.length ?? 0);
    if (text.slice(start, start + value.length).toLowerCase() !== value.toLowerCase()) {
      const found = text.toLowerCase().indexOf(value.toLowerCase(), cursor);
      start = found >= 0 && found - cursor <= 16 ? found : cursor;
    }
    const end = Math.min(text.length, text.slice(start, start + value.length).toLowerCase() === value.toLowerCase() ? start + value.length : start);
    tokens.push({ start, end, word: value.toLowerCase(), lemma: read.lemmas[index].toLowerCase(), pos: read.pos[index], negated: read.negated[index] === true });
    cursor = end;
  }
  return { tokens, ...judge(tokens) };
}

/** The reading's tokens as the term matcher's words. */
function asWords(tokens: readonly ReadToken[]): Token[] {
  return tokens.map((token) => ({ word: token.word, start: token.start, end: token.end }));
}

const MODAL_OF = new Map<string, Exclude<Modality, 'prohibition' | 'none'>>();
for (const [modality, lemmas] of Object.entries(MODALS) as [Exclude<Modality, 'prohibition' | 'none'>, string[]][]) for (const lemma of lemmas) MODAL_OF.set(lemma, modality);
const NEGATING = new Set(['not', 'never', 'no', 'none', 'nor', 'neither', 'nobody', 'nothing', "n't"]);
/** Parts of speech that make a negation's scope a denial of what is done or is so (not of a noun: "with no exceptions"). */
const PREDICATE = new Set(['VERB', 'AUX', 'ADJ']);
const NOUN_PHRASE = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM']);
const CLAUSE_END = new Set([',', ';', ':', '.', '!', '?', '(', ')']);

function judge(tokens: ReadToken[]): Omit<Reading, 'tokens'> {
  neutral ??= compile(POLARITY.neutral);
  prohibitions ??= compile(POLARITY.prohibitions);
  const words = asWords(tokens);
  const bound = new Set<number>();
  for (const list of neutral.matcher.occurrences(words).values()) for (const occurrence of list) for (let at = occurrence.from; at < occurrence.to; at++) bound.add(at);
  // A negating word whose scope (the words the model marks after it) holds a verb or an adjective denies.
  const negations: number[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token.negated || bound.has(index) || !(NEGATING.has(token.word) || NEGATING.has(token.lemma))) continue;
    for (let scope = index + 1; scope < tokens.length && tokens[scope].negated; scope++) {
      if (PREDICATE.has(tokens[scope].pos)) {
        negations.push(index);
        break;
      }
    }
  }
  const prohibits = confirmLemmas(prohibitions.matcher.occurrences(words), (at) => tokens[at]?.lemma).size > 0;
  return { modality: modalityOf(tokens, bound), negations, prohibits, passive: passiveOf(tokens), subject: subjectOf(tokens) };
}

function compile(terms: readonly string[]): { matcher: TermMatcher; ids: Set<number> } {
  const matcher = new TermMatcher();
  return { matcher, ids: new Set(terms.map((term) => matcher.term(term))) };
}

/** The first modal verb decides; a negation right after it (or a negated scope after it) makes it a prohibition. */
function modalityOf(tokens: ReadToken[], bound: Set<number>): Modality {
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    // "need to" is a modal; "need" as a noun is not.
    const modal = token.pos === 'AUX' || (token.lemma === 'need' && tokens[index + 1]?.word === 'to') ? MODAL_OF.get(token.lemma) : undefined;
    if (!modal) continue;
    const next = tokens[index + 1];
    if (next && !bound.has(index + 1) && (NEGATING.has(next.word) || NEGATING.has(next.lemma))) return 'prohibition';
    if (modal === 'permission') {
      // "may be used only for key wrapping": the permission is limited, which is a rule.
      for (let after = index + 1; after < tokens.length && !CLAUSE_END.has(tokens[after].word); after++) if (tokens[after].word === 'only' || tokens[after].word === 'solely' || tokens[after].word === 'exclusively') return 'obligation';
    }
    return modal;
  }
  return 'none';
}

/** A form of "be" (or "get"), adverbs and negations allowed between, then a participle: "are destroyed", "is not logged". */
function passiveOf(tokens: ReadToken[]): Reading['passive'] {
  let first: Reading['passive'];
  for (let index = 0; index < tokens.length; index++) {
    if (tokens[index].lemma !== 'be' && tokens[index].lemma !== 'get') continue;
    let verb = index + 1;
    while (verb < tokens.length && (tokens[verb].pos === 'ADV' || tokens[verb].pos === 'PART')) verb++;
    const participle = tokens[verb];
    if (!participle || !(participle.pos === 'VERB' || participle.pos === 'ADJ') || participle.word === participle.lemma || participle.word.endsWith('ing')) continue;
    // The first passive with an agent; else the first passive.
    const agent = agentAfter(tokens, verb + 1);
    if (agent) return { be: index, verb, by: agent.by, agent: { from: agent.from, to: agent.to } };
    first ??= { be: index, verb };
  }
  return first;
}

/** The noun phrase of the first "by" after the participle in its clause: determiners and possessives left out. */
function agentAfter(tokens: ReadToken[], from: number): (WordRange & { by: number }) | undefined {
  for (let index = from; index < tokens.length && !CLAUSE_END.has(tokens[index].word); index++) {
    if (tokens[index].word !== 'by' || tokens[index].pos !== 'ADP') continue;
    let start = index + 1;
    while (start < tokens.length && (tokens[start].pos === 'DET' || tokens[start].pos === 'PRON')) start++;
    let end = start;
    while (end < tokens.length && (NOUN_PHRASE.has(tokens[end].pos) || (end > start && (tokens[end].word === '&' || tokens[end].word === '-')))) end++;
    return end > start ? { by: index, from: start, to: end } : undefined;
  }
  return undefined;
}

/** The words before the first verb (auxiliary or main), without a leading determiner; the head is its last noun before a preposition. */
function subjectOf(tokens: ReadToken[]): Reading['subject'] {
  let verb = 0;
  while (verb < tokens.length && tokens[verb].pos !== 'AUX' && tokens[verb].pos !== 'VERB') verb++;
  if (verb === 0 || verb >= tokens.length) return undefined;
  let head = -1;
  for (let index = 0; index < verb; index++) {
    if (tokens[index].pos === 'ADP' || tokens[index].pos === 'PUNCT' && CLAUSE_END.has(tokens[index].word)) break;
    if (tokens[index].pos === 'NOUN' || tokens[index].pos === 'PROPN') head = index;
  }
  if (head < 0) return undefined;
  let from = 0;
  while (from < head && (tokens[from].pos === 'DET' || tokens[from].pos === 'PUNCT')) from++;
  return { from, to: verb, head };
}
