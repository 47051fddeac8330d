import { ALGORITHMS, ALGORITHM_BY_ID, CURVES, type CryptoUse, type Parameter } from './registry';

/**
 * Finds algorithm names in plain text with one linear pass: the text is cut into tokens (runs of ASCII letters,
 * runs of digits with an optional `.digits` version part), and names are looked up in a trie of token sequences,
 * longest first. No regular expression sees the text. "AES-256-GCM", "AES256", "aes 256" and "AES_256" all read
 * as the tokens `aes 256 gcm`; "TLSv1.2" as `tls v 1.2`; "secp256r1" as `secp 256 r 1`.
 */

export interface CryptoToken {
  /** As written. */
  text: string;
  lower: string;
  numeric: boolean;
  start: number;
  end: number;
  /** The characters between the previous token and this one. */
  gap: string;
}

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** One-character gaps (almost all of them) are shared, not sliced anew for every token. */
const SINGLE_GAPS: string[] = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));

export function cryptoTokens(text: string): CryptoToken[] {
  const tokens: CryptoToken[] = [];
  let previousEnd = 0;
  let i = 0;
  const length = text.length;
  while (i < length) {
    const code = text.charCodeAt(i);
    let end = i;
    let numeric = false;
    let upper = false;
    if (isLetter(code)) {
      while (end < length) {
        const next = text.charCodeAt(end);
        if (next >= 65 && next <= 90) upper = true;
        else if (!(next >= 97 && next <= 122)) break;
        end++;
      }
    } else if (isDigit(code)) {
      numeric = true;
      while (end < length && isDigit(text.charCodeAt(end))) end++;
      // A version or decimal: "1.2", "3.0" (one dot, digits after it).
      if (text.charCodeAt(end) === 46 && isDigit(text.charCodeAt(end + 1))) {
        end++;
        while (end < length && isDigit(text.charCodeAt(end))) end++;
      }
    } else {
      i++;
      continue;
    }
    const value = text.slice(i, end);
    const gapCode = i - previousEnd === 1 ? text.charCodeAt(previousEnd) : -1;
    const gap = i === previousEnd ? '' : gapCode >= 0 && gapCode < 128 ? SINGLE_GAPS[gapCode] : text.slice(previousEnd, i);
    tokens.push({ text: value, lower: upper ? value.toLowerCase() : value, numeric, start: i, end, gap });
    previousEnd = end;
    i = end;
  }
  return tokens;
}

/** Tokens of a name may be joined by nothing, a space, a hyphen, an underscore or a slash (one or two of them). */
export function joins(gap: string): boolean {
  if (gap.length > 2) return false;
  for (let k = 0; k < gap.length; k++) {
    const c = gap[k];
    if (c !== ' ' && c !== '-' && c !== '_' && c !== '/' && c !== '\u2010' && c !== '\u2013' && c !== '\u00a0') return false;
  }
  return true;
}

interface NamePart {
  algorithm: string;
  parameter?: Parameter;
  use?: CryptoUse;
}

interface TrieEnd {
  /** Letter tokens that must be written in exactly this case (empty strings for free tokens). */
  exact?: string[];
  parts: NamePart[];
}

interface TrieNode {
  next: Map<string, TrieNode>;
  ends: TrieEnd[];
}

function newNode(): TrieNode {
  return { next: new Map(), ends: [] };
}

function addName(root: TrieNode, name: string, parts: NamePart[], exact: boolean): void {
  const tokens = cryptoTokens(name);
  let node = root;
  for (const token of tokens) {
    let next = node.next.get(token.lower);
    if (!next) {
      next = newNode();
      node.next.set(token.lower, next);
    }
    node = next;
  }
  node.ends.push({ exact: exact ? tokens.map((token) => (token.numeric ? '' : token.text)) : undefined, parts });
}

/** JOSE algorithm names: two algorithms in one word. */
const COMPOUNDS: { name: string; parts: NamePart[] }[] = [256, 384, 512].flatMap((bits) => [
  { name: `HS${bits}`, parts: [{ algorithm: 'HMAC', parameter: bits, use: 'mac' as CryptoUse }, { algorithm: `SHA-${bits}`, use: 'mac' as CryptoUse }] },
  { name: `RS${bits}`, parts: [{ algorithm: 'RSA', use: 'signature' as CryptoUse }, { algorithm: `SHA-${bits}`, use: 'signature' as CryptoUse }] },
  { name: `PS${bits}`, parts: [{ algorithm: 'RSA', use: 'signature' as CryptoUse }, { algorithm: `SHA-${bits}`, use: 'signature' as CryptoUse }] },
  { name: `ES${bits}`, parts: [{ algorithm: 'ECDSA', parameter: bits === 512 ? 'P-521' : `P-${bits}`, use: 'signature' as CryptoUse }, { algorithm: `SHA-${bits}`, use: 'signature' as CryptoUse }] },
]);

let nameTrie: TrieNode | undefined;
let curveTrie: TrieNode | undefined;

function names(): TrieNode {
  if (nameTrie) return nameTrie;
  const root = newNode();
  for (const info of ALGORITHMS) {
    for (const alias of info.aliases) addName(root, alias, [{ algorithm: info.id }], info.exactCase?.includes(alias) ?? false);
  }
  for (const compound of COMPOUNDS) addName(root, compound.name, compound.parts, true);
  nameTrie = root;
  return root;
}

function curves(): TrieNode {
  if (curveTrie) return curveTrie;
  const root = newNode();
  for (const curve of CURVES) for (const alias of curve.aliases) addName(root, alias, [{ algorithm: curve.id }], false);
  curveTrie = root;
  return root;
}

/** Every alias of every algorithm and curve, for tests and completion. */
export function allNames(): { name: string; id: string }[] {
  return [
    ...ALGORITHMS.flatMap((info) => info.aliases.map((name) => ({ name, id: info.id }))),
    ...COMPOUNDS.map((compound) => ({ name: compound.name, id: compound.parts[0].algorithm })),
  ];
}

/** The longest name starting at token `at`: how many tokens it takes and what it names. */
function longestName(tokens: CryptoToken[], at: number, root: TrieNode): { length: number; parts: NamePart[] } | undefined {
  let node: TrieNode | undefined = root;
  let best: { length: number; parts: NamePart[] } | undefined;
  for (let k = at; k < tokens.length && node; k++) {
    if (k > at && !joins(tokens[k].gap)) break;
    node = node.next.get(tokens[k].lower);
    if (!node) break;
    for (const end of node.ends) {
      if (end.exact && !end.exact.every((text, offset) => text === '' || tokens[at + offset].text === text)) continue;
      if (!best || k - at + 1 > best.length) best = { length: k - at + 1, parts: end.parts };
    }
  }
  return best;
}

export interface ParameterHit {
  value: Parameter;
  start: number;
  end: number;
}

export interface RawMention {
  algorithm: string;
  /** The name's offsets in the scanned text. */
  start: number;
  end: number;
  /** Token index range of the name. */
  from: number;
  to: number;
  parameters: ParameterHit[];
  /** Set when the way it is written fixes the use (a JOSE name, a part of a cipher suite). */
  use?: CryptoUse;
  /** Part of a cipher-suite string. */
  suite?: boolean;
}

const FILLER = new Set([
  'key', 'keys', 'size', 'sizes', 'length', 'lengths', 'of', 'with', 'minimum', 'min', 'at', 'least', 'bit', 'bits', 'modulus',
  'or', 'and', 'a', 'an', 'the', 'is', 'are', 'be', 'must', 'should', 'shall', 'use', 'using', 'only', 'for', 'encryption',
  'keylength', 'strength', 'mode', 'curve', 'curves', 'on', 'to', 'than', 'shorter', 'less', 'smaller', 'below', 'under', 'fewer',
  'greater', 'higher', 'above', 'more', 'preferred', 'recommended', 'required', 'minimum', 'max', 'maximum', 'up', 'byte', 'bytes',
  'v', 'version', 'versions', 'e', 'g', 'eg', 'i', 'ie', 'br', 'approved', 'allowed', 'equivalent', 'nist', 'named',
  'group', 'groups', 'moduli', 'prime', 'primes', 'parameter', 'parameters',
]);

const BOUND_WORDS = new Set(['shorter', 'less', 'smaller', 'below', 'under', 'fewer', 'weaker']);

/** RSA, DH and DSA sizes people write: multiples of 512 bits (1536, 2048, 3072, 4096, 7680, 15360 ...). */
function plausibleSize(algorithm: string, bits: number): boolean {
  const info = ALGORITHM_BY_ID.get(algorithm);
  if (!info?.sizes || bits < info.sizes.min || bits > info.sizes.max) return false;
  if (algorithm === 'RSA' || algorithm === 'DH' || algorithm === 'DSA') return bits % 512 === 0 || bits === 1536;
  if (algorithm === 'AES' || algorithm === 'Twofish' || algorithm === 'Camellia') return bits === 128 || bits === 192 || bits === 256;
  if (algorithm === 'ML-KEM') return bits === 512 || bits === 768 || bits === 1024;
  if (algorithm === 'ML-DSA') return bits === 44 || bits === 65 || bits === 87;
  if (algorithm === 'SHA-2' || algorithm === 'SHA-3') return bits === 224 || bits === 256 || bits === 384 || bits === 512;
  return true;
}

function normalizeVersion(algorithm: string, text: string): string | undefined {
  if (algorithm === 'TLS') {
    if (text === '1') return '1.0';
    return ['1.0', '1.1', '1.2', '1.3'].includes(text) ? text : undefined;
  }
  if (algorithm === 'SSL') {
    if (text === '2' || text === '2.0') return '2.0';
    if (text === '3' || text === '3.0') return '3.0';
    return undefined;
  }
  if (algorithm === 'SSH') return text === '1' || text === '2' || text === '1.0' || text === '2.0' ? text[0] : undefined;
  if (algorithm === 'IPsec') return text === '1' || text === '2' ? text : undefined;
  return undefined;
}

/** A number is a prohibited upper bound when "<" or "shorter than" stands right before it. */
function isBound(tokens: CryptoToken[], at: number): boolean {
  const gap = tokens[at].gap;
  if (gap.includes('<') || gap.includes('\u2264')) return true;
  const before = tokens[at - 1];
  const twoBefore = tokens[at - 2];
  return (before?.lower === 'than' && twoBefore !== undefined && BOUND_WORDS.has(twoBefore.lower)) || (before !== undefined && BOUND_WORDS.has(before.lower));
}

/** Where a clause ends for parameter reading: a sentence end, a semicolon, a line break, a table cell. */
function endsClause(gap: string): boolean {
  for (let k = 0; k < gap.length; k++) {
    const c = gap[k];
    if (c === '.' || c === ';' || c === '\n' || c === '\r' || c === '|' || c === '\u2028' || c === '!' || c === '?' || c === ':') return true;
  }
  return false;
}

/** Parameters written after a name (sizes, curves, versions), up to the next name or the end of the clause. */
function readParameters(tokens: CryptoToken[], from: number, limit: number, algorithm: string): ParameterHit[] {
  const info = ALGORITHM_BY_ID.get(algorithm);
  if (!info) return [];
  const hits: ParameterHit[] = [];
  let idle = 0;
  for (let k = from; k < limit; k++) {
    const token = tokens[k];
    if (k > from && endsClause(token.gap)) break;
    if (k === from && endsClause(token.gap) && !token.gap.includes(':')) break;
    if (info.parameter === 'version') {
      if (token.numeric) {
        const version = normalizeVersion(algorithm, token.text);
        if (!version) break;
        hits.push({ value: isBound(tokens, k) ? `<${version}` : version, start: token.start, end: token.end });
        idle = 0;
        continue;
      }
      if (token.lower === 'v' || token.lower === 'version' || token.lower === 'versions' || token.lower === 'or' || token.lower === 'and') continue;
      break;
    }
    if (info.parameter === 'curve') {
      const curve = longestName(tokens, k, curves());
      if (curve) {
        hits.push({ value: curve.parts[0].algorithm, start: token.start, end: tokens[k + curve.length - 1].end });
        k += curve.length - 1;
        idle = 0;
        continue;
      }
    }
    if (token.numeric && info.parameter !== 'none') {
      let bits = Number(token.text);
      const unit = tokens[k + 1];
      if (unit && (unit.lower === 'byte' || unit.lower === 'bytes') && joins(unit.gap)) bits *= 8;
      if (plausibleSize(algorithm, bits)) {
        hits.push({ value: isBound(tokens, k) ? `<${bits}` : bits, start: token.start, end: token.end });
        idle = 0;
        continue;
      }
      if (hits.length > 0 || idle > 1) break;
      idle++;
      continue;
    }
    if (FILLER.has(token.lower)) {
      if (++idle > 6) break;
      continue;
    }
    break;
  }
  return hits;
}

/** "256-bit AES", "2048-bit RSA keys": a size written just before the name. */
function sizeBefore(tokens: CryptoToken[], at: number, algorithm: string): ParameterHit | undefined {
  const unit = tokens[at - 1];
  const number = tokens[at - 2];
  if (!unit || !number || !number.numeric || (unit.lower !== 'bit' && unit.lower !== 'bits')) return undefined;
  if (!joins(unit.gap) || !joins(tokens[at].gap)) return undefined;
  const bits = Number(number.text);
  return plausibleSize(algorithm, bits) ? { value: bits, start: number.start, end: number.end } : undefined;
}

const SUITE_KEY_EXCHANGE = new Set(['ECDH', 'DH']);
const SUITE_AUTH = new Set(['RSA', 'ECDSA', 'DSA']);
const SUITE_CIPHERS = new Set(['AES', '3DES', 'DES', 'RC4', 'ChaCha20', 'ChaCha20-Poly1305', 'Camellia']);
const SUITE_HASHES = new Set(['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512', 'MD5']);

/**
 * A cipher suite is one word of names joined by `_` or `-` (`TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384`,
 * `ECDHE-RSA-AES256-GCM-SHA384`, `TLS_AES_128_GCM_SHA256`): its parts get their roles in the suite, the
 * hash at the end drives the PRF/HKDF (`kdf`), and the leading `TLS` names no protocol version.
 */
function markSuites(tokens: CryptoToken[], mentions: RawMention[]): RawMention[] {
  const dropped = new Set<RawMention>();
  const added: { index: number; mention: RawMention }[] = [];
  let runStart = 0;
  while (runStart < mentions.length) {
    let runEnd = runStart + 1;
    while (runEnd < mentions.length && gluedRun(tokens, mentions[runEnd - 1].to, mentions[runEnd].from)) runEnd++;
    const run = mentions.slice(runStart, runEnd);
    const ianaTls = run[0].algorithm === 'TLS' && tokens[run[0].from].text === 'TLS' && tokens[run[0].from + 1]?.gap === '_';
    const hasCipher = run.some((mention) => SUITE_CIPHERS.has(mention.algorithm));
    const hasKeyExchange = run.some((mention) => SUITE_KEY_EXCHANGE.has(mention.algorithm) || SUITE_AUTH.has(mention.algorithm));
    const last = run[run.length - 1];
    if (run.length >= 2 && hasCipher && (ianaTls || (hasKeyExchange && SUITE_HASHES.has(last.algorithm)))) {
      let sawKeyExchange = false;
      for (const mention of run) {
        mention.suite = true;
        if (mention === run[0] && ianaTls) dropped.add(mention);
        else if (SUITE_KEY_EXCHANGE.has(mention.algorithm)) {
          mention.use = 'key-establishment';
          sawKeyExchange = true;
        } else if (SUITE_AUTH.has(mention.algorithm)) mention.use = sawKeyExchange || mention.algorithm !== 'RSA' ? 'signature' : 'key-establishment';
        else if (SUITE_HASHES.has(mention.algorithm) && mention === last) mention.use = 'kdf';
        else if (SUITE_CIPHERS.has(mention.algorithm)) mention.use = 'encryption';
      }
      // TLS 1.2 CBC suites end in a bare "SHA": HMAC with SHA-1.
      const after = tokens[last.to];
      if (after && after.lower === 'sha' && (after.gap === '_' || after.gap === '-') && !(tokens[last.to + 1]?.numeric && joins(tokens[last.to + 1].gap))) {
        added.push({ index: runEnd, mention: { algorithm: 'SHA-1', start: after.start, end: after.end, from: last.to, to: last.to + 1, parameters: [], use: 'mac', suite: true } });
      }
    }
    runStart = runEnd;
  }
  for (const { index, mention } of added.reverse()) mentions.splice(index, 0, mention);
  return mentions.filter((mention) => !dropped.has(mention));
}

/** Names are glued into one word when only `_`/`-` joins them and the tokens between are sizes or `WITH`. */
function gluedRun(tokens: CryptoToken[], afterPrevious: number, nextStart: number): boolean {
  for (let k = afterPrevious; k <= nextStart && k < tokens.length; k++) {
    const gap = tokens[k].gap;
    if (gap !== '_' && gap !== '-' && gap !== '') return false;
    if (k < nextStart && !tokens[k].numeric && tokens[k].lower !== 'with' && tokens[k].lower !== 'ede') return false;
  }
  return true;
}

/** Words after "SSL" that make it a product or a certificate, not the protocol. */
const NOT_PROTOCOL_AFTER = new Set(['labs', 'lab', 'certificate', 'certificates', 'cert', 'certs']);

/** Every algorithm name in `text` with its parameters, in order. */
export function scanText(text: string, tokens: CryptoToken[] = cryptoTokens(text)): RawMention[] {
  const trie = names();
  const found: { at: number; length: number; parts: NamePart[] }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const hit = longestName(tokens, i, trie);
    if (!hit) continue;
    found.push({ at: i, length: hit.length, parts: hit.parts });
    i += hit.length - 1;
  }
  const mentions: RawMention[] = [];
  found.forEach((hit, index) => {
    const to = hit.at + hit.length;
    const limit = index + 1 < found.length ? found[index + 1].at : tokens.length;
    const start = tokens[hit.at].start;
    const end = tokens[to - 1].end;
    for (const part of hit.parts) {
      const info = ALGORITHM_BY_ID.get(part.algorithm);
      if (!info) continue;
      if ((part.algorithm === 'SSL' || part.algorithm === 'TLS') && tokens[to] && NOT_PROTOCOL_AFTER.has(tokens[to].lower) && joins(tokens[to].gap)) continue;
      let parameters: ParameterHit[] = [];
      if (part.parameter !== undefined) parameters = [{ value: part.parameter, start, end }];
      else if (hit.parts.length === 1) {
        parameters = readParameters(tokens, to, limit, part.algorithm);
        if (parameters.length === 0) {
          const before = sizeBefore(tokens, hit.at, part.algorithm);
          if (before) parameters = [before];
        }
      }
      mentions.push({ algorithm: part.algorithm, start, end, from: hit.at, to, parameters, ...(part.use ? { use: part.use } : {}) });
    }
  });
  return markSuites(tokens, mentions);
}

/** Sizes, curves or versions for `algorithm` written on their own ("2048-bit minimum", "P-256, P-384", a sub-bullet). */
export function parametersIn(text: string, algorithm: string): ParameterHit[] {
  const tokens = cryptoTokens(text);
  for (let start = 0; start < tokens.length && start < 4; start++) {
    const hits = readParameters(tokens, start, tokens.length, algorithm);
    if (hits.length > 0) return hits;
  }
  return [];
}
