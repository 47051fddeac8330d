import { ENGLISH_FUNCTION_WORDS } from './lexicon';
import type { Statement } from './statements';

/** Below this many words of prose the language is not judged (a table of algorithms reads alike in any language). */
export const MIN_WORDS_FOR_LANGUAGE = 60;
/** English prose has a quarter or more of these words; below this share the text is in another language. */
export const ENGLISH_SHARE = 0.08;

const FUNCTION_WORDS = new Set(ENGLISH_FUNCTION_WORDS);

/** The language of this many words of prose is the language of the body: a long policy is not read to its end for it. */
export const MAX_WORDS_FOR_LANGUAGE = 2000;

/** Whether the body reads as English: the share of English function words among the words of its prose (the first MAX_WORDS_FOR_LANGUAGE). */
export function readsAsEnglish(statements: readonly Statement[]): { english: boolean; words: number; share: number } {
  let words = 0;
  let function_ = 0;
  for (const statement of statements) {
    if (words >= MAX_WORDS_FOR_LANGUAGE) break;
    if (statement.placeholder || statement.block.kind === 'heading' || statement.block.kind === 'row') continue;
    for (const token of statement.tokens) {
      if (isNumber(token.word)) continue;
      words++;
      if (FUNCTION_WORDS.has(token.word)) function_++;
    }
  }
  const share = words === 0 ? 1 : function_ / words;
  return { english: words < MIN_WORDS_FOR_LANGUAGE || share >= ENGLISH_SHARE, words, share };
}

/** A word of digits only (a token is letters and digits: one without a letter is a number). */
function isNumber(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return word.length > 0;
}
