import { CADENCES, NUMBER_WORDS } from './lexicon';
import { tokenize, type Token } from './match';

export interface Cadence {
  months: number;
  /** Offsets of the cadence words in the text. */
  start: number;
  end: number;
}

const UNITS: Record<string, number> = { month: 1, months: 1, quarter: 3, quarters: 3, year: 12, years: 12 };
const PHRASES = CADENCES.map((cadence) => ({ words: cadence.words.split(' '), months: cadence.months })).sort((a, b) => b.words.length - a.words.length);

/**
 * The first written cadence in a text, in months: "Annual" 12, "quarterly" 3, "biennially" 24, "every two
 * years" 24, "every 18 months" 18, "semi-annually" 6. Undefined when the text states none.
 */
export function cadenceIn(text: string): Cadence | undefined {
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const counted = countedCadence(tokens, i);
    if (counted) return counted;
    for (const phrase of PHRASES) {
      if (phrase.words.every((word, k) => tokens[i + k]?.word === word)) {
        return { months: phrase.months, start: tokens[i].start, end: tokens[i + phrase.words.length - 1].end };
      }
    }
  }
  return undefined;
}

/** Months in a written cadence that is the whole value ("Annual", "every 2 years"). */
export function cadenceMonths(text: string): number | undefined {
  return cadenceIn(text)?.months;
}

/** "every 2 years", "every two years", "every 18 months", "12 months", "every year" (handled as a phrase). */
function countedCadence(tokens: Token[], at: number): Cadence | undefined {
  let i = at;
  if (tokens[i]?.word === 'every' || tokens[i]?.word === 'each') i++;
  const start = tokens[at].start;
  let count: number | undefined;
  if (tokens[i] && /^\d+$/.test(tokens[i].word)) count = Number(tokens[i].word);
  else if (tokens[i] && tokens[i + 1] && NUMBER_WORDS[`${tokens[i].word} ${tokens[i + 1].word}`] !== undefined) {
    count = NUMBER_WORDS[`${tokens[i].word} ${tokens[i + 1].word}`];
    i++;
  } else if (tokens[i] && NUMBER_WORDS[tokens[i].word] !== undefined) count = NUMBER_WORDS[tokens[i].word];
  if (count === undefined || count <= 0) return undefined;
  const unit = tokens[i + 1] ? UNITS[tokens[i + 1].word] : undefined;
  if (unit === undefined) return undefined;
  // A bare "12 months" counts only when it is the whole value or follows "every"/"each"; "within 30 months" does not.
  if (i === at && at > 0 && !['at', 'least', 'than', 'once'].includes(tokens[at - 1].word)) return undefined;
  return { months: count * unit, start, end: tokens[i + 1].end };
}
