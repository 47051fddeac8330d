import type { Catalog } from '../config/catalog';
import { tokenize } from '../evidence/match';
import type { Statement } from '../evidence/statements';
import type { PolicyModel } from '../model/model';
import type { PolicyDocument } from '../parse/document';
import { sourceSpan } from '../parse/textBlock';
import { entryOf } from '../parse/yamlModel';
import type { Span } from '../types';

export type ReferenceKind = 'link' | 'id' | 'title';

/** A place where a document points at another one: a relative link, a document id, or a document's title. */
export interface Reference {
  kind: ReferenceKind;
  /** The link destination (fragment and query removed, decoded), the id as written, or the title's words as written. */
  target: string;
  /** Where the reference is written in the referring document. */
  span: Span;
  /** The body section it stands in (-1: before the first heading, or YAML). */
  section: number;
  /**
   * Written as a reference ("see KM-PROC-4", "defined in the Key Management Procedure", any link): when it resolves
   * to nothing it is reported. An id or a title that is not cued counts only when a document of the project has it.
   */
  cued: boolean;
}

/** Words that introduce a reference to another document (the words right before it, `the` / `our` skipped). */
const CUES = [
  'see', 'refer to', 'referred to in', 'defined in', 'described in', 'documented in', 'set out in', 'specified in', 'detailed in',
  'according to', 'in accordance with', 'per', 'as per', 'governed by', 'covered by', 'follow', 'follows', 'following', 'under',
  'pursuant to', 'in line with', 'outlined in', 'contained in', 'maintained in', 'listed in', 'recorded in', 'see also',
].map((cue) => cue.split(' '));
const ARTICLES = new Set(['the', 'our', 'its', 'their', 'this', 'a', 'an']);

/** What a referenced document calls itself at the end of its title. */
const TITLE_KINDS = new Set(['policy', 'standard', 'procedure', 'runbook', 'matrix', 'plan', 'guideline', 'guidelines', 'charter', 'handbook', 'manual', 'register']);
/** Small words a title may hold between its capitalised ones ("Encryption and Key Management Policy"). */
const TITLE_CONNECTORS = new Set(['and', 'of', 'for', 'on', 'to', 'the']);
/** Capitalised words that start a sentence and never a title ("This Policy", "Each Procedure"). */
const NOT_TITLE_STARTS = new Set(['this', 'the', 'our', 'a', 'an', 'its', 'each', 'every', 'any', 'all', 'that', 'these', 'such', 'which', 'your']);
/** Id prefixes of external standards and algorithms (ISO-27001, SP-800-57, AES-256): never a document of the project. */
const EXTERNAL_PREFIXES = new Set([
  'ISO', 'IEC', 'NIST', 'SP', 'FIPS', 'RFC', 'PCI', 'DSS', 'SOC', 'CIS', 'BSI', 'ETSI', 'ANSI', 'PKCS', 'CVE', 'CWE', 'OWASP', 'GDPR', 'HIPAA',
  'AES', 'RSA', 'SHA', 'SHA2', 'SHA3', 'TLS', 'SSL', 'DES', '3DES', 'ECDSA', 'ECDH', 'ECDHE', 'HMAC', 'ML', 'SLH', 'KEM', 'DSA', 'GCM', 'CBC', 'UTF', 'X509', 'ED25519', 'IPSEC', 'SSH', 'CC', 'SOX', 'HITRUST', 'CSA', 'CCM', 'AICM', 'CAIQ', 'NIS', 'DORA',
]);

const isWordCode = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const isUpperOrDigit = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90);

/**
 * Document ids in a text: an upper-case word of 2 to 10 letters and digits, then one to four more parts of 1 to 10
 * joined by hyphens or underscores, whole words (KM-PROC-4, POL-011, SEC_STD_2). A scan that reads what
 * `/\b[A-Z][A-Z0-9]{1,9}(?:[-_][A-Z0-9]{1,10}){1,4}\b/g` reads, each start looking at most 54 characters ahead.
 */
export function documentIdsIn(text: string): { id: string; index: number }[] {
  const found: { id: string; index: number }[] = [];
  let at = 0;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (!(code >= 65 && code <= 90) || (at > 0 && isWordCode(text.charCodeAt(at - 1)))) {
      at++;
      continue;
    }
    let end = at + 1;
    while (end < text.length && end - at < 10 && isUpperOrDigit(text.charCodeAt(end))) end++;
    let best = -1;
    if (end - at >= 2 && !(end < text.length && isUpperOrDigit(text.charCodeAt(end)))) {
      let position = end;
      for (let parts = 0; parts < 4 && position < text.length && (text[position] === '-' || text[position] === '_'); parts++) {
        let partEnd = position + 1;
        while (partEnd < text.length && partEnd - position - 1 < 10 && isUpperOrDigit(text.charCodeAt(partEnd))) partEnd++;
        if (partEnd === position + 1 || (partEnd < text.length && isUpperOrDigit(text.charCodeAt(partEnd)))) break;
        position = partEnd;
        if (!(position < text.length && isWordCode(text.charCodeAt(position)))) best = position;
      }
    }
    if (best >= 0) {
      found.push({ id: text.slice(at, best), index: at });
      at = best;
    } else {
      at++;
    }
  }
  return found;
}
const POLICY_LINK = ['.md', '.markdown', '.yaml', '.yml'];
const SCHEME = /^[a-z][a-z0-9+.-]{0,31}:/i;
/** YAML keys that list the documents a policy relies on. */
const REFERENCE_KEYS = ['references', 'related_documents', 'related', 'see_also', 'procedures', 'supporting_documents'];

/** At most this many references are read from one document (a policy index of hundreds of links is not a set). */
export const MAX_REFERENCES = 64;

function wordsOf(text: string): string[] {
  return tokenize(text).map((token) => token.word);
}

/** Whether the words end with a cue (articles after the cue skipped). */
function cuedBy(before: string[]): boolean {
  let end = before.length;
  while (end > 0 && ARTICLES.has(before[end - 1])) end--;
  return CUES.some((cue) => cue.length <= end && cue.every((word, index) => before[end - cue.length + index] === word));
}

/** A link destination that may name a document of the project: relative (or from the project root), with a policy extension. */
export function linkTarget(url: string): string | undefined {
  const trimmed = url.trim().replace(/^<|>$/g, '');
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('//') || SCHEME.test(trimmed)) return undefined;
  let path = trimmed;
  for (const mark of ['#', '?']) {
    const at = path.indexOf(mark);
    if (at >= 0) path = path.slice(0, at);
  }
  try {
    path = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  const lower = path.toLowerCase();
  return POLICY_LINK.some((extension) => lower.endsWith(extension)) ? path : undefined;
}

/** The references of a document: its relative links, the document ids and titles its statements name, and a YAML `references:` list. */
export function findReferences(document: PolicyDocument, policy: PolicyModel, catalog: Catalog): Reference[] {
  const found: Reference[] = [];
  const seen = new Set<string>();
  const add = (reference: Reference) => {
    const key = `${reference.kind}:${reference.kind === 'link' ? reference.target : reference.target.toLowerCase()}`;
    if (seen.has(key) || found.length >= MAX_REFERENCES) return;
    seen.add(key);
    found.push(reference);
  };
  const ownId = (policy.meta.id?.value ?? scalarString(entryOf(document.root, 'id')?.value))?.toUpperCase();
  const ownTitle = wordsOf([scalarString(entryOf(document.root, 'title')?.value), document.markdown?.sections[0]?.heading].filter(Boolean).join(' '));

  for (const link of document.markdown?.links ?? []) {
    const target = linkTarget(link.url);
    if (target) add({ kind: 'link', target, span: link.span, section: link.section, cued: true });
  }
  for (const item of yamlReferenceList(document)) {
    const target = linkTarget(item.value);
    if (target) add({ kind: 'link', target, span: item.span, section: -1, cued: true });
    else if (item.value.trim() !== '') add({ kind: looksLikeId(item.value.trim()) ? 'id' : 'title', target: item.value.trim(), span: item.span, section: -1, cued: true });
  }
  // An id or a title written as a link's text is that link's reference already.
  const linkSpans = (document.markdown?.links ?? []).map((link) => link.span);
  const inLink = (span: Span) => linkSpans.some((link) => link.start <= span.start && span.end <= link.end);
  for (const statement of policy.concepts.statements) {
    if (statement.block.kind === 'heading' || statement.placeholder) continue;
    for (const reference of [...idsIn(statement, ownId, catalog), ...titlesIn(statement, ownTitle)]) if (!inLink(reference.span)) add(reference);
  }
  return found;
}

/** KM-PROC-4, POL_011: upper-case parts joined by hyphens or underscores. */
function looksLikeId(value: string): boolean {
  const parts = value.split(/[-_]/);
  return parts.length > 1 && parts.every((part) => part !== '' && part === part.toUpperCase() && !/[^A-Z0-9]/.test(part)) && /^[A-Z]/.test(value);
}

function scalarString(node: { kind: string; value?: unknown } | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

function yamlReferenceList(document: PolicyDocument): { value: string; span: Span }[] {
  const items: { value: string; span: Span }[] = [];
  for (const key of REFERENCE_KEYS) {
    const value = entryOf(document.root, key)?.value;
    if (!value) continue;
    const nodes = value.kind === 'seq' ? value.items : [value];
    for (const node of nodes) if (node.kind === 'scalar' && typeof node.value === 'string') items.push({ value: node.value, span: node.span });
  }
  return items;
}

function statementSpan(statement: Statement, from: number, to: number): Span {
  return sourceSpan(statement.block.pieces, statement.from + from, statement.from + to) ?? statement.span;
}

function idsIn(statement: Statement, ownId: string | undefined, catalog: Catalog): Reference[] {
  const references: Reference[] = [];
  for (const { id, index } of documentIdsIn(statement.text)) {
    if (!/[0-9]/.test(id) || id.toUpperCase() === ownId || catalog.resolve(id)) continue;
    if (EXTERNAL_PREFIXES.has(id.split(/[-_]/)[0])) continue;
    references.push({ kind: 'id', target: id, span: statementSpan(statement, index, index + id.length), section: statement.section, cued: cuedBy(wordsOf(statement.text.slice(Math.max(0, index - 60), index))) });
  }
  return references;
}

/** Capitalised phrases that end in a document kind: "the Key Management Procedure", "our Incident Response Plan". */
function titlesIn(statement: Statement, ownTitle: string[]): Reference[] {
  const references: Reference[] = [];
  const { tokens, text } = statement;
  const capitalised = (index: number) => {
    const first = text.charCodeAt(tokens[index].start);
    return first >= 65 && first <= 90;
  };
  for (let end = 0; end < tokens.length; end++) {
    if (!TITLE_KINDS.has(tokens[end].word) || !capitalised(end)) continue;
    let start = end;
    while (start > 0 && end - start < 8) {
      const previous = start - 1;
      // Words of one title are next to each other (a space, a hyphen or an ampersand between them).
      const gap = text.slice(tokens[previous].end, tokens[start].start);
      if (gap.length > 3 || /[.,;:()[\]]/.test(gap)) break;
      if (capitalised(previous)) start = previous;
      else if (TITLE_CONNECTORS.has(tokens[previous].word) && previous > 0 && capitalised(previous - 1)) start = previous;
      else break;
    }
    while (start < end && (NOT_TITLE_STARTS.has(tokens[start].word) || TITLE_CONNECTORS.has(tokens[start].word))) start++;
    if (start === end) continue;
    const words = tokens.slice(start, end + 1).map((token) => token.word);
    // The document's own title ("This Key Management Policy applies ...") is no reference.
    if (containsRun(ownTitle, words)) continue;
    const title = text.slice(tokens[start].start, tokens[end].end);
    references.push({ kind: 'title', target: title, span: statementSpan(statement, tokens[start].start, tokens[end].end), section: statement.section, cued: cuedBy(wordsOf(text.slice(Math.max(0, tokens[start].start - 60), tokens[start].start))) });
  }
  return references;
}

/** Whether `words` occur, one after the other, in `within`. */
export function containsRun(within: string[], words: string[]): boolean {
  if (words.length === 0 || words.length > within.length) return false;
  for (let at = 0; at + words.length <= within.length; at++) if (words.every((word, index) => within[at + index] === word)) return true;
  return false;
}
