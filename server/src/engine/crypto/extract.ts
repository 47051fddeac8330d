import type { MarkdownTable, MarkdownTableCell, TextBlock } from '../parse/markdown';
import type { PolicyDocument } from '../parse/document';
import { sourceSpan, type TextPiece } from '../parse/textBlock';
import { entryOf, valueOf, type PEntry, type PMap, type PNode, type PScalar } from '../parse/yamlModel';
import type { Span } from '../types';
import { ALGORITHM_BY_ID, CURVES, type CryptoUse, type Parameter } from './registry';
import { cryptoTokens, parametersIn, scanText, type CryptoToken, type ParameterHit, type RawMention } from './scanner';
import { clauses, headingStance, leadInStance, readMentions, statusWord, useOf, type Stance } from './stance';
import { KEY_TYPE_PHRASES, periodIn } from './cryptoperiods';
import { GRADE_SOURCES, gradeMentions, toleratedBy, type GradeMention, type SslLabsGrade } from './scannerGrades';

/**
 * Every algorithm mention of a policy with the policy's stance on it: from the YAML `cryptography:` section
 * (front matter included) and from the Markdown body (tables, lists, sentences, cipher-suite lists). Spans are
 * exact document offsets of the name as written.
 */

export interface CryptoMention {
  algorithm: string;
  parameter: Parameter;
  use: CryptoUse;
  stance: Stance;
  /** The name as written. */
  span: Span;
  parameterSpan?: Span;
  /** Allowed only for a non-security purpose (checksums). */
  nonSecurity?: boolean;
  /** "SSL" with no version in a setting that means TLS (`USE_SSL=true`, "SSL/TLS"). */
  meansTls?: boolean;
  origin: 'yaml' | 'markdown';
  /** The YAML scalars of the entry (for fixes that keep the author's layout and comments). */
  yaml?: { name?: PScalar; parameter?: PScalar; entry?: PMap };
  /** Part of a cipher-suite string. */
  suite?: boolean;
  /** The parameter is written elsewhere (another table cell, a sub-bullet), not next to the name. */
  parameterApart?: boolean;
  /** Not named but allowed by what the policy asks for: a scanner grade that tolerates this version (`span`: that sentence). */
  implied?: ImpliedBy;
}

/** Why a version is allowed without being named: the SSL Labs grade the policy asks for tolerates it (scannerGrades.ts). */
export interface ImpliedBy {
  by: 'ssl-labs-grade';
  grade: SslLabsGrade;
  /** The grade the version caps a server at, from `since`, and the source that says so. */
  cap: SslLabsGrade;
  since: string;
  source: string;
  /** Tolerated only before this date (the grade asked for is better than the cap, which came in then). */
  until?: string;
}

export interface CryptoPeriod {
  /** SP 800-57 key type id, or `unspecified` ("keys are rotated every 90 days"). */
  keyType: string;
  months: number;
  span: Span;
  node?: PScalar;
}

export interface CryptographyFacts {
  mentions: CryptoMention[];
  cryptoperiods: CryptoPeriod[];
  /** `profile:` as written in the policy. */
  profile?: { value: string; span: Span };
  /** Where the policy names how keys are generated (an approved RNG, an HSM, KMS or a library). */
  generation: Span[];
  /** Where a post-quantum plan is stated (or a post-quantum algorithm approved). */
  postQuantum: Span[];
  /** The `cryptography:` key, when the document has the section. */
  section?: PEntry;
}

const cache = new WeakMap<PolicyDocument, CryptographyFacts>();

export function cryptographyOf(document: PolicyDocument): CryptographyFacts {
  let facts = cache.get(document);
  if (!facts) {
    facts = extract(document);
    cache.set(document, facts);
  }
  return facts;
}

/** The extraction itself, uncached (what `cryptographyOf` runs once per document; the benchmark times it alone). */
export function extract(document: PolicyDocument): CryptographyFacts {
  const facts: CryptographyFacts = { mentions: [], cryptoperiods: [], generation: [], postQuantum: [] };
  const section = document.root ? entryOf(document.root, 'cryptography') : undefined;
  if (section) readYamlSection(section, facts, document.text);
  if (document.format === 'markdown' && document.markdown) readMarkdown(document, facts);
  if (document.root) readYamlGrades(document.root, facts, document.text);
  dropOverriddenGrades(facts);
  // In document order (tables and code blocks are read after the prose); the sort is stable.
  facts.mentions.sort((a, b) => a.span.start - b.span.start);
  for (const mention of facts.mentions) {
    if (mention.stance === 'approved' && ['ML-KEM', 'ML-DSA', 'SLH-DSA', 'LMS', 'XMSS'].includes(mention.algorithm)) facts.postQuantum.push(mention.span);
    if (mention.stance === 'approved' && mention.algorithm === 'DRBG') facts.generation.push(mention.span);
  }
  return facts;
}

// ---------------------------------------------------------------- YAML

function scalar(node: PNode | undefined): PScalar | undefined {
  return node?.kind === 'scalar' && node.value !== null ? node : undefined;
}

function readYamlSection(section: PEntry, facts: CryptographyFacts, text: string): void {
  facts.section = section;
  const map = section.value;
  if (map.kind !== 'map') return;
  const profile = valueOf(map, 'profile');
  const profileName = scalar(profile) ?? scalar(valueOf(profile, 'id'));
  if (profileName) {
    const options = profile?.kind === 'map' ? ['rev3', 'fips'].filter((option) => scalar(valueOf(profile, option))?.value === true) : [];
    facts.profile = { value: [String(profileName.value), ...options].join('+'), span: profileName.span };
  }
  const algorithms = valueOf(map, 'algorithms');
  if (algorithms?.kind === 'seq') {
    for (const item of algorithms.items) {
      if (item.kind === 'scalar' && item.value !== null) readYamlAlgorithm({ name: item }, facts, text);
      else if (item.kind === 'map') readYamlAlgorithm({ name: scalar(valueOf(item, 'name')), entry: item }, facts, text);
    }
  }
  const periods = valueOf(map, 'cryptoperiods');
  if (periods?.kind === 'seq') {
    for (const item of periods.items) {
      if (item.kind !== 'map') continue;
      const keyType = scalar(valueOf(item, 'key_type'));
      const months = scalar(valueOf(item, 'months'));
      if (keyType && months && typeof months.value === 'number') facts.cryptoperiods.push({ keyType: String(keyType.value), months: months.value, span: months.span, node: months });
    }
  }
  const generation = entryOf(map, 'key_generation');
  if (generation) facts.generation.push(generation.keySpan);
  const pq = entryOf(map, 'post_quantum');
  if (pq) facts.postQuantum.push(pq.keySpan);
}

const YAML_STANCE: Record<string, Stance> = { approved: 'approved', prohibited: 'prohibited', legacy: 'legacy', allowed: 'approved', disallowed: 'prohibited', forbidden: 'prohibited' };

function readYamlAlgorithm(item: { name?: PScalar; entry?: PMap }, facts: CryptographyFacts, source: string): void {
  const { name, entry } = item;
  if (!name) return;
  const text = String(name.value);
  const raw = scanText(text);
  if (raw.length === 0) return;
  const stanceValue = entry ? scalar(valueOf(entry, 'status')) : undefined;
  const stance = (stanceValue && YAML_STANCE[String(stanceValue.value).toLowerCase()]) ?? 'approved';
  const useValue = entry ? scalar(valueOf(entry, 'use')) : undefined;
  const statedUse = useValue ? (String(useValue.value) as CryptoUse) : undefined;
  const base = name.span.start + quoteOffset(name, source);
  raw.forEach((mention, index) => {
    const info = ALGORITHM_BY_ID.get(mention.algorithm);
    let parameterNode: PScalar | undefined;
    let parameter: Parameter = mention.parameters[0]?.value ?? null;
    let parameterSpan: Span | undefined = mention.parameters[0] ? { start: base + mention.parameters[0].start, end: base + mention.parameters[0].end } : undefined;
    if (index === 0 && entry && info) {
      const field = info.parameter === 'version' ? 'version' : info.parameter === 'curve' ? 'curve' : 'key_size';
      parameterNode = scalar(valueOf(entry, field)) ?? scalar(valueOf(entry, 'key_size')) ?? scalar(valueOf(entry, 'curve'));
      if (parameterNode) {
        parameter = normalizeYamlParameter(mention.algorithm, parameterNode.value);
        parameterSpan = parameterNode.span;
      }
    }
    facts.mentions.push({
      algorithm: mention.algorithm, parameter, use: (index === 0 ? statedUse : undefined) ?? mention.use ?? 'unspecified', stance,
      span: { start: base + mention.start, end: base + mention.end }, ...(parameterSpan ? { parameterSpan } : {}), origin: 'yaml',
      yaml: { name, ...(parameterNode ? { parameter: parameterNode } : {}), ...(entry ? { entry } : {}) },
      ...(mention.algorithm === 'SSL' && parameter === null && stance === 'approved' ? { meansTls: true } : {}),
    });
  });
  const mode = entry ? scalar(valueOf(entry, 'mode')) : undefined;
  if (mode) {
    for (const part of scanText(String(mode.value))) {
      const modeBase = mode.span.start + quoteOffset(mode, source);
      facts.mentions.push({ algorithm: part.algorithm, parameter: null, use: 'mode', stance, span: { start: modeBase + part.start, end: modeBase + part.end }, origin: 'yaml', yaml: { name: mode, ...(entry ? { entry } : {}) } });
    }
  }
}

/** A quoted scalar's text starts one character into its span. */
function quoteOffset(node: PScalar, source: string): number {
  const first = source[node.span.start];
  return first === '"' || first === "'" ? 1 : 0;
}

function normalizeYamlParameter(algorithm: string, value: PScalar['value']): Parameter {
  if (typeof value === 'number') {
    const info = ALGORITHM_BY_ID.get(algorithm);
    if (info?.parameter === 'version') return value === 1 ? '1.0' : Number.isInteger(value) ? `${value}.0` : String(value);
    return value;
  }
  if (typeof value !== 'string') return null;
  const curve = CURVES.find((candidate) => candidate.aliases.some((alias) => alias.toLowerCase() === value.trim().toLowerCase()));
  if (curve) return curve.id;
  const parsed = parametersIn(value, algorithm);
  return parsed[0]?.value ?? value;
}

// ---------------------------------------------------------------- Markdown

interface Context {
  document: PolicyDocument;
  facts: CryptographyFacts;
  /** The stance of each section's heading, inherited by sub-sections. */
  sectionStance: (Stance | undefined)[];
}

function readMarkdown(document: PolicyDocument, facts: CryptographyFacts): void {
  const markdown = document.markdown!;
  const sectionStance: (Stance | undefined)[] = [];
  markdown.sections.forEach((section, index) => {
    const own = headingStance(cryptoTokens(section.heading));
    sectionStance[index] = own ?? (section.parent >= 0 ? sectionStance[section.parent] : undefined);
  });
  const context: Context = { document, facts, sectionStance };
  let previousItem: { block: TextBlock; column: number; parent?: CryptoMention } | undefined;
  let leadIn: Stance | undefined;
  for (const block of markdown.blocks) {
    if (block.kind === 'row') continue;
    if (block.kind !== 'item') leadIn = undefined;
    const tokens = cryptoTokens(block.text);
    const added = readBlock(context, block, tokens, leadIn);
    if (defaultStance(context, block.section) !== 'prohibited') {
      for (const grade of gradeMentions(block.text, tokens)) pushGrade(facts, grade, mapSpan(block.pieces, grade.start, grade.end), 'markdown');
    }
    if (block.kind === 'paragraph') leadIn = leadInStance(block.text, tokens);
    if (block.kind === 'item') {
      const column = block.span.start - document.lines.offsetAt({ line: document.lines.positionAt(block.span.start).line, character: 0 });
      // The algorithm on a parent bullet, its sizes on the sub-bullets ("- RSA:" then "  - 3072 bits for signatures").
      if (added.length === 0 && previousItem?.parent && column > previousItem.column) {
        readSubBullet(context, block, previousItem.parent);
        continue;
      }
      const parent = added.length === 1 && added[0].parameter === null && ALGORITHM_BY_ID.get(added[0].algorithm)?.parameter !== 'none' ? added[0] : undefined;
      previousItem = { block, column, parent };
    } else {
      previousItem = undefined;
    }
    for (const span of generationIn(tokens, block.pieces)) facts.generation.push(span);
    for (const span of postQuantumIn(tokens, block.pieces)) facts.postQuantum.push(span);
    for (const period of periodsIn(tokens, block.pieces)) facts.cryptoperiods.push(period);
  }
  for (const table of markdown.tables) readTable(context, table);
  for (const span of markdown.code) readCode(context, span, sectionAt(markdown.sections, span.start));
}

/** The innermost section at an offset: the last one to start before it (sections are in document order). */
function sectionAt(sections: { span: Span }[], offset: number): number {
  let low = 0;
  let high = sections.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sections[mid].span.start <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

function defaultStance(context: Context, section: number): Stance {
  return (section >= 0 ? context.sectionStance[section] : undefined) ?? 'approved';
}

function mapSpan(pieces: readonly TextPiece[], start: number, end: number): Span | undefined {
  return sourceSpan(pieces, start, end);
}

/** Mentions of one statement (a heading, paragraph or list item). */
function readBlock(context: Context, block: TextBlock, tokens: CryptoToken[], leadIn?: Stance): CryptoMention[] {
  let raw = dedupe(scanText(block.text, tokens));
  if (raw.length === 0) return [];
  // A heading names a topic; it says something only with a version or size ("#### TLS 1.3") or as a sentence.
  if (block.kind === 'heading' && tokens.length < 10) raw = raw.filter((mention) => mention.parameters.length > 0);
  const readings = readMentions(block.text, tokens, raw);
  const fallback = block.kind === 'heading' ? (context.sectionStance[block.section] ?? 'approved') : leadIn ?? defaultStance(context, block.section);
  const added = pushMentions(context, block.text, block.pieces, tokens, raw, readings.map((reading) => ({ ...reading, stance: reading.stance ?? (reading.periodClause && fallback === 'approved' ? 'mentioned' : fallback) })));
  if (block.text.includes('\n')) readLines(context, block.text, block.pieces, raw, added);
  return added;
}

/** "Elliptic Curve Cryptography (ECC)", "HMAC ... HMAC": one mention per algorithm and parameter in a statement. */
function dedupe(raw: RawMention[]): RawMention[] {
  const seen = new Set<string>();
  return raw.filter((mention) => {
    const key = `${mention.algorithm}|${mention.parameters.map((hit) => String(hit.value)).join(',')}|${mention.use ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Lines of one paragraph written as a list without Markdown list syntax ("• RSA" then "o Minimum key length:
 * 2048 bits"): a line with no name of its own gives sizes to the name alone on a line before it.
 */
function readLines(context: Context, text: string, pieces: readonly TextPiece[], raw: RawMention[], added: CryptoMention[]): void {
  let parent: CryptoMention | undefined;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const onLine = raw.filter((mention) => mention.start >= lineStart && mention.start < lineEnd);
    if (onLine.length === 0 && parent) {
      readSubParameters(context, text.slice(lineStart, lineEnd), lineStart, pieces, parent);
    } else if (onLine.length === 1 && onLine[0].parameters.length === 0 && ALGORITHM_BY_ID.get(onLine[0].algorithm)?.parameter !== 'none') {
      parent = added.find((mention) => mention.algorithm === onLine[0].algorithm);
    } else if (onLine.length > 0) {
      parent = undefined;
    }
    lineStart = lineEnd + 1;
  }
}

/** Code blocks: each line a statement of what is in use (settings, cipher-suite lists, code). */
function readCode(context: Context, span: Span, section: number): void {
  const text = context.document.text;
  let lineStart = span.start;
  while (lineStart < span.end) {
    let lineEnd = lineStart;
    while (lineEnd < span.end && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    const line = text.slice(lineStart, lineEnd);
    const tokens = cryptoTokens(line);
    const raw = dedupe(scanText(line, tokens));
    if (raw.length > 0) {
      const pieces: TextPiece[] = [{ at: 0, length: line.length, sourceStart: lineStart, sourceEnd: lineEnd, exact: true }];
      const readings = readMentions(line, tokens, raw);
      const fallback = defaultStance(context, section);
      pushMentions(context, line, pieces, tokens, raw, readings.map((reading) => ({ ...reading, stance: reading.stance ?? fallback })));
    }
    lineStart = lineEnd + 1;
  }
}

function pushMentions(context: Context, text: string, pieces: readonly TextPiece[], tokens: CryptoToken[], raw: RawMention[], readings: { stance: Stance; use?: CryptoUse; nonSecurity?: boolean }[], extra: { use?: CryptoUse; parametersFor?: (algorithm: string) => ParameterHit[]; parameterPieces?: readonly TextPiece[] } = {}): CryptoMention[] {
  const added: CryptoMention[] = [];
  raw.forEach((mention, index) => {
    const reading = readings[index];
    const span = mapSpan(pieces, mention.start, mention.end);
    if (!span) return;
    const own = mention.parameters.length > 0;
    const elsewhere = !own && extra.parametersFor && ALGORITHM_BY_ID.get(mention.algorithm)?.parameter !== 'none' ? extra.parametersFor(mention.algorithm) : [];
    const hits: (ParameterHit | undefined)[] = own ? mention.parameters : elsewhere.length > 0 ? elsewhere : [undefined];
    const hitPieces = own ? pieces : extra.parameterPieces ?? pieces;
    const use = reading.use ?? mention.use ?? (extra.use && useApplies(mention.algorithm) ? extra.use : undefined) ?? 'unspecified';
    for (const hit of hits) {
      const parameterSpan = hit ? mapSpan(hitPieces, hit.start, hit.end) : undefined;
      const parameter = hit?.value ?? null;
      const item: CryptoMention = {
        algorithm: mention.algorithm, parameter, use, stance: reading.stance, span, origin: 'markdown',
        ...(parameterSpan ? { parameterSpan } : {}),
        ...(parameterSpan && !own ? { parameterApart: true } : {}),
        ...(reading.nonSecurity && reading.stance !== 'prohibited' ? { nonSecurity: true } : {}),
        ...(mention.suite ? { suite: true } : {}),
        ...(mention.algorithm === 'SSL' && parameter === null && reading.stance === 'approved' ? { meansTls: true } : {}),
      };
      context.facts.mentions.push(item);
      added.push(item);
    }
  });
  void text;
  void tokens;
  return added;
}

/** A table's Use column fixes the use of names whose status turns on it, not of modes or protocols. */
function useApplies(algorithm: string): boolean {
  const use = ALGORITHM_BY_ID.get(algorithm)?.defaultUse;
  return use !== 'mode' && use !== 'protocol';
}

function readSubBullet(context: Context, block: TextBlock, parent: CryptoMention): void {
  readSubParameters(context, block.text, 0, block.pieces, parent);
}

function readSubParameters(context: Context, text: string, offset: number, pieces: readonly TextPiece[], parent: CryptoMention): void {
  const hits = parametersIn(text, parent.algorithm);
  if (hits.length === 0) return;
  const tokens = cryptoTokens(text);
  const readings = readMentions(text, tokens, [{ algorithm: parent.algorithm, start: 0, end: 0, from: 0, to: 0, parameters: [] }]);
  const stance = readings[0].stance ?? parent.stance;
  const use = useOf(text, tokens) ?? parent.use;
  const seen = new Set<string>();
  for (const hit of hits) {
    if (seen.has(String(hit.value))) continue;
    seen.add(String(hit.value));
    const parameterSpan = mapSpan(pieces, offset + hit.start, offset + hit.end);
    if (!parameterSpan) continue;
    context.facts.mentions.push({ algorithm: parent.algorithm, parameter: hit.value, use, stance, span: parameterSpan, parameterSpan, parameterApart: true, origin: 'markdown' });
  }
}

const STATUS_HEADERS = new Set(['status', 'approval', 'allowed', 'permitted', 'stance']);
const SIZE_HEADERS = new Set(['size', 'sizes', 'length', 'lengths', 'bits', 'curve', 'curves', 'strength']);
const ALGORITHM_HEADERS = new Set(['algorithm', 'algorithms', 'cipher', 'ciphers', 'protocol', 'protocols', 'hash', 'scheme', 'schemes', 'primitive', 'suite', 'mode', 'modes']);
const PARAMETER_HEADERS = ['size', 'sizes', 'length', 'lengths', 'bits', 'curve', 'curves', 'parameter', 'parameters', 'version', 'versions', 'strength', 'key'];
const USE_HEADERS = ['use', 'usage', 'uses', 'purpose', 'function', 'application', 'use case', 'used for'];

function readTable(context: Context, table: MarkdownTable): void {
  const headerTokens = table.header.map((cell) => cryptoTokens(cell.text));
  const columnStance = table.header.map((cell, index) => statusWord(cell.text, headerTokens[index]));
  // "Version" or "Key" columns give parameters only in a table of algorithms (not in a revision history).
  const algorithmTable = headerTokens.some((tokens) => tokens.some((token) => ALGORITHM_HEADERS.has(token.lower)));
  const parameterColumns = headerTokens.map((tokens) => !tokens.some((token) => token.lower === 'algorithm' || token.lower === 'algorithms')
    && tokens.some((token) => SIZE_HEADERS.has(token.lower) || (algorithmTable && PARAMETER_HEADERS.includes(token.lower))));
  const useColumns = headerTokens.map((tokens) => tokens.length > 0 && tokens.length <= 3 && tokens.some((token) => USE_HEADERS.includes(token.lower)));
  const sectionDefault = defaultStance(context, table.section);
  for (const row of table.rows) {
    const cellTokens = row.map((cell) => cryptoTokens(cell.plain));
    // The row's own status cell ("Prohibited", "Restricted", "✅ Approved").
    const scanned = row.map((cell, index) => scanText(cell.plain, cellTokens[index]));
    const words = row.map((cell, index) => (scanned[index].length ? undefined : statusWord(cell.text, cellTokens[index])));
    const statusColumn = headerTokens.findIndex((tokens) => tokens.some((token) => STATUS_HEADERS.has(token.lower)));
    const rowStance: Stance | undefined = (statusColumn >= 0 ? words[statusColumn] : undefined) ?? (['prohibited', 'legacy', 'approved'] as Stance[]).find((stance) => words.includes(stance));
    const useColumn = useColumns.findIndex((flag) => flag);
    const rowUse = useColumn >= 0 && row[useColumn] ? useOf(row[useColumn].plain, cellTokens[useColumn]) : undefined;
    const legacyRow = cellTokens.some((tokens) => tokens.some((token, k) => token.lower === 'legacy' && (tokens[k + 1]?.lower === 'only' || tokens[k + 2]?.lower === 'only' || tokens[k + 3]?.lower === 'only')));
    row.forEach((cell, column) => {
      const tokens = cellTokens[column];
      const raw = scanned[column];
      if (raw.length === 0) return;
      const readings = readMentions(cell.plain, tokens, raw);
      let fallback: Stance = columnStance[column] ?? rowStance ?? sectionDefault;
      if (legacyRow && rowStance !== 'prohibited') fallback = 'legacy';
      const parameterCell = parameterColumns.findIndex((flag, index) => flag && index !== column);
      const parameterSource = parameterCell >= 0 ? row[parameterCell] : undefined;
      pushMentions(context, cell.plain, cell.pieces, tokens, raw, readings.map((reading) => ({ ...reading, stance: reading.stance ?? fallback })), {
        use: rowUse,
        ...(parameterSource ? { parametersFor: (algorithm: string) => parametersIn(parameterSource.plain, algorithm), parameterPieces: parameterSource.pieces } : {}),
      });
    });
    for (const period of rowPeriods(row, headerTokens)) context.facts.cryptoperiods.push(period);
  }
}

// ---------------------------------------------------------------- scanner grades

/** The versions a grade the policy asks for tolerates, as approvals it implies (on the sentence that asks for it). */
function pushGrade(facts: CryptographyFacts, grade: GradeMention, span: Span | undefined, origin: CryptoMention['origin']): void {
  if (!span) return;
  for (const tolerated of toleratedBy(grade.grade)) {
    facts.mentions.push({
      algorithm: tolerated.protocol, parameter: tolerated.version, use: 'protocol', stance: 'approved', span, origin,
      implied: { by: 'ssl-labs-grade', grade: grade.grade, cap: tolerated.cap.cap, since: tolerated.cap.since, source: GRADE_SOURCES[tolerated.cap.source].title, ...(tolerated.until ? { until: tolerated.until } : {}) },
    });
  }
}

/**
 * A YAML policy (or a Markdown policy's front matter) may ask for a grade in any text value ("enforcement: {baselines:
 * TLS endpoints must score an SSL Labs grade of A}"). Each string scalar is read as a statement; a value whose source
 * text is not its value (folded or escaped) is located as a whole.
 */
function readYamlGrades(root: PNode, facts: CryptographyFacts, source: string): void {
  const stack: PNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'map') for (const entry of node.entries) stack.push(entry.value);
    else if (node.kind === 'seq') for (const item of node.items) stack.push(item);
    else if (typeof node.value === 'string' && node.value.length >= 8 && namesScanner(node.value)) {
      const value = node.value;
      const tokens = cryptoTokens(value);
      const grades = gradeMentions(value, tokens);
      if (grades.length === 0) continue;
      const base = node.span.start + quoteOffset(node, source);
      const exact = source.slice(base, base + value.length) === value;
      // A block scalar's span runs to the line break after it: the range stops at its last character.
      let end = node.span.end;
      while (end > node.span.start && (source[end - 1] === '\n' || source[end - 1] === '\r' || source[end - 1] === ' ' || source[end - 1] === '\t')) end--;
      for (const grade of grades) pushGrade(facts, grade, exact ? { start: base + grade.start, end: base + grade.end } : { start: node.span.start, end }, 'yaml');
    }
  }
}

/** A cheap look before a value is tokenised: "SSL Labs", "SSLLabs" and "Qualys" in any case hold one of these. */
function namesScanner(value: string): boolean {
  return value.includes('abs') || value.includes('ABS') || value.includes('ualys') || value.includes('UALYS');
}

/**
 * What the policy says in so many words wins over what a grade implies: a version it names (with any stance) is read
 * as written, and a policy that approves versions of the protocol by name ("TLS 1.2 or higher", "TLS 1.2 and 1.3")
 * has said which ones it allows, so the grade is a target for a scan, not an approval of more.
 */
function dropOverriddenGrades(facts: CryptographyFacts): void {
  if (!facts.mentions.some((mention) => mention.implied)) return;
  const explicit = facts.mentions.filter((mention) => !mention.implied && mention.parameter !== null);
  const stated = new Set(explicit.map((mention) => `${mention.algorithm}|${mention.parameter}`));
  const listed = new Set(explicit.filter((mention) => mention.stance === 'approved').map((mention) => mention.algorithm));
  facts.mentions = facts.mentions.filter((mention) => !mention.implied || (!listed.has(mention.algorithm) && !stated.has(`${mention.algorithm}|${mention.parameter}`)));
}

// ---------------------------------------------------------------- key generation, post-quantum plans, cryptoperiods

const GENERATION_WORDS = new Set(['generate', 'generated', 'generates', 'generation', 'generating', 'created', 'create', 'creation']);
const GENERATION_SOURCES = [
  'hsm', 'hsms', 'kms', 'hardware security module', 'key management service', 'key vault', 'cloud kms', 'fips 140', 'drbg', 'csprng', 'csrng', 'urandom',
  'getrandom', 'securerandom', 'randombytes', 'openssl', 'boringssl', 'libsodium', 'secrets', 'os rng', 'crypto', 'tpm', 'random bit generator', 'random number generator',
];
const GENERATION_PHRASES = GENERATION_SOURCES.map((text) => text.split(' '));

function containsPhrase(tokens: CryptoToken[], phrase: string[]): number {
  for (let k = 0; k + phrase.length <= tokens.length; k++) {
    let ok = true;
    for (let j = 0; j < phrase.length && ok; j++) ok = tokens[k + j].lower === phrase[j];
    if (ok) return k;
  }
  return -1;
}

/** "Keys are generated in the provider KMS", "generate keys with a CSPRNG": a named source of key generation. */
function generationIn(tokens: CryptoToken[], pieces: readonly TextPiece[]): Span[] {
  const verb = tokens.findIndex((token) => GENERATION_WORDS.has(token.lower));
  if (verb < 0) return [];
  for (const phrase of GENERATION_PHRASES) {
    const at = containsPhrase(tokens, phrase);
    if (at >= 0) {
      const span = mapSpan(pieces, tokens[at].start, tokens[at + phrase.length - 1].end);
      return span ? [span] : [];
    }
  }
  return [];
}

const PQ_PHRASES = [['post', 'quantum'], ['postquantum'], ['quantum', 'resistant'], ['quantum', 'safe'], ['pqc'], ['quantum', 'readiness'], ['crypto', 'agility'], ['cryptographic', 'agility']];
const PQ_FIRST = new Set(PQ_PHRASES.map((phrase) => phrase[0]));

function postQuantumIn(tokens: CryptoToken[], pieces: readonly TextPiece[]): Span[] {
  if (!tokens.some((token) => PQ_FIRST.has(token.lower))) return [];
  for (const phrase of PQ_PHRASES) {
    const at = containsPhrase(tokens, phrase);
    if (at >= 0) {
      const span = mapSpan(pieces, tokens[at].start, tokens[at + phrase.length - 1].end);
      return span ? [span] : [];
    }
  }
  return [];
}

const ROTATION_WORDS = new Set(['rotate', 'rotated', 'rotation', 'rotating', 'rotates', 'renew', 'renewed', 'renewal', 'rekey', 'rekeyed', 'cryptoperiod', 'lifetime', 'expire', 'expires', 'expiry', 'replaced', 'changed']);

/** "Data encryption keys are rotated every 90 days": a period and, when named, the SP 800-57 key type. */
function periodsIn(tokens: CryptoToken[], pieces: readonly TextPiece[]): CryptoPeriod[] {
  if (!tokens.some((token) => ROTATION_WORDS.has(token.lower))) return [];
  // One period per clause: "Data keys are rotated every 90 days; master keys annually."
  const periods: CryptoPeriod[] = [];
  for (const [start, end] of clauses(tokens)) {
    const period = periodIn(tokens, start, end);
    if (!period) continue;
    const span = mapSpan(pieces, tokens[period.from].start, tokens[period.to - 1].end);
    if (span) periods.push({ keyType: keyTypeIn(tokens, start, end) ?? 'unspecified', months: period.months, span });
  }
  return periods;
}

function keyTypeIn(tokens: CryptoToken[], start = 0, end = tokens.length): string | undefined {
  const clause = start === 0 && end === tokens.length ? tokens : tokens.slice(start, end);
  for (const [phrase, id] of KEY_TYPE_PHRASES) if (containsPhrase(clause, phrase) >= 0) return id;
  return undefined;
}

function rowPeriods(row: MarkdownTableCell[], headers: CryptoToken[][]): CryptoPeriod[] {
  const periodColumn = headers.findIndex((tokens) => tokens.some((token) => ROTATION_WORDS.has(token.lower) || token.lower === 'period' || token.lower === 'frequency' || token.lower === 'interval'));
  if (periodColumn < 0 || !row[periodColumn]) return [];
  const cell = row[periodColumn];
  const tokens = cryptoTokens(cell.plain);
  const period = periodIn(tokens);
  if (!period) return [];
  const span = mapSpan(cell.pieces, tokens[period.from].start, tokens[period.to - 1].end);
  if (!span) return [];
  let keyType: string | undefined;
  row.forEach((other, index) => {
    if (index !== periodColumn && !keyType) keyType = keyTypeIn(cryptoTokens(other.plain));
  });
  return [{ keyType: keyType ?? 'unspecified', months: period.months, span }];
}
