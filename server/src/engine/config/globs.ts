import picomatch from 'picomatch';
import type { RE2JS } from 're2js';

/**
 * The `files:` globs of `.cekpolicy.yaml` and the `cekPolicy.files` setting, matched in linear time. picomatch
 * turns a glob into a backtracking regular expression, and a glob of many `*` against one long file name takes
 * minutes; here picomatch only translates the glob (its syntax stays the documented one) and RE2 (re2js, a
 * linear-time engine) matches it. The paths matched are normalized relative paths (no `.` or `..` segment, no
 * empty one), so picomatch's lookaheads that keep `*` off such segments always hold and are dropped; a glob that
 * still needs a lookaround (a negated extglob `!(…)`) is refused, as is one longer than MAX_GLOB_LENGTH.
 */

export const MAX_GLOB_LENGTH = 1_000;

/** The lookaheads picomatch adds for dot segments and non-empty segments, true for every normalized path. */
const ALWAYS_TRUE = ['(?!(?:^|\\/)\\.{1,2}(?:\\/|$))', '(?!\\.{1,2}(?:\\/|$))'];
/**
 * Before a `*`, "a character follows": on a normalized path it fails only where the path has ended, which a `*` can
 * only meet after a `**` that matched nothing at the end (`*\/**\/*` against `a`). Dropped when no end alternative
 * comes before it; a glob that has one is refused rather than matched differently.
 */
const NOT_AT_END = '(?=.)';

const NEGATED_PREFIX = '^(?!^(?:';
const NEGATED_SUFFIX = ')$).*$';

interface CompiledGlob {
  glob: string;
  negated: boolean;
  regex: RE2JS;
}

/** Why a glob cannot be used (a sentence for a config problem or a settings message), or undefined. */
export function globRefusal(glob: string): string | undefined {
  return compile(glob).reason;
}

function compile(glob: string): { compiled?: CompiledGlob; reason?: string } {
  if (glob.length > MAX_GLOB_LENGTH) return { reason: `is longer than ${MAX_GLOB_LENGTH.toLocaleString('en')} characters` };
  let source: string;
  let negated = false;
  try {
    source = picomatch.makeRe(glob, { dot: true }).source;
    // A negated glob (`!docs/**`) is picomatch's `^(?!^(?:glob)$).*$`: the glob, negated.
    if (source.startsWith(NEGATED_PREFIX) && source.endsWith(NEGATED_SUFFIX)) {
      negated = true;
      source = `^(?:${source.slice(NEGATED_PREFIX.length, -NEGATED_SUFFIX.length)})$`;
    }
  } catch {
    return { reason: 'is not a glob cek-policy can read' };
  }
  for (const lookahead of ALWAYS_TRUE) source = source.split(lookahead).join('');
  // An end alternative right before "a character follows" can never match: drop it (`a/**/*` does not match `a`).
  source = source.split(`|$)${NOT_AT_END}`).join(`)${NOT_AT_END}`);
  for (let at = source.indexOf(NOT_AT_END); at >= 0; at = source.indexOf(NOT_AT_END, at + 1)) {
    if (followedByCharacter(source, at + NOT_AT_END.length) || !source.slice(0, at).includes('|$')) continue;
    return { reason: 'combines `**` and a later `*` that may match nothing at the end in a way cek-policy cannot match in linear time (write `**/*` or `dir/*/*` instead)' };
  }
  source = source.split(NOT_AT_END).join('');
  if (/\(\?<?[=!]/.test(source)) return { reason: 'uses a negated pattern `!(…)`, which cek-policy does not support (list the files to include instead)' };
  try {
    return { compiled: { glob, negated, regex: linearEngine().compile(source) } };
  } catch {
    return { reason: 'is too complex to match' };
  }
}

let re2: typeof import('re2js') | undefined;

/** re2js, loaded on the first glob (a run without `files:` globs never pays for its 200 KB). */
function linearEngine(): typeof RE2JS {
  re2 ??= require('re2js') as typeof import('re2js');
  return re2.RE2JS;
}

/** Whether the pattern at `at` (a `*` then what follows it) always reads one more character: a literal after the star. */
function followedByCharacter(source: string, at: number): boolean {
  const STAR = '[^/]*?';
  if (!source.startsWith(STAR, at)) return false;
  const next = at + STAR.length;
  const escaped = source[next] === '\\';
  const literal = escaped ? source[next + 1] !== undefined && source[next + 1] !== '/' : /^[A-Za-z0-9 _~,-]$/.test(source[next] ?? '');
  const quantifier = source[next + (escaped ? 2 : 1)];
  return literal && quantifier !== '?' && quantifier !== '*';
}

const cache = new Map<string, CompiledGlob[]>();
const CACHE_SIZE = 32;

/**
 * A matcher of the usable globs (a path matches when any glob does, a `!glob` matching every path that glob does
 * not, as picomatch reads a list); refused globs match nothing (validation reports them).
 */
export function globMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const key = JSON.stringify(globs);
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = [];
    for (const glob of globs) {
      const result = compile(glob).compiled;
      if (result) compiled.push(result);
    }
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, compiled);
  }
  const list = compiled;
  return (relativePath) => list.some(({ glob, negated, regex }) => relativePath === glob || regex.matcher(relativePath).matches() !== negated);
}
