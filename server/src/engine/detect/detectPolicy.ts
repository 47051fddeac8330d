import { ConceptIndex, conceptIn } from '../evidence/concepts';
import type { ConceptId } from '../evidence/lexicon';
import { tokenize } from '../evidence/match';
import { statementsOf } from '../evidence/statements';
import type { PolicyDocument } from '../parse/document';
import { isPlaceholderText } from '../parse/placeholder';
import { entryOf, type PNode } from '../parse/yamlModel';
import type { Span } from '../types';
import { CRYPTO_TOPICS, DETECTION_CONCEPTS, MIN_CONCEPTS, MIN_TOPIC_SHARE, NOT_POLICY_TITLES, POLICY_KINDS } from './policyTitles';

/** Whether a document is checked as a CEK policy, and why (shown when a file is skipped, and in tests). */
export interface PolicyDetection {
  isPolicy: boolean;
  /**
   * One clause, e.g. `its first heading "Key Management Standard" names a policy about cryptography, encryption or keys, and its
   * body establishes CEK concepts (...)`; for a file that is not a policy, what its content lacks (the marker is missing too).
   */
  reason: string;
  /** How it was decided. */
  basis: 'marker' | 'forced' | 'content' | 'none';
  /** The title that named a policy, when one did. */
  title?: { text: string; span: Span; source: TitleSource };
  /** The CEK concepts the body was found to establish (up to the threshold). */
  concepts?: string[];
}

export type TitleSource = 'front matter title' | 'front matter name' | 'YAML title' | 'first heading' | 'bold title line';

const MARKER: PolicyDetection = { isPolicy: true, basis: 'marker', reason: 'it has `kind: crypto-policy`' };
const FORCED: PolicyDetection = { isPolicy: true, basis: 'forced', reason: 'it is named with --policy or matched by the `files:` globs' };

/** At most this many YAML values are read for concepts (a data file of thousands of rows is no policy to detect). */
const MAX_YAML_LEAVES = 2000;
const MAX_YAML_DEPTH = 8;

interface Word {
  text: string;
  prefix: boolean;
}

const compile = (phrase: string): Word[] => phrase.split(' ').map((word) => ({ text: word.replace(/\*$/, ''), prefix: word.endsWith('*') }));
const KINDS = POLICY_KINDS.map(compile);
const TOPICS = CRYPTO_TOPICS.map(compile);
const EXCLUDED = NOT_POLICY_TITLES.map(compile);

/** Whether the words hold the phrase (consecutive words, `*` a prefix). */
function holds(words: string[], phrase: Word[]): boolean {
  for (let at = 0; at + phrase.length <= words.length; at++) {
    if (phrase.every((word, offset) => (word.prefix ? words[at + offset].startsWith(word.text) : words[at + offset] === word.text))) return true;
  }
  return false;
}

export function speaksOfCrypto(words: string[]): boolean {
  return TOPICS.some((topic) => holds(words, topic));
}

interface TitleReading {
  text: string;
  span: Span;
  source: TitleSource;
  /** It names a policy, standard, procedure, runbook or matrix (and is no ADR, threat model, how-to ...). */
  namesPolicy: boolean;
  /** ... about cryptography, encryption or keys. */
  aboutCrypto: boolean;
}

/** The places a document's title is written, in order: front matter or YAML `title`, `name`, the first heading, a bold first line. */
function titlesOf(document: PolicyDocument): TitleReading[] {
  const found: { text: string; span: Span; source: TitleSource }[] = [];
  const scalarAt = (key: string, source: TitleSource) => {
    const value = entryOf(document.root, key)?.value;
    if (value?.kind === 'scalar' && typeof value.value === 'string' && value.value.trim() !== '') found.push({ text: value.value, span: value.span, source });
  };
  const markdown = document.markdown;
  scalarAt('title', markdown ? 'front matter title' : 'YAML title');
  if (markdown) {
    scalarAt('name', 'front matter name');
    const heading = markdown.sections[0];
    if (heading && heading.heading !== '') found.push({ text: heading.heading, span: heading.headingSpan, source: 'first heading' });
    const first = markdown.blocks[0];
    if (first && first.kind === 'paragraph') {
      const source = document.text.slice(first.span.start, first.span.end).trim();
      const bold = (source.startsWith('**') && source.endsWith('**')) || (source.startsWith('__') && source.endsWith('__'));
      if (bold && source.length > 4 && !source.includes('\n')) found.push({ text: first.text.trim(), span: first.span, source: 'bold title line' });
    }
  }
  return found.map((title) => {
    const words = tokenize(title.text).map((token) => token.word);
    const excluded = EXCLUDED.some((phrase) => holds(words, phrase));
    const namesPolicy = !excluded && KINDS.some((kind) => holds(words, kind));
    return { ...title, namesPolicy, aboutCrypto: namesPolicy && speaksOfCrypto(words) };
  });
}

/** What the body says, reduced to what detection needs: the CEK concepts it establishes, and how much of it is about cryptography. */
interface BodyReading {
  concepts: string[];
  statements: number;
  aboutCrypto: number;
}

function readMarkdownBody(document: PolicyDocument, needsTopic: boolean): BodyReading {
  const markdown = document.markdown!;
  const statements = statementsOf(markdown);
  const prose = statements.filter((statement) => statement.block.kind !== 'heading' && !statement.placeholder);
  const aboutCrypto = prose.filter((statement) => speaksOfCrypto(statement.tokens.map((token) => token.word))).length;
  // A title without the topic, over a body mostly about other things: no concept can make it a policy.
  if (needsTopic && (prose.length === 0 || aboutCrypto / prose.length < MIN_TOPIC_SHARE)) return { concepts: [], statements: prose.length, aboutCrypto };
  const index = new ConceptIndex(statements, markdown.sections);
  const concepts: string[] = [];
  if (index.sectionsAbout('roles').some((section) => markdown.sections[section].hasContent)) concepts.push('roles');
  for (const concept of DETECTION_CONCEPTS) {
    if (concepts.length >= MIN_CONCEPTS) break;
    if (index.has(concept as ConceptId)) concepts.push(concept);
  }
  index.release();
  return { concepts, statements: prose.length, aboutCrypto };
}

/** A YAML document's values, each read with the keys above it ("scope kms true", "roles responsibilities key rotation"). */
function yamlTexts(root: PNode | undefined): string[] {
  const texts: string[] = [];
  const stack: { node: PNode; path: string; depth: number }[] = root ? [{ node: root, path: '', depth: 0 }] : [];
  while (stack.length > 0 && texts.length < MAX_YAML_LEAVES) {
    const { node, path, depth } = stack.pop()!;
    if (node.kind === 'scalar') {
      if (node.value !== null && !(typeof node.value === 'string' && isPlaceholderText(node.value))) texts.push(`${path} ${String(node.value)}`.replace(/_/g, ' ').trim());
      continue;
    }
    if (depth >= MAX_YAML_DEPTH) continue;
    if (node.kind === 'map') for (let i = node.entries.length - 1; i >= 0; i--) stack.push({ node: node.entries[i].value, path: `${path} ${node.entries[i].key}`, depth: depth + 1 });
    else for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], path, depth: depth + 1 });
  }
  return texts;
}

function readYamlBody(document: PolicyDocument): BodyReading {
  const texts = yamlTexts(document.root);
  const concepts: string[] = [];
  for (const concept of DETECTION_CONCEPTS) {
    if (concepts.length >= MIN_CONCEPTS) break;
    if (texts.some((text) => conceptIn(concept as ConceptId, text))) concepts.push(concept);
  }
  const aboutCrypto = texts.filter((text) => speaksOfCrypto(tokenize(text).map((token) => token.word))).length;
  return { concepts, statements: texts.length, aboutCrypto };
}

/**
 * Whether a document is a CEK policy: it has the marker; or it is forced (`--policy`, `files:`); or its content says
 * so: a title names a policy, standard, procedure, runbook or matrix about cryptography, encryption or keys (or names
 * a policy, and most of the body is about them), and the body establishes at least MIN_CONCEPTS CEK concepts. The
 * CLI, the editor and the workspace report all decide with this function.
 */
export function detectPolicy(document: PolicyDocument, force = false): PolicyDetection {
  if (document.hasPolicyMarker) return MARKER;
  if (force) return FORCED;
  const none = (reason: string, extra: Partial<PolicyDetection> = {}): PolicyDetection => ({ isPolicy: false, basis: 'none', reason, ...extra });
  if (document.refused) return none('it was refused unread, and the part that could be read has no marker');
  if (document.parseErrors.length > 0 && !document.root && !document.markdown) return none('it could not be read');
  // A file that says what kind of thing it is (`kind: Deployment`, `kind: ConfigMap`) is that thing, whatever it holds.
  const kind = entryOf(document.root, 'kind')?.value;
  if (kind?.kind === 'scalar' && kind.value !== null && String(kind.value).trim() !== '') return none(`it declares \`kind: ${clip(String(kind.value))}\``);
  const titles = titlesOf(document);
  const title = titles.find((candidate) => candidate.aboutCrypto) ?? titles.find((candidate) => candidate.namesPolicy);
  if (!title) {
    return none(titles.length === 0
      ? 'it has no title (front matter `title`, first heading) naming a policy about cryptography, encryption or keys'
      : `its title "${clip(titles[0].text)}" names no policy, standard, procedure, runbook or matrix about cryptography, encryption or keys`);
  }
  const body = document.markdown ? readMarkdownBody(document, !title.aboutCrypto) : readYamlBody(document);
  const shown = { text: title.text, span: title.span, source: title.source };
  if (!title.aboutCrypto && (body.statements === 0 || body.aboutCrypto / body.statements < MIN_TOPIC_SHARE)) {
    return none(`its title "${clip(title.text)}" names a policy, but not one about cryptography, encryption or keys, and most of its text is about other things (${body.aboutCrypto} of ${body.statements} statements speak of them)`, { title: shown, concepts: body.concepts });
  }
  if (body.concepts.length < MIN_CONCEPTS) {
    return none(`its title "${clip(title.text)}" names a policy, but its body establishes ${body.concepts.length === 0 ? 'no CEK concept' : `only ${body.concepts.length} CEK concept${body.concepts.length === 1 ? '' : 's'} (${body.concepts.join(', ')})`}, and a policy establishes at least ${MIN_CONCEPTS}`, { title: shown, concepts: body.concepts });
  }
  return {
    isPolicy: true, basis: 'content', title: shown, concepts: body.concepts,
    reason: `its ${title.source} "${clip(title.text)}" names a ${title.aboutCrypto ? 'policy about cryptography, encryption or keys' : 'policy, and most of its text is about cryptography'}, and its body establishes CEK concepts (${body.concepts.join(', ')})`,
  };
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}

/**
 * A cheap look before parsing a file on disk (the workspace scan): a policy by content names its kind in its first
 * few kilobytes (front matter, heading); without one of these words it cannot be detected.
 */
export function mayBePolicyByContent(text: string): boolean {
  const head = text.slice(0, 8192).toLowerCase();
  return ['polic', 'standard', 'procedure', 'runbook', 'matri'].some((word) => head.includes(word));
}

/** Every title a document gives itself (front matter or YAML `title`, `name`, first heading, bold first line), as written. */
export function documentTitles(document: PolicyDocument): string[] {
  return titlesOf(document).map((title) => title.text);
}
