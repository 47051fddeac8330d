/**
 * The English reader (wink-nlp with its English lite model), loaded on first use. This file is the only place that
 * names the library: in the shipped bundles it is its own file, `dist/nlp.js` (scripts/build.mjs), which the CLI
 * and the language server `require` only when a policy's statement needs reading; compiled by tsc (the tests), it
 * requires the packages from node_modules. Either way the model ships inside the package: nothing is fetched.
 */

/** The library's reading of one text, token by token (parallel arrays). */
export interface LibraryTokens {
  /** The token as written (a contraction is split: "can't" is `ca` and `n't`). */
  values: string[];
  /** The white space before each token. */
  spaces: string[];
  /** Universal part of speech (`NOUN`, `VERB`, `AUX`, `ADP`, `PART`, ...). */
  pos: string[];
  lemmas: string[];
  /** Whether the token stands in the scope of a negation ("must not **be logged**", "no **key is shared**"). */
  negated: boolean[];
}

export interface NlpLibrary {
  read(text: string): LibraryTokens;
}

interface WinkTokens {
  out(property?: unknown): unknown[];
}
interface Wink {
  readDoc(text: string): { tokens(): WinkTokens };
  its: { value: unknown; precedingSpaces: unknown; pos: unknown; lemma: unknown; negationFlag: unknown };
}

/** Loads the library and its model (a few hundred milliseconds, once per process). */
export function loadLibrary(): NlpLibrary {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const winkNLP = require('wink-nlp') as (model: unknown, pipe: string[]) => Wink;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const model = require('wink-eng-lite-web-model') as unknown;
  // Parts of speech (lemmas need them) and negation scope; no sentence breaking (one statement is read at a time:
  // the same readings on the corpus's 898 sentences, 15% faster), no entities, no sentiment.
  const nlp = winkNLP(model, ['pos', 'negation']);
  const its = nlp.its;
  return {
    read(text) {
      const tokens = nlp.readDoc(text).tokens();
      return {
        values: tokens.out(its.value) as string[],
        spaces: tokens.out(its.precedingSpaces) as string[],
        pos: tokens.out(its.pos) as string[],
        lemmas: tokens.out(its.lemma) as string[],
        negated: tokens.out(its.negationFlag) as boolean[],
      };
    },
  };
}
