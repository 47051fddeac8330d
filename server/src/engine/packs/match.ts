import { extent } from '../arrays';
import { confirmLemmas, groupMask, hasLemmaChecks, MAX_MASK_GROUPS, TermMatcher, tokenize, type Occurrence, type Token } from '../evidence/match';
import { lemmaAt, readStatement, type ReadingBudget } from '../evidence/reading';
import { polarityOf, underProhibitedHeading, type Polarity } from '../evidence/polarity';
import { termText } from '../evidence/concepts';
import type { Statement } from '../evidence/statements';
import { textList } from '../evidence/roles';
import { isPlaceholderText } from '../parse/placeholder';
import type { PolicyModel } from '../model/model';
import type { MarkdownSection } from '../parse/markdown';
import type { PNode } from '../parse/yamlModel';
import type { Span } from '../types';
import type { PackConceptSpec } from './types';

/**
 * One statement as the domain reads it: a sentence, list item, table row or heading of the body, or a text value
 * of a `key_management:` field, with its context (the headings above it, the lead-in line of its list, the header
 * of its table). Concepts are matched per statement, never across the document.
 */
export interface DomainStatement {
  text: string;
  tokens: Token[];
  span: Span;
  /** Index of the statement's section (-1: none). */
  section: number;
  /** The lead-in line of its list, or its table's header row. */
  lead?: Token[];
  /** Key of the YAML field the value stands under (`revocation`), read as a heading. */
  fieldKey?: string;
  /** Index of the body statement in the policy's concept index (whose term occurrences it shares). */
  index?: number;
  /** The English reader's budget of the document (a body statement's). */
  budget?: ReadingBudget;
}

/** "[TODO: ...]", "{{ name }}", "TBD" inside a statement: template filler, so the statement is no evidence. */
function hasFiller(source: string, tokens?: readonly Token[]): boolean {
  return source.includes('{{') || (tokens ?? tokenize(source)).some((token) => token.word === 'tbd' || token.word === 'todo');
}
/** Words of a sentence that introduces the list after it without a colon: "... at the following frequencies." */
const INTRODUCES = new Set(['following', 'follows', 'below']);
/** Revision-history columns: such a table records the document's changes, not its requirements. */
const HISTORY_COLUMNS = /^(version|rev|revision|date|author|change|changes|description|approved|approved by|approver)$/i;

function isHistoryTable(header: string[]): boolean {
  const known = header.filter((cell) => HISTORY_COLUMNS.test(cell.trim().replace(/\*/g, '')));
  return known.length >= 2 && known.length * 2 >= header.length && header.some((cell) => /^(version|rev|revision)$/i.test(cell.trim().replace(/\*/g, '')));
}

/** A statement's lead-in: a line ending with a colon (or saying "the following"), directly before the list items it introduces. */
function withLeads(statements: Statement[]): DomainStatement[] {
  const out: DomainStatement[] = [];
  let lead: { tokens: Token[]; section: number; block: unknown } | undefined;
  // Per table: its header's words (the context of every row), or null for a revision history (no row is evidence).
  const headers = new Map<unknown, Token[] | null>();
  for (const [index, statement] of statements.entries()) {
    const block = statement.block;
    // A table row's text leaves placeholder cells out; the row's source shows them.
    const source = block.kind === 'row' && block.table && block.row !== undefined ? (block.table.rows[block.row] ?? []).map((cell) => cell.source).join(' | ') : statement.text;
    if (statement.placeholder || hasFiller(source, source === statement.text ? statement.tokens : undefined)) continue;
    let context: Token[] | undefined;
    if (block.kind === 'row' && block.table) {
      let header = headers.get(block.table);
      if (header === undefined) {
        const cells = block.table.header.map((cell) => cell.text);
        header = isHistoryTable(cells) ? null : tokenize(cells.join(' | '));
        headers.set(block.table, header);
      }
      if (header === null) continue;
      context = header;
    }
    else if (block.kind === 'item' && lead && lead.section === statement.section) context = lead.tokens;
    const endsWithColon = statement.text.trimEnd().endsWith(':') || statement.tokens.some((token) => INTRODUCES.has(token.word));
    if (block.kind === 'heading' || statement.section !== lead?.section) lead = undefined;
    if (endsWithColon && block.kind !== 'heading' && block.kind !== 'row') lead = { tokens: statement.tokens, section: statement.section, block };
    // Another paragraph ends the list's context; a later sentence of the introducing paragraph does not.
    else if (block.kind === 'paragraph' && lead?.block !== block) lead = undefined;
    // A heading is the context of the statements under it, not evidence on its own ("Key Revocation" is a title, not a process).
    if (block.kind === 'heading') continue;
    out.push({ text: statement.text, tokens: statement.tokens, span: statement.span, section: statement.section, index, ...(statement.budget ? { budget: statement.budget } : {}), ...(context ? { lead: context } : {}) });
  }
  return out;
}

/** The text values of `key_management:` (a string, or a list of strings) as statements under their key. */
function fieldStatements(policy: PolicyModel): DomainStatement[] {
  const map = policy.field('key_management');
  if (!map || map.kind !== 'map') return [];
  const out: DomainStatement[] = [];
  for (const entry of map.entries) {
    for (const item of textList(entry.value as PNode).filter((value) => !isPlaceholderText(value.value))) {
      out.push({ text: item.value, tokens: tokenize(item.value), span: item.span, section: -1, fieldKey: entry.key, lead: tokenize(entry.key.replace(/_/g, ' ')) });
    }
  }
  return out;
}

export function domainStatements(policy: PolicyModel): DomainStatement[] {
  return [...withLeads(policy.concepts.statements), ...fieldStatements(policy)];
}

interface CompiledSpec {
  spec: PackConceptSpec;
  groups: Set<number>[];
  /** Terms of which a statement must hold one: the smallest group that only the statement can satisfy (else every group's). */
  required: number[];
  /** The groups each term belongs to. */
  groupsOfTerm: Map<number, number[]>;
  none: Set<number>;
  contextNone: Set<number>;
  headingNone: Set<number>;
  /**
   * The groups as bits, when there are few enough for a bit each: those the statement itself must hold (`own`), all
   * of them, and those its context (lead-in or headings) or its lead-in alone may stand in for.
   */
  masks?: { own: number; all: number; context: number; lead: number };
}

/** A concept hit: the statement and the token ranges that established it (statement words only). */
export interface DomainHit {
  statement: DomainStatement;
  ranges: { from: number; to: number }[];
  /** The words matched for the first group (to count distinct algorithms, say). */
  firstGroupWords: string[];
  /** A group was found in the statement's context (its lead-in or headings), not in the statement. */
  fromContext?: true;
}

/**
 * Pack concepts compiled into one term matcher; a statement's term occurrences are found once and shared by every
 * concept. One instance per set of packs (the built-ins share one for the process; a user catalog gets its own).
 */
export class DomainLexicon {
  private readonly specs = new Map<string, CompiledSpec>();

  /**
   * `shared`: the evidence stage's matcher, which already knows the built-in packs' terms, with the statements'
   * occurrences it has found; without it (a user catalog's concepts) the lexicon has a matcher of its own.
   */
  constructor(concepts: Map<string, PackConceptSpec>, private readonly shared?: { matcher: TermMatcher }) {
    this.matcher = shared?.matcher ?? new TermMatcher();
    for (const [id, spec] of concepts) {
      const ids = (terms: string[] | undefined) => new Set((terms ?? []).map((term) => this.matcher.term(term)));
      const groups = spec.all.map((group) => ids(group));
      const own = groups.filter((_, index) => !spec.context?.includes(index) && !spec.lead?.includes(index));
      const required = own.length > 0 ? [...own.reduce((best, group) => (group.size < best.size ? group : best))] : [...new Set(groups.flatMap((group) => [...group]))];
      const groupsOfTerm = new Map<number, number[]>();
      groups.forEach((group, index) => { for (const term of group) groupsOfTerm.set(term, [...(groupsOfTerm.get(term) ?? []), index]); });
      const bits = (test: (index: number) => boolean) => groups.reduce((mask, _, index) => (test(index) ? mask | (1 << index) : mask), 0);
      const masks = groups.length <= MAX_MASK_GROUPS ? {
        own: bits((index) => !spec.context?.includes(index) && !spec.lead?.includes(index)),
        all: bits(() => true),
        context: bits((index) => spec.context?.includes(index) === true),
        lead: bits((index) => spec.lead?.includes(index) === true),
      } : undefined;
      this.specs.set(id, { spec, groups, required, groupsOfTerm, none: ids(spec.none), contextNone: ids(spec.contextNone), headingNone: ids(spec.headingNone), masks });
    }
  }

  has(id: string): boolean {
    return this.specs.has(id);
  }

  private readonly matcher: TermMatcher;

  /** Every term some pack concept uses: a shared occurrence map is cut down to these once per statement. */
  private terms?: Set<number>;

  /** A reader of one document's statements, with occurrences cached per statement and per context. */
  reader(statements: DomainStatement[], sections: MarkdownSection[], body?: BodyIndex): DomainReader {
    this.terms ??= new Set([...this.specs.values()].flatMap((spec) => [...spec.groupsOfTerm.keys(), ...spec.none]));
    return new DomainReader(this.matcher, this.specs, statements, sections, this.terms, body, Boolean(this.shared));
  }
}

/**
 * What the evidence stage already read of the body: a statement's term occurrences (by index) and a section
 * heading's (used only where the lexicon shares the evidence stage's matcher), and how a statement is put.
 */
export interface BodyIndex {
  statement(index: number): Map<number, Occurrence[]>;
  heading(section: number): Map<number, Occurrence[]>;
  polarity(index: number): Polarity;
}

export class DomainReader {
  private readonly occurrences = new Map<DomainStatement, Map<number, Occurrence[]>>();
  private readonly leads = new Map<Token[], Map<number, Occurrence[]>>();
  private readonly headings = new Map<number, Set<number>>();
  /** Per concept: the hits found so far, and the next candidate statement to try. */
  private readonly cache = new Map<string, { hits: DomainHit[]; compiled: CompiledSpec | undefined; candidates: number[]; next: number }>();
  /** For each term, the statements it occurs in (document order): a concept looks only at statements holding a required term. */
  private statementsWith?: Map<number, number[]>;

  constructor(private readonly matcher: TermMatcher, private readonly specs: Map<string, CompiledSpec>, readonly statements: DomainStatement[], private readonly sections: MarkdownSection[], private readonly packTerms: Set<number>, private readonly body?: BodyIndex, sharesMatcher = false) {
    this.shared = sharesMatcher ? body : undefined;
  }

  /** The body's term occurrences, when they are this lexicon's too (the built-in packs share the evidence stage's matcher). */
  private readonly shared?: BodyIndex;

  /** The statement's occurrences of pack terms (a shared map also holds the evidence stage's own terms). */
  private occurrencesOf(statement: DomainStatement): Map<number, Occurrence[]> {
    let found = this.occurrences.get(statement);
    if (!found) {
      // The shared map also holds the evidence stage's own terms: matching ignores a term no concept of the packs
      // uses, so the map serves as it is (no copy per statement).
      found = (statement.index !== undefined ? this.shared?.statement(statement.index) : undefined) ?? this.matcher.occurrences(statement.tokens);
      // A pack's lemma term (`rotate~`) found by its stem only is confirmed by the English reader.
      if (hasLemmaChecks(found, this.packTerms)) {
        const reading = readStatement(statement);
        found = confirmLemmas(found, (at) => (reading && statement.tokens[at] ? lemmaAt(reading, statement.tokens[at].start) : undefined));
      }
      this.occurrences.set(statement, found);
    }
    return found;
  }

  private leadTerms(statement: DomainStatement): Map<number, Occurrence[]> | undefined {
    if (!statement.lead) return undefined;
    let found = this.leads.get(statement.lead);
    if (!found) this.leads.set(statement.lead, (found = this.matcher.occurrences(statement.lead)));
    return found;
  }

  /** Terms in the headings above a section (its own and its parents'). */
  private headingTerms(section: number): Set<number> {
    const found = this.headings.get(section);
    if (found) return found;
    const terms = new Set<number>();
    for (let index = section; index >= 0 && index < this.sections.length; index = this.sections[index].parent) {
      (this.shared?.heading(index) ?? this.matcher.occurrences(tokenize(this.sections[index].heading))).forEach((_occurrences, term) => terms.add(term));
    }
    this.headings.set(section, terms);
    return terms;
  }

  /**
   * The statements that establish the concept, in document order: all of them, or the first `limit` (a caller that
   * only asks whether the concept holds, or for a few evidence lines, stops the search there; a later call goes on).
   */
  hits(id: string, limit = Infinity): DomainHit[] {
    let state = this.cache.get(id);
    if (!state) {
      const compiled = this.specs.get(id);
      state = { hits: [], compiled, candidates: compiled ? this.candidates(compiled) : [], next: 0 };
      this.cache.set(id, state);
    }
    const { compiled, candidates, hits } = state;
    while (compiled && hits.length < limit && state.next < candidates.length) {
      const hit = this.match(compiled, this.statements[candidates[state.next++]]);
      if (hit) hits.push(hit);
    }
    return hits.length > limit ? hits.slice(0, limit) : hits;
  }

  private candidates(compiled: CompiledSpec): number[] {
    if (!this.statementsWith) {
      this.statementsWith = new Map();
      const statementsWith = this.statementsWith;
      this.statements.forEach((statement, index) => {
        this.occurrencesOf(statement).forEach((_occurrences, term) => {
          if (!this.packTerms.has(term)) return;
          const list = statementsWith.get(term);
          if (list) list.push(index);
          else statementsWith.set(term, [index]);
        });
      });
    }
    const indexes = new Set<number>();
    for (const term of compiled.required) for (const index of this.statementsWith.get(term) ?? []) indexes.add(index);
    return [...indexes].sort((a, b) => a - b);
  }

  private match(compiled: CompiledSpec, statement: DomainStatement): DomainHit | undefined {
    const found = this.occurrencesOf(statement);
    if (found.size === 0) return undefined;
    // Most candidates lack a group, in the statement and in its context: passes over the few terms of the statement,
    // its lead-in and its headings, with no allocation, rule them out before the occurrences are gathered.
    if (compiled.masks) {
      const { own, all, context, lead: leadGroups } = compiled.masks;
      const mask = groupMask(compiled.groupsOfTerm, found);
      if (mask === 0 || (mask & own) !== own) return undefined;
      const missing = all & ~mask;
      if (missing !== 0) {
        const leadFound = this.leadTerms(statement);
        let reachable = leadFound ? groupMask(compiled.groupsOfTerm, leadFound) & (context | leadGroups) : 0;
        if (statement.section >= 0 && (missing & ~reachable & context) !== 0) reachable |= groupMask(compiled.groupsOfTerm, this.headingTerms(statement.section)) & context;
        if ((missing & ~reachable) !== 0) return undefined;
      }
    }
    // The groups first (most statements fail there), the vetoes after.
    const byGroup: Occurrence[][] = compiled.groups.map(() => []);
    found.forEach((occurrences, term) => {
      const groups = compiled.groupsOfTerm.get(term);
      if (groups) for (const group of groups) for (const occurrence of occurrences) byGroup[group].push(occurrence);
    });
    for (let group = 0; group < byGroup.length; group++) {
      if (byGroup[group].length === 0 && !compiled.spec.context?.includes(group) && !compiled.spec.lead?.includes(group)) return undefined;
    }
    for (const term of compiled.none) if (found.has(term)) return undefined;
    // Only a statement that requires or states it: not a denied or prohibited one, nor one that only suggests.
    if (compiled.spec.affirmative && this.polarity(statement) !== 'affirmative') return undefined;
    const lead = this.leadTerms(statement);
    if (lead && compiled.contextNone.size > 0) for (const term of lead.keys()) if (compiled.contextNone.has(term)) return undefined;
    if (compiled.headingNone.size > 0 && statement.section >= 0) for (const term of this.headingTerms(statement.section)) if (compiled.headingNone.has(term)) return undefined;
    const lists: Occurrence[][] = [];
    const fromContext: boolean[] = [];
    let inStatement = 0;
    for (let group = 0; group < compiled.groups.length; group++) {
      const terms = compiled.groups[group];
      const list = byGroup[group];
      if (list.length > 0) {
        if (list.length > 1) list.sort((a, b) => (b.to - b.from) - (a.to - a.from) || a.from - b.from);
        lists.push(list);
        fromContext.push(false);
        inStatement++;
        continue;
      }
      const byContext = compiled.spec.context?.includes(group) && this.contextHas(statement, terms, lead, true);
      const byLead = compiled.spec.lead?.includes(group) && this.contextHas(statement, terms, lead, false);
      if (!byContext && !byLead) return undefined;
      lists.push([]);
      fromContext.push(true);
    }
    if (inStatement === 0) return undefined;
    const chosen = choose(lists, fromContext, 0, [], compiled.spec.within);
    if (!chosen) return undefined;
    // Every term of the first group in the statement ("AES-256 ... RSA 3072" names two algorithms).
    const first = fromContext[0] ? [] : lists[0].map((range) => termText(statement.tokens, range.from, range.to));
    return { statement, ranges: chosen.map(({ from, to }) => ({ from, to })).sort((a, b) => a.from - b.from), firstGroupWords: first, ...(fromContext.includes(true) ? { fromContext: true as const } : {}) };
  }

  /** The values of `key_management:`, which stand under no heading: how each is put, read once. */
  private readonly fieldPolarities = new Map<DomainStatement, Polarity>();

  /** How the statement puts what it says (evidence/polarity.ts): a body statement as the concept index read it. */
  private polarity(statement: DomainStatement): Polarity {
    if (statement.index !== undefined && this.body) return this.body.polarity(statement.index);
    let known = this.fieldPolarities.get(statement);
    if (known === undefined) this.fieldPolarities.set(statement, (known = polarityOf(statement, underProhibitedHeading(statement.section, this.sections))));
    return known;
  }

  private contextHas(statement: DomainStatement, terms: Set<number>, lead: Map<number, Occurrence[]> | undefined, headings: boolean): boolean {
    if (lead) for (const term of lead.keys()) if (terms.has(term)) return true;
    if (headings && statement.section >= 0) for (const term of this.headingTerms(statement.section)) if (terms.has(term)) return true;
    return false;
  }
}

/** One occurrence per statement group on words no other group used, all within `within` words (a small search). */
function choose(lists: Occurrence[][], fromContext: boolean[], group: number, used: (Occurrence & { group: number })[], within: number | undefined): (Occurrence & { group: number })[] | undefined {
  if (group === lists.length) {
    if (within !== undefined && used.length > 1) {
      const from = (extent(used.map((range) => range.from))?.min ?? Infinity);
      const to = (extent(used.map((range) => range.to))?.max ?? -Infinity);
      if (to - from > within) return undefined;
    }
    return [...used];
  }
  if (fromContext[group]) return choose(lists, fromContext, group + 1, used, within);
  const list = lists[group];
  for (let k = 0; k < Math.min(list.length, 16); k++) {
    const occurrence = list[k];
    if (used.some((other) => occurrence.from < other.to && other.from < occurrence.to)) continue;
    used.push({ ...occurrence, group });
    const found = choose(lists, fromContext, group + 1, used, within);
    used.pop();
    if (found) return found;
  }
  return undefined;
}
