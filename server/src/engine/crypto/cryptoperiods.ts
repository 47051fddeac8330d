import type { CryptoToken } from './scanner';

/**
 * SP 800-57 Part 1 Rev. 5, section 5.3.6, Table 1 (suggested cryptoperiods for key types): the nineteen key types
 * as ids, with the upper end of the suggested originator-usage period in months (`null` where the table gives
 * no fixed figure: "several years" for signature-verification keys, SP 800-90 for RBG keys; `0` for one
 * transaction).
 */
export interface KeyType {
  id: string;
  label: string;
  maxMonths: number | null;
  /** Table 1 row. */
  source: string;
}

const T = 'sp800-57-p1-r5 §5.3.6 Table 1';

export const KEY_TYPES: KeyType[] = [
  { id: 'private-signature', label: 'private signature key', maxMonths: 36, source: `${T} (1–3 years)` },
  { id: 'public-signature-verification', label: 'public signature-verification key', maxMonths: null, source: `${T} (several years, depends on key size)` },
  { id: 'symmetric-authentication', label: 'symmetric authentication key', maxMonths: 24, source: `${T} (originator-usage period up to 2 years)` },
  { id: 'private-authentication', label: 'private authentication key', maxMonths: 24, source: `${T} (1–2 years)` },
  { id: 'public-authentication', label: 'public authentication key', maxMonths: 24, source: `${T} (1–2 years)` },
  { id: 'symmetric-data-encryption', label: 'symmetric data-encryption key', maxMonths: 24, source: `${T} (originator-usage period up to 2 years)` },
  { id: 'symmetric-key-wrapping', label: 'symmetric key-wrapping key', maxMonths: 24, source: `${T} (originator-usage period up to 2 years)` },
  { id: 'symmetric-rbg', label: 'symmetric RBG key', maxMonths: null, source: `${T} (see SP 800-90)` },
  { id: 'symmetric-master', label: 'symmetric master key', maxMonths: 12, source: `${T} (about 1 year)` },
  { id: 'private-key-transport', label: 'private key-transport key', maxMonths: 24, source: `${T} (up to 2 years)` },
  { id: 'public-key-transport', label: 'public key-transport key', maxMonths: 24, source: `${T} (1–2 years)` },
  { id: 'symmetric-key-agreement', label: 'symmetric key-agreement key', maxMonths: 24, source: `${T} (1–2 years)` },
  { id: 'private-static-key-agreement', label: 'private static key-agreement key', maxMonths: 24, source: `${T} (1–2 years)` },
  { id: 'public-static-key-agreement', label: 'public static key-agreement key', maxMonths: 24, source: `${T} (1–2 years)` },
  { id: 'private-ephemeral-key-agreement', label: 'private ephemeral key-agreement key', maxMonths: 0, source: `${T} (one key-agreement transaction)` },
  { id: 'public-ephemeral-key-agreement', label: 'public ephemeral key-agreement key', maxMonths: 0, source: `${T} (one key-agreement transaction)` },
  { id: 'symmetric-authorization', label: 'symmetric authorization key', maxMonths: 24, source: `${T} (up to 2 years)` },
  { id: 'private-authorization', label: 'private authorization key', maxMonths: 24, source: `${T} (up to 2 years)` },
  { id: 'public-authorization', label: 'public authorization key', maxMonths: 24, source: `${T} (up to 2 years)` },
];

export const KEY_TYPE_BY_ID = new Map(KEY_TYPES.map((type) => [type.id, type]));

/** How policies name key types, longest first: "data encryption key" is symmetric-data-encryption. */
const KEY_TYPE_WORDS: [string, string][] = [
  ['key encryption key', 'symmetric-key-wrapping'], ['key encryption keys', 'symmetric-key-wrapping'], ['key wrapping key', 'symmetric-key-wrapping'],
  ['wrapping key', 'symmetric-key-wrapping'], ['wrapping keys', 'symmetric-key-wrapping'], ['kek', 'symmetric-key-wrapping'], ['keks', 'symmetric-key-wrapping'],
  ['data encryption key', 'symmetric-data-encryption'], ['data encryption keys', 'symmetric-data-encryption'], ['data key', 'symmetric-data-encryption'],
  ['data keys', 'symmetric-data-encryption'], ['dek', 'symmetric-data-encryption'], ['deks', 'symmetric-data-encryption'], ['field encryption key', 'symmetric-data-encryption'],
  ['master key', 'symmetric-master'], ['master keys', 'symmetric-master'], ['root key', 'symmetric-master'], ['root keys', 'symmetric-master'],
  ['customer master key', 'symmetric-master'], ['cmk', 'symmetric-master'], ['cmks', 'symmetric-master'],
  ['signing key', 'private-signature'], ['signing keys', 'private-signature'], ['signature key', 'private-signature'], ['signature keys', 'private-signature'],
  ['code signing', 'private-signature'], ['tls private key', 'private-authentication'], ['tls private keys', 'private-authentication'], ['tls key', 'private-authentication'],
  ['tls keys', 'private-authentication'], ['authentication key', 'private-authentication'], ['authentication keys', 'private-authentication'],
  ['hmac key', 'symmetric-authentication'], ['hmac keys', 'symmetric-authentication'], ['mac key', 'symmetric-authentication'], ['mac keys', 'symmetric-authentication'],
  ['key transport key', 'private-key-transport'], ['key agreement key', 'private-static-key-agreement'],
];

export const KEY_TYPE_PHRASES: [string[], string][] = KEY_TYPE_WORDS.map(([text, id]) => [text.split(' '), id] as [string[], string]).sort((a, b) => b[0].length - a[0].length);

const UNIT_MONTHS = new Map(Object.entries({ day: 1 / 30.4375, days: 1 / 30.4375, week: 7 / 30.4375, weeks: 7 / 30.4375, month: 1, months: 1, year: 12, years: 12, yr: 12, yrs: 12 }));
const CADENCE_WORDS = new Map(Object.entries({ annually: 12, annual: 12, yearly: 12, quarterly: 3, monthly: 1, biennially: 24, biennial: 24, weekly: 7 / 30.4375, daily: 1 / 30.4375, semiannually: 6 }));
const NUMBER_WORDS = new Map(Object.entries({ one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, eighteen: 18, twenty: 20, thirty: 30, ninety: 90 }));

/** A written period: "every 90 days", "12 months", "annually", "every two years", "1 year". Token range and months. */
export function periodIn(tokens: CryptoToken[], start = 0, end = tokens.length): { from: number; to: number; months: number } | undefined {
  for (let k = start; k < end; k++) {
    const word = tokens[k].lower;
    const count = tokens[k].numeric ? Number(tokens[k].text) : NUMBER_WORDS.get(word);
    const unit = k + 1 < end ? UNIT_MONTHS.get(tokens[k + 1].lower) : undefined;
    if (count !== undefined && count > 0 && unit !== undefined) {
      const from = k > start && (tokens[k - 1].lower === 'every' || tokens[k - 1].lower === 'each') ? k - 1 : k;
      return { from, to: k + 2, months: Math.round(count * unit * 100) / 100 };
    }
    const cadence = CADENCE_WORDS.get(word);
    if (cadence !== undefined) return { from: k, to: k + 1, months: Math.round(cadence * 100) / 100 };
    const every = (word === 'every' || word === 'each') && k + 1 < end ? UNIT_MONTHS.get(tokens[k + 1].lower) : undefined;
    if (every !== undefined) return { from: k, to: k + 2, months: Math.round(every * 100) / 100 };
  }
  return undefined;
}
