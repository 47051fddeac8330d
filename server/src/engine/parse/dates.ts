/** Calendar dates as ISO `YYYY-MM-DD` strings; all arithmetic is in UTC days so no clock or timezone leaks in. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function toDayNumber(iso: string): number {
  const [year, month, day] = iso.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

export function daysBetween(fromIso: string, toIso: string): number {
  return toDayNumber(toIso) - toDayNumber(fromIso);
}

/** Adds calendar months, clamping to the month's last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(iso: string, months: number): string {
  const [year, month, day] = iso.split('-').map(Number);
  const total = year * 12 + (month - 1) + months;
  const newYear = Math.floor(total / 12);
  const newMonth = (total % 12) + 1;
  const newDay = Math.min(day, daysInMonth(newYear, newMonth));
  return formatIso(newYear, newMonth, newDay);
}

export function addDays(iso: string, days: number): string {
  const date = new Date((toDayNumber(iso) + days) * 86_400_000);
  return formatIso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function formatIso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower.length < 3) return undefined;
  const index = MONTHS.findIndex((month) => month.startsWith(lower) && (lower.length >= 3));
  return index >= 0 ? index + 1 : undefined;
}

export type DateReading =
  | { kind: 'iso'; iso: string }
  | { kind: 'normalizable'; iso: string }
  | { kind: 'ambiguous'; reason: string }
  /** A month without a day ("June 2014", "2026-01"): it stands for the whole month, from `start` to `end`. */
  | { kind: 'month'; start: string; end: string }
  | { kind: 'invalid'; reason: string };

/**
 * Reads a date the way people write it. ISO is canonical; unambiguous forms (2026-5-4, 2026/05/04,
 * 2026.05.04, "May 4, 2026", "4 May 2026", "4-May-2026") can be normalised; day/month order that
 * could be either (03/04/2026) is ambiguous and never guessed.
 */
export function readDate(input: string): DateReading {
  const text = input.trim();
  if (isIsoDate(text)) return { kind: 'iso', iso: text };
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (match) return checked(Number(match[1]), Number(match[2]), Number(match[3]), text);
  match = /^(\d{4})-(\d{2})-(\d{2})[T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (match) return checked(Number(match[1]), Number(match[2]), Number(match[3]), text);
  match = /^([A-Za-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(text);
  if (match) {
    const month = monthNumber(match[1]);
    if (month) return checked(Number(match[3]), month, Number(match[2]), text);
  }
  match = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]+\.?)[\s-]+(\d{4})$/.exec(text);
  if (match) {
    const month = monthNumber(match[2]);
    if (month) return checked(Number(match[3]), month, Number(match[1]), text);
  }
  match = /^([A-Za-z]+\.?),?\s+(\d{4})$/.exec(text);
  if (match) {
    const month = monthNumber(match[1]);
    if (month) return monthOf(Number(match[2]), month);
  }
  match = /^(\d{4})-(\d{2})$/.exec(text);
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12) return monthOf(Number(match[1]), Number(match[2]));
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (match) {
    const [first, second, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (first > 12 && second <= 12) return checked(year, second, first, text);
    if (second > 12 && first <= 12) return checked(year, first, second, text);
    if (first === second) return checked(year, first, second, text);
    return { kind: 'ambiguous', reason: `"${text}" could be day/month or month/day` };
  }
  return { kind: 'invalid', reason: `"${text}" is not a date` };
}

function monthOf(year: number, month: number): DateReading {
  return { kind: 'month', start: formatIso(year, month, 1), end: formatIso(year, month, daysInMonth(year, month)) };
}

function checked(year: number, month: number, day: number, text: string): DateReading {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { kind: 'invalid', reason: `"${text}" is not a calendar date` };
  }
  return { kind: 'normalizable', iso: formatIso(year, month, day) };
}

const MONTH_NAME = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
/**
 * Date-shaped runs of text, tried only where a word starts (sticky patterns: each runs from that offset, so a
 * sentence is read in one pass): ISO dates, "4 May 2026", then "May 4, 2026" and "May 2026".
 */
export const DATE_LIKE: readonly RegExp[] = [
  /\d{4}-\d{1,2}-\d{1,2}\b/y,
  new RegExp(`\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH_NAME}\\s+\\d{4}\\b`, 'iy'),
  new RegExp(`${MONTH_NAME}\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?\\d{4}\\b`, 'iy'),
];

/** A letter or digit that starts a word (`\b` then one of them), where a date may start. */
function startsWord(text: string, at: number): boolean {
  const isWord = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  const code = text.charCodeAt(at);
  return isWord(code) && code !== 95 && (at === 0 || !isWord(text.charCodeAt(at - 1)));
}

/** The dates written inside a sentence, with their offsets (only those `readDate` accepts). */
export function datesIn(text: string): { start: number; end: number; reading: DateReading }[] {
  const found: { start: number; end: number; reading: DateReading }[] = [];
  for (let at = 0; at < text.length; at++) {
    if (!startsWord(text, at)) continue;
    let match: RegExpExecArray | null = null;
    for (const pattern of DATE_LIKE) {
      pattern.lastIndex = at;
      match = pattern.exec(text);
      if (match) break;
    }
    if (!match) continue;
    const reading = readDate(match[0]);
    if (reading.kind === 'iso' || reading.kind === 'normalizable' || reading.kind === 'month') found.push({ start: at, end: at + match[0].length, reading });
    at += match[0].length - 1;
  }
  return found;
}
