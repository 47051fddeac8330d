import type { CryptoUse } from './registry';
import type { CryptoToken, RawMention } from './scanner';

/**
 * The policy's stance on each name in a statement, decided as a reader does: from cue words before a name
 * ("No", "Prohibited:", "never use", "instead of"), after a list of names ("are prohibited", "(legacy systems
 * only)"), and from the use words of the clause ("for digital signatures"). The words are data here; the
 * functions only walk tokens.
 */

export type Stance = 'approved' | 'prohibited' | 'legacy' | 'mentioned';

type Cue = 'prohibited' | 'legacy' | 'approved' | 'mentioned';

/** Phrases before names that set the stance of what follows in the clause. */
const FORWARD: [string, Cue][] = [
  ['no', 'prohibited'], ['not', 'prohibited'], ['never', 'prohibited'], ['avoid', 'prohibited'], ['disable', 'prohibited'],
  ['disabled', 'prohibited'], ['disallow', 'prohibited'], ['disallowed', 'prohibited'], ['prohibit', 'prohibited'], ['prohibited', 'prohibited'],
  ['prohibits', 'prohibited'], ['forbid', 'prohibited'], ['forbidden', 'prohibited'], ['ban', 'prohibited'], ['banned', 'prohibited'],
  ['deprecated', 'prohibited'], ['deprecate', 'prohibited'], ['reject', 'prohibited'], ['rejected', 'prohibited'], ['block', 'prohibited'],
  ['instead of', 'prohibited'], ['rather than', 'prohibited'], ['in place of', 'prohibited'], ['replace', 'prohibited'], ['replacing', 'prohibited'],
  ['migrate from', 'prohibited'], ['migrate away from', 'prohibited'], ['upgrade from', 'prohibited'], ['move away from', 'prohibited'], ['phase out', 'prohibited'],
  ['weak', 'prohibited'], ['insecure', 'prohibited'], ['broken', 'prohibited'], ['unacceptable', 'prohibited'], ['not permitted', 'prohibited'],
  ['not allowed', 'prohibited'], ['unsupported', 'prohibited'], ['retire', 'prohibited'], ['remove', 'prohibited'],
  ['never use', 'prohibited'], ['do not use', 'prohibited'], ['don t use', 'prohibited'], ['must not use', 'prohibited'], ['shall not use', 'prohibited'],
  ['should not use', 'prohibited'], ['must not', 'prohibited'], ['shall not', 'prohibited'], ['may not', 'prohibited'], ['cannot', 'prohibited'],
  // Approval after a replacement cue: "replace 3DES with AES-256", "migrate from RC4 to AES".
  ['use', 'approved'], ['using', 'approved'], ['uses', 'approved'], ['require', 'approved'], ['requires', 'approved'], ['required', 'approved'],
  ['with', 'approved'], ['to', 'approved'], ['instead use', 'approved'], ['in favor of', 'approved'], ['in favour of', 'approved'],
  ['replaced by', 'approved'], ['replaced with', 'approved'], ['replace with', 'approved'], ['prefer', 'approved'], ['preferred', 'approved'],
  ['only', 'approved'], ['allowed', 'approved'], ['approved', 'approved'], ['permitted', 'approved'], ['recommended', 'approved'],
  ['legacy only', 'legacy'], ['legacy systems only', 'legacy'], ['legacy use only', 'legacy'], ['only for legacy', 'legacy'], ['decryption only', 'legacy'],
  ['decrypt only', 'legacy'], ['verification only', 'legacy'], ['verify only', 'legacy'], ['restricted', 'legacy'],
  ['alternative to', 'mentioned'], ['compared to', 'mentioned'], ['compared with', 'mentioned'], ['versus', 'mentioned'], ['vs', 'mentioned'],
  ['unlike', 'mentioned'], ['as opposed to', 'mentioned'],
];

/** Approval words that only restore approval after a prohibition ("with", "to" are too common to approve alone). */
const RESTORE_ONLY = new Set(['with', 'to', 'only', 'allowed', 'approved', 'permitted', 'recommended', 'using', 'uses']);

/** Phrases after a list of names that give it its stance ("DES and RC4 are prohibited", "TLS 1.0 (disabled)"). */
const BACKWARD: [string, Cue][] = [
  ['prohibited', 'prohibited'], ['forbidden', 'prohibited'], ['banned', 'prohibited'], ['disallowed', 'prohibited'], ['disabled', 'prohibited'],
  ['deprecated', 'prohibited'], ['not permitted', 'prohibited'], ['not allowed', 'prohibited'], ['not be used', 'prohibited'], ['never be used', 'prohibited'],
  ['not approved', 'prohibited'], ['not acceptable', 'prohibited'], ['unacceptable', 'prohibited'], ['insecure', 'prohibited'], ['weak', 'prohibited'],
  ['broken', 'prohibited'], ['obsolete', 'prohibited'], ['no longer', 'prohibited'], ['replaced', 'prohibited'], ['phased out', 'prohibited'],
  ['retired', 'prohibited'], ['removed', 'prohibited'], ['not supported', 'prohibited'], ['must be disabled', 'prohibited'], ['not to be used', 'prohibited'],
  ['legacy only', 'legacy'], ['legacy systems only', 'legacy'], ['legacy use only', 'legacy'], ['only for legacy', 'legacy'], ['for legacy systems only', 'legacy'],
  ['decryption only', 'legacy'], ['decrypt only', 'legacy'], ['verification only', 'legacy'], ['verify only', 'legacy'], ['existing data only', 'legacy'],
  ['for legacy systems', 'legacy'], ['for legacy', 'legacy'], ['for decryption of existing', 'legacy'], ['to decrypt existing', 'legacy'], ['to verify existing', 'legacy'], ['restricted to legacy', 'legacy'],
];

/** Words that stop a backward cue from reaching names before them ("TLS 1.2 is required, TLS 1.0 is disabled"). */
const BLOCKERS = new Set(['required', 'requires', 'require', 'approved', 'allowed', 'permitted', 'preferred', 'recommended', 'minimum', 'only', 'supported', 'enabled', 'acceptable', 'mandatory', 'use', 'using', 'with', 'instead', 'but', 'whereas', 'while', 'except', 'higher', 'above', 'later', 'newer']);

/** Words that stop a legacy restriction from reaching back: only a contrast does. */
const LEGACY_BLOCKERS = new Set(['but', 'whereas', 'while', 'except', 'instead']);

/** Words that start a new clause. */
const CLAUSE_WORDS = new Set(['but', 'however', 'whereas', 'while', 'although']);

const USE_WORDS: [string, CryptoUse][] = [
  ['digital signature', 'signature'], ['digital signatures', 'signature'], ['signature', 'signature'], ['signatures', 'signature'], ['signing', 'signature'],
  ['sign', 'signature'], ['code signing', 'signature'], ['certificate signing', 'signature'],
  ['key exchange', 'key-establishment'], ['key agreement', 'key-establishment'], ['key establishment', 'key-establishment'], ['key transport', 'key-establishment'],
  ['key encapsulation', 'key-establishment'], ['password', 'password-hashing'], ['passwords', 'password-hashing'], ['password hashing', 'password-hashing'],
  ['integrity', 'hash'], ['hash', 'hash'], ['hashing', 'hash'], ['at rest', 'encryption'], ['checksum', 'hash'], ['checksums', 'hash'], ['fingerprint', 'hash'], ['fingerprints', 'hash'], ['digest', 'hash'], ['digests', 'hash'],
  ['message authentication', 'mac'], ['hmac', 'mac'], ['hmacs', 'mac'], ['key derivation', 'kdf'], ['kdf', 'kdf'], ['encryption', 'encryption'], ['encrypt', 'encryption'], ['encrypting', 'encryption'],
  ['decryption', 'encryption'], ['random', 'rng'],
];

/** Algorithms whose status turns on the use; others keep their own use. */
const USE_SENSITIVE = new Set(['SHA-1', 'MD5', 'MD4', 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512', 'SHA-2', 'SHA-3', 'RSA', 'ECC', '3DES', '2TDEA', 'DSA']);

const NON_SECURITY: string[] = ['non security', 'non cryptographic', 'noncryptographic', 'checksum', 'checksums', 'deduplication', 'cache key', 'cache keys', 'etag', 'etags', 'not for security', 'non secure'];
const WEAK_HASHES = new Set(['MD5', 'MD4', 'SHA-1']);

interface Phrase {
  words: string[];
  value: string;
}

/** Phrases by their first word, longest first: a token is looked up once, not compared with every phrase. */
type PhraseIndex = Map<string, Phrase[]>;

function phrases<T extends string>(list: [string, T][]): PhraseIndex {
  const index: PhraseIndex = new Map();
  for (const [text, value] of list) {
    const words = text.split(' ');
    const bucket = index.get(words[0]) ?? [];
    bucket.push({ words, value });
    index.set(words[0], bucket);
  }
  for (const bucket of index.values()) bucket.sort((a, b) => b.words.length - a.words.length);
  return index;
}

const FORWARD_PHRASES = phrases(FORWARD);
const BACKWARD_PHRASES = phrases(BACKWARD);
const USE_PHRASES = phrases(USE_WORDS);
const NON_SECURITY_PHRASES = phrases(NON_SECURITY.map((text) => [text, 'yes'] as [string, string]));

/** The longest phrase of `list` at token `at` within [.., limit). */
function phraseAt(tokens: CryptoToken[], at: number, limit: number, index: PhraseIndex): Phrase | undefined {
  const list = index.get(tokens[at].lower);
  if (!list) return undefined;
  for (const phrase of list) {
    if (at + phrase.words.length > limit) continue;
    let ok = true;
    for (let k = 0; k < phrase.words.length && ok; k++) ok = tokens[at + k].lower === phrase.words[k];
    if (ok) return phrase;
  }
  return undefined;
}

const NEGATIONS = new Set(['❌', '✗', '✘', '⛔', '🚫', '×']);
const APPROVALS = new Set(['✅', '✓', '✔', '☑']);

/** Characters that start a line as a bullet in text that is not a Markdown list. */
const BULLETS = new Set(['•', '◦', '▪', '‣', '·', '●', '○', '■', '□', '➢', '►', '–']);

function clauseBreak(tokens: CryptoToken[], at: number): boolean {
  const gap = tokens[at].gap;
  if (CLAUSE_WORDS.has(tokens[at].lower)) return true;
  const newline = gap.indexOf('\n');
  if (newline >= 0) for (let k = newline + 1; k < gap.length; k++) if (BULLETS.has(gap[k])) return true;
  for (let k = 0; k < gap.length; k++) {
    const c = gap[k];
    if (c === ';' || c === '!' || c === '?' || c === '\u2028' || c === '|') return true;
    if (c === '.') {
      // "e.g.", "i.e.", "vs." are not sentence ends.
      const previous = tokens[at - 1];
      if (!previous || previous.text.length > 2 || previous.numeric) return true;
    }
  }
  return false;
}

/** Token index ranges [start, end) of the clauses of a statement. */
export function clauses(tokens: CryptoToken[]): [number, number][] {
  const result: [number, number][] = [];
  let start = 0;
  for (let k = 1; k < tokens.length; k++) {
    if (clauseBreak(tokens, k)) {
      result.push([start, k]);
      start = k;
    }
  }
  if (tokens.length > 0) result.push([start, tokens.length]);
  return result;
}

export interface MentionReading {
  /** Undefined when no word of the statement states a stance (the section or table decides). */
  stance?: Stance;
  use?: CryptoUse;
  nonSecurity?: boolean;
  /** The clause states a period ("RSA keys: 2 years maximum"): a list of cryptoperiods, not of algorithms. */
  periodClause?: boolean;
}

/** Reads the stance and use of each mention from the words of its clause. */
export function readMentions(text: string, tokens: CryptoToken[], mentions: RawMention[]): MentionReading[] {
  const readings: MentionReading[] = mentions.map(() => ({}));
  const ranges = clauses(tokens);
  let clauseIndex = 0;
  // Mentions are in token order: walk clauses alongside them.
  const byClause = new Map<number, number[]>();
  mentions.forEach((mention, index) => {
    while (clauseIndex < ranges.length - 1 && mention.from >= ranges[clauseIndex][1]) clauseIndex++;
    const list = byClause.get(clauseIndex) ?? [];
    list.push(index);
    byClause.set(clauseIndex, list);
  });
  for (const [clause, members] of byClause) {
    const [start, end] = ranges[clause];
    readClause(text, tokens, start, end, members.map((index) => mentions[index]), members.map((index) => readings[index]));
  }
  return readings;
}

function readClause(text: string, tokens: CryptoToken[], start: number, end: number, mentions: RawMention[], readings: MentionReading[]): void {
  const inMention = new Uint8Array(end - start);
  for (const mention of mentions) for (let k = Math.max(start, mention.from); k < Math.min(end, mention.to); k++) inMention[k - start] = 1;
  // Forward pass: the state at each token.
  let state: Cue | undefined;
  const forward = new Map<number, Cue | undefined>();
  const backwardCues: { at: number; cue: Cue }[] = [];
  let nonSecurity = false;
  let mentionPointer = 0;
  let forwardFrom = start;
  const periodClause = isPeriodStatement(tokens, start, end);
  for (let k = start; k < end; k++) {
    const gap = tokens[k].gap;
    for (const symbol of gap) {
      if (NEGATIONS.has(symbol)) state = 'prohibited';
      else if (APPROVALS.has(symbol)) state = 'approved';
    }
    if (gap.includes('→') || gap.includes('->')) state = 'approved';
    if (inMention[k - start]) {
      while (mentionPointer < mentions.length && mentions[mentionPointer].to <= k) mentionPointer++;
      if (mentionPointer < mentions.length && mentions[mentionPointer].from === k) forward.set(mentionPointer, state);
      continue;
    }
    if (phraseAt(tokens, k, end, NON_SECURITY_PHRASES) || (tokens[k].lower === 'non' && tokens[k + 1]?.lower === 'security')) nonSecurity = true;
    const back = phraseAt(tokens, k, end, BACKWARD_PHRASES);
    if (back) backwardCues.push({ at: k, cue: back.value as Cue });
    const phrase = k >= forwardFrom ? phraseAt(tokens, k, end, FORWARD_PHRASES) : undefined;
    if (phrase) {
      const cue = phrase.value as Cue;
      // "with"/"to"/"only" restore approval after a replacement or prohibition, and state nothing on their own.
      if (cue === 'approved' && phrase.words.length === 1 && RESTORE_ONLY.has(phrase.words[0])) {
        if (state === 'prohibited' && (phrase.words[0] === 'with' || phrase.words[0] === 'to' || phrase.words[0] === 'using' || phrase.words[0] === 'uses') && !replacementBefore(tokens, start, k)) {
          // "No DES with ..." keeps the prohibition unless a replacement verb came first.
        } else if (state !== undefined) state = 'approved';
      } else if (cue === 'legacy' && phrase.words[0] === 'restricted' && state === undefined) {
        state = 'legacy';
      } else if (cue !== 'legacy' || phrase.words[0] !== 'restricted') {
        state = cue;
      }
      forwardFrom = k + phrase.words.length;
    }
  }
  // A leading "Legacy:" label.
  if (tokens[start]?.lower === 'legacy' && tokens[start + 1]?.gap.includes(':')) for (let i = 0; i < mentions.length; i++) if (!forward.get(i)) forward.set(i, 'legacy');
  mentions.forEach((mention, index) => {
    const reading = readings[index];
    let stance: Cue | undefined = forward.get(index);
    // The nearest backward cue after the mention, unless a blocker stands between.
    for (const cue of backwardCues) {
      if (cue.at < mention.to) continue;
      let blocked = false;
      // "3DES is only allowed for legacy systems": approval words do not stop a legacy restriction.
      const blockers = cue.cue === 'legacy' ? LEGACY_BLOCKERS : BLOCKERS;
      for (let k = mention.to; k < cue.at && !blocked; k++) if (!inMention[k - start] && blockers.has(tokens[k].lower)) blocked = true;
      if (!blocked) stance = cue.cue;
      break;
    }
    if (stance) reading.stance = stance;
    if (periodClause) reading.periodClause = true;
    if (mention.use) reading.use = mention.use;
    else if (USE_SENSITIVE.has(mention.algorithm)) {
      const use = useNear(tokens, start, end, mention, mentions);
      if (use) reading.use = use;
    }
    if (nonSecurity && WEAK_HASHES.has(mention.algorithm)) {
      reading.nonSecurity = true;
      reading.use = 'hash';
    }
  });
  void text;
}

function replacementBefore(tokens: CryptoToken[], start: number, at: number): boolean {
  for (let k = start; k < at; k++) {
    const word = tokens[k].lower;
    if (word === 'replace' || word === 'replacing' || word === 'migrate' || word === 'upgrade' || word === 'move' || word === 'switch') return true;
  }
  return false;
}

/** A hash right after HMAC or a KDF name is used there; after RSA/ECDSA it signs; else the clause's use words. */
function useNear(tokens: CryptoToken[], start: number, end: number, mention: RawMention, mentions: RawMention[]): CryptoUse | undefined {
  const index = mentions.indexOf(mention);
  const previous = mentions[index - 1];
  if (previous && previous.to >= mention.from - 1) {
    if (previous.algorithm === 'HMAC') return 'mac';
    if (previous.algorithm === 'PBKDF2' || previous.algorithm === 'HKDF') return 'kdf';
    if (previous.algorithm === 'RSA' || previous.algorithm === 'ECDSA' || previous.algorithm === 'DSA') return 'signature';
  }
  const next = mentions[index + 1];
  if (next && next.from <= mention.to + 1 && (next.algorithm === 'RSA' || next.algorithm === 'ECDSA')) return 'signature';
  for (let k = mention.to; k < end; k++) {
    const phrase = phraseAt(tokens, k, end, USE_PHRASES);
    if (phrase) return phrase.value as CryptoUse;
  }
  for (let k = start; k < mention.from; k++) {
    const phrase = phraseAt(tokens, k, mention.from, USE_PHRASES);
    if (phrase) return phrase.value as CryptoUse;
  }
  return undefined;
}

/** The use a table cell or YAML `use:` value names. */
export function useOf(text: string, tokens: CryptoToken[]): CryptoUse | undefined {
  for (let k = 0; k < tokens.length; k++) {
    const phrase = phraseAt(tokens, k, tokens.length, USE_PHRASES);
    if (phrase) return phrase.value as CryptoUse;
  }
  void text;
  return undefined;
}

const STATUS_WORDS: [string, Stance][] = [
  ['approved', 'approved'], ['allowed', 'approved'], ['recommended', 'approved'], ['preferred', 'approved'], ['required', 'approved'], ['acceptable', 'approved'],
  ['mandatory', 'approved'], ['yes', 'approved'], ['permitted', 'approved'], ['minimum', 'approved'], ['optional', 'approved'], ['supported', 'approved'], ['default', 'approved'],
  ['prohibited', 'prohibited'], ['disallowed', 'prohibited'], ['forbidden', 'prohibited'], ['banned', 'prohibited'], ['not allowed', 'prohibited'],
  ['not permitted', 'prohibited'], ['not approved', 'prohibited'], ['deprecated', 'prohibited'], ['no', 'prohibited'], ['insecure', 'prohibited'], ['disabled', 'prohibited'],
  ['do not use', 'prohibited'], ['never', 'prohibited'], ['weak', 'prohibited'],
  ['restricted', 'legacy'], ['legacy', 'legacy'], ['legacy only', 'legacy'], ['legacy use', 'legacy'], ['legacy use only', 'legacy'], ['decrypt only', 'legacy'], ['decryption only', 'legacy'],
];
const STATUS_PHRASES = phrases(STATUS_WORDS);

/** A table cell or heading that is a stance word and little else ("Prohibited", "✅ Approved", "Not allowed"). */
export function statusWord(text: string, tokens: CryptoToken[]): Stance | undefined {
  for (const symbol of text) {
    if (NEGATIONS.has(symbol)) return 'prohibited';
    if (APPROVALS.has(symbol)) return 'approved';
  }
  if (tokens.length === 0 || tokens.length > 4) return undefined;
  const phrase = phraseAt(tokens, 0, tokens.length, STATUS_PHRASES);
  return phrase && tokens.length - phrase.words.length <= 2 ? (phrase.value as Stance) : undefined;
}

const HEADING_MENTIONED = ['comparison', 'compared', 'glossary', 'definitions', 'terminology', 'acronyms', 'abbreviations'];
const LEAD_IN_PROHIBITED = ['must not', 'shall not', 'should not', 'never', 'not be used', 'no longer', 'disabled', 'disable'];

const HEADING_PROHIBITED = ['prohibited', 'forbidden', 'disallowed', 'banned', 'deprecated', 'insecure', 'weak', 'unacceptable', 'not permitted', 'not allowed', 'not approved', 'do not use', 'avoid'];

/** The stance a heading gives the names under it ("Prohibited Algorithms", "Legacy ciphers"), if any. */
export function headingStance(tokens: CryptoToken[]): Stance | undefined {
  const words = tokens.map((token) => token.lower).join(' ');
  if (HEADING_PROHIBITED.some((phrase) => ` ${words} `.includes(` ${phrase} `))) return 'prohibited';
  if (` ${words} `.includes(' legacy ')) return 'legacy';
  if (HEADING_MENTIONED.some((phrase) => ` ${words} `.includes(` ${phrase} `))) return 'mentioned';
  return undefined;
}

/** A short paragraph ending in a colon that introduces a list ("**Prohibited Algorithms:**", "The following must not be used:"). */
export function leadInStance(text: string, tokens: CryptoToken[]): Stance | undefined {
  if (!text.trimEnd().endsWith(':') || tokens.length > 16) return undefined;
  const heading = headingStance(tokens);
  if (heading) return heading;
  const words = ` ${tokens.map((token) => token.lower).join(' ')} `;
  if (LEAD_IN_PROHIBITED.some((phrase) => words.includes(` ${phrase} `))) return 'prohibited';
  if (/(?:approved|allowed|permitted|recommended|required|acceptable)/.test(words)) return 'approved';
  return undefined;
}

/** A written period in a clause with no stance ("RSA keys: 2 years maximum") lists cryptoperiods, not algorithms. */
const PERIOD_UNITS = new Set(['day', 'days', 'month', 'months', 'year', 'years']);

export function isPeriodStatement(tokens: CryptoToken[], start = 0, end = tokens.length): boolean {
  for (let k = start; k + 1 < end; k++) {
    if ((tokens[k].numeric || tokens[k].lower === 'one' || tokens[k].lower === 'two') && PERIOD_UNITS.has(tokens[k + 1].lower)) return true;
  }
  return false;
}
