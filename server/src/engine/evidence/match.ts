import type { ConceptSpec } from './lexicon';

/** A word of a statement, lower case, with its offsets in the statement's plain text. */
export interface Token {
  word: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Words are runs of letters and digits; everything else separates them. */
export function tokenize(text: string): Token[] {
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
}

/** Token index range [from, to) of one term occurrence. */
export interface Occurrence {
  term: number;
  from: number;
  to: number;
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
  /** Terms whose first word a word may start, per word seen (policies repeat their vocabulary). */
  private readonly startsCache = new Map<string, readonly number[]>();

  /** The id of a term (compiled on first use). */
  term(text: string): number {
    const known = this.termIds.get(text);
    if (known !== undefined) return known;
    const words = text.toLowerCase().split(/[^\p{L}\p{N}*]+/u).filter(Boolean).map((word) => ({ text: word.replace(/\*$/, ''), prefix: word.endsWith('*') }));
    const id = this.terms.length;
    this.terms.push(words);
    this.termIds.set(text, id);
    this.startsCache.clear();
    const first = words[0];
    if (first) {
      const index = first.prefix && first.text.length >= MIN_STEM ? this.stems : this.exact;
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
      for (const id of this.startingAt(tokens[i].word)) {
        const end = this.matchAt(this.terms[id], tokens, i);
        if (end < 0) continue;
        const list = found.get(id) ?? [];
        list.push({ term: id, from: i, to: end });
        found.set(id, list);
      }
    }
    return found;
  }

  /** Terms whose first word is this word or a stem of it. */
  private startingAt(word: string): readonly number[] {
    const cached = this.startsCache.get(word);
    if (cached) return cached;
    const candidates: number[] = [...(this.exact.get(word) ?? [])];
    for (let length = MIN_STEM; length <= word.length; length++) {
      const stemmed = this.stems.get(word.slice(0, length));
      if (stemmed) candidates.push(...stemmed);
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

/** A concept compiled against a matcher: term ids per group. */
export class CompiledConcept {
  readonly groups: number[][];
  readonly none: number[];
  private readonly groupSets: Set<number>[];
  private readonly noneSet: Set<number>;
  readonly headingGroup?: { group: number; terms: number[]; whole: string[] };

  constructor(readonly spec: ConceptSpec, matcher: TermMatcher) {
    this.groups = spec.all.map((group) => group.map((term) => matcher.term(term)));
    this.none = (spec.none ?? []).map((term) => matcher.term(term));
    this.groupSets = this.groups.map((group) => new Set(group));
    this.noneSet = new Set(this.none);
    if (spec.heading) this.headingGroup = { group: spec.heading.group, terms: spec.heading.terms.map((term) => matcher.term(term)), whole: spec.heading.whole ?? [] };
  }

  /** Terms of which a statement must hold at least one for the concept to hold (undefined: no such group). */
  get requiredTerms(): readonly number[] | undefined {
    let best: number[] | undefined;
    this.groups.forEach((group, index) => {
      if (this.headingGroup?.group === index) return;
      if (!best || group.length < best.length) best = group;
    });
    return best;
  }

  /**
   * The concept holds when every group has an occurrence on words no other group used and no vetoing
   * term occurs. `headingOccurrences` (terms found in the headings above) may stand in for one group.
   */
  match(found: Map<number, Occurrence[]>, headings?: { occurrences: Map<number, Occurrence[]>; normalized: string[] }): ConceptHit | undefined {
    // Work from the statement's few occurrences, not from the groups' many terms.
    for (const id of found.keys()) if (this.noneSet.has(id)) return undefined;
    const heading = this.headingGroup;
    const headingStandsIn = heading !== undefined && headings !== undefined && (heading.terms.some((id) => headings.occurrences.has(id)) || headings.normalized.some((text) => heading.whole.includes(text)));
    // Candidates per group, longest first; a group the headings stand in for may also be left to them.
    const candidates: { list: Occurrence[]; optional: boolean }[] = [];
    for (let index = 0; index < this.groupSets.length; index++) {
      const list: Occurrence[] = [];
      for (const [id, occurrences] of found) if (this.groupSets[index].has(id)) list.push(...occurrences);
      const optional = headingStandsIn && heading!.group === index;
      if (list.length === 0 && !optional) return undefined;
      list.sort((a, b) => (b.to - b.from) - (a.to - a.from) || a.from - b.from);
      candidates.push({ list, optional });
    }
    const chosen = this.choose(candidates, 0, []);
    return chosen ? { ranges: chosen.sort((a, b) => a.from - b.from) } : undefined;
  }

  /** Picks one occurrence per group on words no other group uses (a small search: groups are few, occurrences per statement too). */
  private choose(candidates: { list: Occurrence[]; optional: boolean }[], group: number, used: { from: number; to: number }[]): { from: number; to: number }[] | undefined {
    if (group === candidates.length) {
      if (this.spec.within !== undefined && used.length > 1) {
        const from = Math.min(...used.map((range) => range.from));
        const to = Math.max(...used.map((range) => range.to));
        if (to - from > this.spec.within) return undefined;
      }
      return [...used];
    }
    const { list, optional } = candidates[group];
    for (const occurrence of list.slice(0, 16)) {
      if (used.some((range) => occurrence.from < range.to && range.from < occurrence.to)) continue;
      const found = this.choose(candidates, group + 1, [...used, { from: occurrence.from, to: occurrence.to }]);
      if (found) return found;
    }
    return optional ? this.choose(candidates, group + 1, used) : undefined;
  }
}
