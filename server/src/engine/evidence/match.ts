import type { ConceptSpec } from './lexicon';
import { append } from '../arrays';

/** A word of a statement, lower case, with its offsets in the statement's plain text. */
export interface Token {
  word: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Words are runs of letters and digits; everything else separates them. ASCII text (most statements) is read
 * code unit by code unit, where a letter or digit is [A-Za-z0-9]; any other text goes by the Unicode classes.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) return tokenizeUnicode(text);
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      tokens.push({ word: text.slice(start, i).toLowerCase(), start, end: i });
      start = -1;
    }
  }
  if (start >= 0) tokens.push({ word: text.slice(start).toLowerCase(), start, end: text.length });
  return tokens;
}

function tokenizeUnicode(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index ?? 0;
    tokens.push({ word: match[0].toLowerCase(), start, end: start + match[0].length });
  }
  return tokens;
}

interface TermWord {
  text: string;
  prefix: boolean;
  /** A lemma (`rotate~`): `text` is its stem, and a word other than the lemma itself needs the reader's confirmation. */
  lemma?: string;
}

/** A word of an occurrence that stands for a lemma by its stem only: the reader must confirm its lemma. */
export interface LemmaCheck {
  /** Token index. */
  at: number;
  lemma: string;
}

/** Token index range [from, to) of one term occurrence. */
export interface Occurrence {
  term: number;
  from: number;
  to: number;
  /** Present when a lemma word matched by its stem only ("rotated" for `rotate~`): confirmed by `confirmLemmas`. */
  checks?: LemmaCheck[];
}

/**
 * The stem a lemma's inflections share, for the fast scan: a final e or consonant-y goes (rotate: rotat-ed,
 * rotat-ing; apply: appli-es, appl-ied); a doubled consonant still starts with the lemma (log: logg-ed).
 */
function stemOfLemma(lemma: string): string {
  if (lemma.length > 3 && lemma.endsWith('e')) return lemma.slice(0, -1);
  if (lemma.length > 3 && lemma.endsWith('y') && !/[aeiou]/.test(lemma[lemma.length - 2])) return lemma.slice(0, -1);
  return lemma;
}

/** Whether some occurrence (of one of the `only` terms, when given) waits for the reader to confirm a lemma. */
export function hasLemmaChecks(found: Map<number, Occurrence[]>, only?: ReadonlySet<number>): boolean {
  let checks = false;
  found.forEach((list, term) => {
    if (checks || (only && !only.has(term))) return;
    for (let k = 0; k < list.length; k++) if (list[k].checks) checks = true;
  });
  return checks;
}

/**
 * The occurrences whose lemma words the reader confirms (`lemmaOf(token index)`: the lemma it read there); the
 * others are dropped. Occurrences without checks are kept as they are.
 */
export function confirmLemmas(found: Map<number, Occurrence[]>, lemmaOf: (token: number) => string | undefined): Map<number, Occurrence[]> {
  const confirmed = new Map<number, Occurrence[]>();
  for (const [term, list] of found) {
    const kept = list.filter((occurrence) => !occurrence.checks || occurrence.checks.every((check) => lemmaOf(check.at) === check.lemma));
    if (kept.length > 0) confirmed.set(term, kept);
  }
  return confirmed;
}

/** A concept found in a statement: the token ranges of the terms that established it. */
export interface ConceptHit {
  ranges: { from: number; to: number }[];
}

/** The longest word a stem can stand for is bounded by the statement; stems shorter than this are exact words. */
const MIN_STEM = 2;
const MAX_CACHED_WORDS = 50_000;

/**
 * Every term of a lexicon compiled once into two indexes (first word exact, first word stem), so one pass
 * over a statement's words finds every term occurrence; concepts are then judged on those occurrences.
 */
export class TermMatcher {
  private readonly terms: TermWord[][] = [];
  private readonly termIds = new Map<string, number>();
  private readonly exact = new Map<string, number[]>();
  private readonly stems = new Map<string, number[]>();
  /** The longest stem: a longer prefix of a word stems nothing (a 40,000-letter word is not looked up 40,000 times). */
  private longestStem = 0;
  /** Terms whose first word a word may start, per word seen (policies repeat their vocabulary). */
  private readonly startsCache = new Map<string, readonly number[]>();
  /** Terms with a lemma word (`rotate~`). */
  private readonly lemmaTerms = new Set<number>();

  /** The id of a term (compiled on first use). */
  term(text: string): number {
    const known = this.termIds.get(text);
    if (known !== undefined) return known;
    const words: TermWord[] = text.toLowerCase().split(/[^\p{L}\p{N}*~]+/u).filter(Boolean).map((word) => {
      if (!word.endsWith('~')) return { text: word.replace(/\*$/, ''), prefix: word.endsWith('*') };
      const lemma = word.slice(0, -1);
      return { text: stemOfLemma(lemma), prefix: true, lemma };
    });
    const id = this.terms.length;
    this.terms.push(words);
    if (words.some((word) => word.lemma !== undefined)) this.lemmaTerms.add(id);
    this.termIds.set(text, id);
    this.startsCache.clear();
    const first = words[0];
    if (first) {
      const index = first.prefix && first.text.length >= MIN_STEM ? this.stems : this.exact;
      if (index === this.stems) this.longestStem = Math.max(this.longestStem, first.text.length);
      const list = index.get(first.text) ?? [];
      list.push(id);
      index.set(first.text, list);
    }
    return id;
  }

  /** Every occurrence of every known term in the tokens. */
  occurrences(tokens: readonly Token[]): Map<number, Occurrence[]> {
    const found = new Map<number, Occurrence[]>();
    for (let i = 0; i < tokens.length; i++) {
      const ids = this.startingAt(tokens[i].word);
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k];
        const words = this.terms[id];
        const end = this.matchAt(words, tokens, i);
        if (end < 0) continue;
        // Only a term with a lemma word (`rotate~`) can need the reader's confirmation: the others skip the look.
        const checks = this.lemmaTerms.has(id) ? lemmaChecks(words, tokens, i) : undefined;
        const occurrence: Occurrence = checks ? { term: id, from: i, to: end, checks } : { term: id, from: i, to: end };
        const list = found.get(id);
        if (list) list.push(occurrence);
        else found.set(id, [occurrence]);
      }
    }
    return found;
  }

  /** Terms whose first word is this word or a stem of it. */
  private startingAt(word: string): readonly number[] {
    const cached = this.startsCache.get(word);
    if (cached) return cached;
    const candidates: number[] = [...(this.exact.get(word) ?? [])];
    for (let length = MIN_STEM; length <= Math.min(word.length, this.longestStem); length++) {
      const stemmed = this.stems.get(word.slice(0, length));
      if (stemmed) append(candidates, stemmed);
    }
    // Bounded: an adversarial document of distinct words must not grow the cache without end.
    if (this.startsCache.size >= MAX_CACHED_WORDS) this.startsCache.clear();
    this.startsCache.set(word, candidates);
    return candidates;
  }

  private matchAt(words: TermWord[], tokens: readonly Token[], at: number): number {
    if (at + words.length > tokens.length) return -1;
    for (let k = 0; k < words.length; k++) {
      const word = words[k];
      const token = tokens[at + k].word;
      if (word.prefix ? !token.startsWith(word.text) : token !== word.text) return -1;
    }
    return at + words.length;
  }
}

/** The words of a matched term that stand for a lemma by their stem only (written otherwise than the lemma). */
function lemmaChecks(words: TermWord[], tokens: readonly Token[], at: number): LemmaCheck[] | undefined {
  let checks: LemmaCheck[] | undefined;
  for (let k = 0; k < words.length; k++) {
    const lemma = words[k].lemma;
    if (lemma !== undefined && tokens[at + k].word !== lemma) (checks ??= []).push({ at: at + k, lemma });
  }
  return checks;
}

/** Groups a concept may have for them to be checked as bits of one number. */
export const MAX_MASK_GROUPS = 30;

/**
 * Bits of a concept's groups that some of these terms (a map's keys, a set's members) belong to. forEach, not
 * for-of: a generic iterator would allocate a result per term on the hottest loop of matching.
 */
export function groupMask(groupsOfTerm: ReadonlyMap<number, readonly number[]>, terms: ReadonlyMap<number, unknown> | ReadonlySet<number>): number {
  let mask = 0;
  terms.forEach((_value: unknown, term: number) => {
    const groups = groupsOfTerm.get(term);
    if (groups) for (let k = 0; k < groups.length; k++) mask |= 1 << groups[k];
  });
  return mask;
}

/** A concept compiled against a matcher: term ids per group. */
export class CompiledConcept {
  readonly groups: number[][];
  readonly none: number[];
  /** The groups each term belongs to (a term may serve several). */
  private readonly groupsOfTerm = new Map<number, number[]>();
  private readonly noneSet: Set<number>;
  readonly headingGroup?: { group: number; terms: number[]; whole: string[] };
  /** Bits of the groups a statement must hold itself (every group but the one headings may stand in for), when each can have a bit. */
  private readonly needed?: number;
  /** Lemmas of a subject that keep the concept from being established (`spec.subjectNone`). */
  readonly subjectNone?: ReadonlySet<string>;

  constructor(readonly spec: ConceptSpec, matcher: TermMatcher) {
    if (spec.subjectNone) this.subjectNone = new Set(spec.subjectNone);
    this.groups = spec.all.map((group) => group.map((term) => matcher.term(term)));
    this.none = (spec.none ?? []).map((term) => matcher.term(term));
    this.groups.forEach((group, index) => {
      for (const term of new Set(group)) {
        const groups = this.groupsOfTerm.get(term);
        if (groups) groups.push(index);
        else this.groupsOfTerm.set(term, [index]);
      }
    });
    this.noneSet = new Set(this.none);
    if (this.groups.length <= MAX_MASK_GROUPS) this.needed = this.groups.reduce((mask, _, index) => (index === spec.heading?.group ? mask : mask | (1 << index)), 0);
    if (spec.heading) this.headingGroup = { group: spec.heading.group, terms: spec.heading.terms.map((term) => matcher.term(term)), whole: spec.heading.whole ?? [] };
  }

  private required?: { terms: readonly number[] | undefined };

  /** Terms of which a statement must hold at least one for the concept to hold (undefined: no such group). */
  get requiredTerms(): readonly number[] | undefined {
    if (this.required) return this.required.terms;
    let best: number[] | undefined;
    this.groups.forEach((group, index) => {
      if (this.headingGroup?.group === index) return;
      if (!best || group.length < best.length) best = group;
    });
    this.required = { terms: best };
    return best;
  }

  /**
   * The concept holds when every group has an occurrence on words no other group used and no vetoing
   * term occurs. `headingOccurrences` (terms found in the headings above) may stand in for one group.
   */
  match(found: Map<number, Occurrence[]>, headings?: { occurrences: Map<number, Occurrence[]>; normalized: string[] }): ConceptHit | undefined {
    // A statement's map also holds the packs' terms: one pass over its keys, with no allocation, rules out most
    // statements (a group other than the one headings may stand in for has no term there).
    if (this.needed !== undefined) {
      const mask = groupMask(this.groupsOfTerm, found);
      if ((mask & this.needed) !== this.needed) return undefined;
    }
    // Work from the statement's few occurrences, not from the groups' many terms: one pass sorts them into groups.
    const lists: (Occurrence[] | undefined)[] = new Array(this.groups.length);
    let vetoed = false;
    found.forEach((occurrences, id) => {
      if (vetoed) return;
      if (this.noneSet.has(id)) {
        vetoed = true;
        return;
      }
      const groups = this.groupsOfTerm.get(id);
      if (!groups) return;
      for (let k = 0; k < groups.length; k++) {
        const list = lists[groups[k]];
        if (list) for (let o = 0; o < occurrences.length; o++) list.push(occurrences[o]);
        else lists[groups[k]] = occurrences.slice();
      }
    });
    if (vetoed) return undefined;
    const heading = this.headingGroup;
    const headingStandsIn = heading !== undefined && headings !== undefined && (heading.terms.some((id) => headings.occurrences.has(id)) || headings.normalized.some((text) => heading.whole.includes(text)));
    // Candidates per group, longest first; a group the headings stand in for may also be left to them.
    const candidates: { list: Occurrence[]; optional: boolean }[] = [];
    for (let index = 0; index < lists.length; index++) {
      const list = lists[index] ?? [];
      const optional = headingStandsIn && heading!.group === index;
      if (list.length === 0 && !optional) return undefined;
      if (list.length > 1) list.sort(longestFirst);
      candidates.push({ list, optional });
    }
    const chosen = this.choose(candidates, 0, []);
    return chosen ? { ranges: chosen.sort((a, b) => a.from - b.from) } : undefined;
  }

  /**
   * Picks one occurrence per group on words no other group uses (a small search: groups are few, occurrences per
   * statement too). `used` is the path so far, extended and restored in place; a complete path is copied out.
   */
  private choose(candidates: { list: Occurrence[]; optional: boolean }[], group: number, used: Occurrence[]): { from: number; to: number }[] | undefined {
    if (group === candidates.length) {
      if (this.spec.within !== undefined && used.length > 1) {
        let from = used[0].from;
        let to = used[0].to;
        for (let k = 1; k < used.length; k++) {
          from = Math.min(from, used[k].from);
          to = Math.max(to, used[k].to);
        }
        if (to - from > this.spec.within) return undefined;
      }
      return used.map((range) => ({ from: range.from, to: range.to }));
    }
    const { list, optional } = candidates[group];
    const tries = Math.min(list.length, 16);
    for (let k = 0; k < tries; k++) {
      const occurrence = list[k];
      if (overlapsAny(occurrence, used)) continue;
      used.push(occurrence);
      const found = this.choose(candidates, group + 1, used);
      used.pop();
      if (found) return found;
    }
    return optional ? this.choose(candidates, group + 1, used) : undefined;
  }
}

/** Longest occurrence first, then the earliest. */
function longestFirst(a: Occurrence, b: Occurrence): number {
  return (b.to - b.from) - (a.to - a.from) || a.from - b.from;
}

function overlapsAny(occurrence: Occurrence, used: readonly Occurrence[]): boolean {
  for (let k = 0; k < used.length; k++) if (occurrence.from < used[k].to && used[k].from < occurrence.to) return true;
  return false;
}
