import type { CryptoToken } from './scanner';

/**
 * A policy that asks TLS endpoints for a scanner grade ("an SSL Labs grade of B or better") allows, without naming
 * them, the protocol versions that grade tolerates. The grades and what caps them are data with their sources; only
 * what a source supports is modelled, and what could not be verified is said below.
 */

export interface GradeSource {
  title: string;
  url: string;
  date: string;
}

export const GRADE_SOURCES = {
  'ssllabs-tls10-11': {
    title: 'Qualys SSL Labs, "SSL Labs Grade Change for TLS 1.0 and TLS 1.1 Protocols" (blog, 2018-11-19; update of 2020-01-31: servers that support TLS 1.0 or TLS 1.1 are capped to B on www.ssllabs.com)',
    url: 'https://blog.qualys.com/ssllabs/2018/11/19/grade-change-for-tls-1-0-and-tls-1-1-protocols',
    date: '2020-01-31',
  },
  'ssllabs-rating-guide': {
    title: 'Qualys SSL Labs, SSL Server Rating Guide (version 2009o, 2017-05-08): letter grades A to F (A+ and A- from 2014), and rules that cap a grade',
    url: 'https://github.com/ssllabs/research/wiki/SSL-Server-Rating-Guide',
    date: '2017-05-08',
  },
} satisfies Record<string, GradeSource>;

/** SSL Labs letter grades, best first (SSL Server Rating Guide; A+ and A- since the 2014 revision). */
export const SSL_LABS_GRADES = ['A+', 'A', 'A-', 'B', 'C', 'D', 'E', 'F'] as const;
export type SslLabsGrade = (typeof SSL_LABS_GRADES)[number];

export interface GradeCap {
  protocol: 'TLS';
  /** The versions whose support caps a server's grade. */
  versions: string[];
  /** The best grade a server that supports them can get. */
  cap: SslLabsGrade;
  /** From this date (the change went live on www.ssllabs.com); before it, the versions did not cap the grade. */
  since: string;
  source: keyof typeof GRADE_SOURCES;
}

/** What caps an SSL Labs grade, by protocol version. */
export const SSL_LABS_CAPS: GradeCap[] = [
  { protocol: 'TLS', versions: ['1.0', '1.1'], cap: 'B', since: '2020-01-31', source: 'ssllabs-tls10-11' },
];

/**
 * Not modelled, because the sources read do not settle it: the grade SSL 2.0 or SSL 3.0 support gives (the rating
 * guide's list of changes was not read in full), so a grade is never taken to admit them; and every cap that is not
 * about a protocol version (RC4, key sizes, forward secrecy, certificates).
 */
export const SSL_LABS_UNVERIFIED = [
  'the grade a server that supports SSL 2.0 or SSL 3.0 gets (a grade is not taken to admit or exclude them)',
  'caps that are not about a protocol version (cipher suites, key sizes, forward secrecy, certificates)',
];

/** What a grade tolerates: each capped version, for good when the grade is at or below the cap, else only before the cap came in. */
export function toleratedBy(grade: SslLabsGrade): { protocol: 'TLS'; version: string; until?: string; cap: GradeCap }[] {
  const rank = SSL_LABS_GRADES.indexOf(grade);
  return SSL_LABS_CAPS.flatMap((cap) => cap.versions.map((version) => ({
    protocol: cap.protocol, version, cap,
    ...(rank >= SSL_LABS_GRADES.indexOf(cap.cap) ? {} : { until: cap.since }),
  })));
}

export interface GradeMention {
  grade: SslLabsGrade;
  /** The sentence that asks for the grade, in the scanned text's offsets. */
  start: number;
  end: number;
}

const GRADE_WORDS = new Set(['grade', 'grades', 'graded', 'rating', 'ratings', 'rated', 'score', 'scores', 'scored']);
/** Words that may stand between a grade word and its letter: "a grade of at least B", "rating: A", "score no lower than A-". */
const BETWEEN = new Set(['of', 'at', 'least', 'minimum', 'min', 'no', 'not', 'lower', 'worse', 'than', 'an', 'a', 'is', 'be', 'must', 'should']);
const WINDOW = 14;

function scannerAt(tokens: CryptoToken[], k: number): number {
  const token = tokens[k];
  if (token.lower === 'ssllabs' || token.lower === 'qualys') return 1;
  if (token.lower === 'ssl' && tokens[k + 1]?.lower === 'labs' && tokens[k + 1].gap.length <= 1) return 2;
  return 0;
}

function isGradeLetter(token: CryptoToken | undefined): boolean {
  return token !== undefined && token.text.length === 1 && token.text >= 'A' && token.text <= 'F';
}

/** A sentence ends at a full stop, a semicolon, a question or exclamation mark, or a line break. */
function endsSentence(gap: string): boolean {
  for (let k = 0; k < gap.length; k++) {
    const c = gap[k];
    if (c === '.' || c === ';' || c === '!' || c === '?' || c === '\n' || c === '\r') return true;
  }
  return false;
}

/**
 * The SSL Labs grades a text asks for: a scanner name (SSL Labs, SSLLabs, Qualys), a grade word and a letter A to F
 * (with + or -) in one sentence; "B or better", "at least B" and "grade A" all name the least grade accepted. A grade
 * followed by "or lower" / "or worse" / "or below" names what is refused, so it is not read. Linear in the tokens.
 */
export function gradeMentions(text: string, tokens: CryptoToken[]): GradeMention[] {
  const found: GradeMention[] = [];
  // Most statements name no scanner: nothing more is computed for them.
  if (!tokens.some((_token, k) => scannerAt(tokens, k) > 0)) return found;
  // Sentence index of each token.
  const sentence: number[] = [];
  let current = 0;
  tokens.forEach((token, k) => {
    if (k > 0 && endsSentence(token.gap)) current++;
    sentence.push(current);
  });
  let lastSentence = -1;
  for (let s = 0; s < tokens.length; s++) {
    const width = scannerAt(tokens, s);
    if (width === 0 || sentence[s] === lastSentence) continue;
    const letter = letterNear(tokens, s, width, sentence);
    if (letter < 0) continue;
    const after = tokens[letter + 1];
    const modifierChar = text[tokens[letter].end];
    const modifier = (modifierChar === '+' || modifierChar === '-' || modifierChar === '\u2212') && !/[A-Za-z0-9]/.test(text[tokens[letter].end + 1] ?? '') ? (modifierChar === '+' ? '+' : '-') : '';
    if (after && after.lower === 'or' && ['lower', 'worse', 'below', 'less'].includes(tokens[letter + 2]?.lower ?? '')) continue;
    const grade = `${tokens[letter].text}${modifier}` as SslLabsGrade;
    if (!SSL_LABS_GRADES.includes(grade)) continue;
    lastSentence = sentence[s];
    let first = s;
    while (first > 0 && sentence[first - 1] === sentence[s]) first--;
    let last = s;
    while (last + 1 < tokens.length && sentence[last + 1] === sentence[s]) last++;
    const next = tokens[last + 1];
    const stop = next && (next.gap[0] === '.' || next.gap[0] === '!' || next.gap[0] === '?') ? 1 : text[tokens[last].end] === '.' ? 1 : 0;
    found.push({ grade, start: tokens[first].start, end: Math.max(tokens[last].end + stop, tokens[letter].end + modifier.length) });
  }
  return found;
}

/** The grade letter of the sentence a scanner name is in: after a grade word, else just before it ("an A rating"). */
function letterNear(tokens: CryptoToken[], scanner: number, width: number, sentence: number[]): number {
  const from = Math.max(0, scanner - WINDOW);
  const to = Math.min(tokens.length - 1, scanner + width - 1 + WINDOW);
  for (let g = from; g <= to; g++) {
    if (!GRADE_WORDS.has(tokens[g].lower) || sentence[g] !== sentence[scanner]) continue;
    for (let k = g + 1; k <= g + 5 && k < tokens.length && sentence[k] === sentence[g]; k++) {
      if (isGradeLetter(tokens[k])) return k;
      if (!BETWEEN.has(tokens[k].lower)) break;
    }
    if (g > 0 && isGradeLetter(tokens[g - 1]) && sentence[g - 1] === sentence[g]) return g - 1;
  }
  return -1;
}
