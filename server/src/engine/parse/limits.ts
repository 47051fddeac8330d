/**
 * Every limit that keeps untrusted input from crashing or freezing the checker, in one place (the README's
 * "Safety" section lists them). Each limit, when hit, yields a finding that says which one.
 */

/** Policies larger than this (UTF-8 bytes, as on disk) are refused unread. */
export const MAX_POLICY_BYTES = 4 * 1024 * 1024;
/** `.cekpolicy.yaml` larger than this is refused. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** A catalog file larger than this is skipped. */
export const MAX_CATALOG_BYTES = 16 * 1024 * 1024;
/** Nesting levels (YAML collections, also through aliases; Markdown block quotes and lists). A policy needs a handful. */
export const MAX_NESTING_DEPTH = 64;
/** Values aliases may add to a YAML document beyond its own nodes (an alias bomb expands to billions). */
export const MAX_ALIAS_EXPANSION = 100_000;
/**
 * Emphasis markers (`*`, `_`) in one Markdown paragraph: the Markdown parser's emphasis matching is quadratic in
 * them (4,000 take seconds, 2,000 up to two on a busy machine), while real paragraphs have a few dozen.
 */
export const MAX_EMPHASIS_MARKERS = 1_000;
/** How much of a refused file is read to tell whether it is a policy at all (for the refusal finding). */
export const SNIFF_BYTES = 64 * 1024;
/** The language server's budget per document check; rules not run in time are named in a finding. */
export const DOCUMENT_TIME_BUDGET_MS = 2_000;
/**
 * Called now and then while a document is parsed (every few hundred YAML tokens, every few Markdown blocks),
 * where stopping leaves nothing half done. The language server's check worker passes one that throws once the
 * check is no longer wanted (the document changed again): a long parse then stops there instead of running to its
 * end for a version nobody will see. The CLI passes none.
 */
export type Checkpoint = () => void;
/** YAML tokens, and Markdown parser steps (a block or a line each), between two calls of the checkpoint. */
export const YAML_TOKENS_PER_CHECKPOINT = 256;
export const MARKDOWN_STEPS_PER_CHECKPOINT = 16;
/**
 * A workspace scan of the language server (Check Workspace, the workspace's compliance report): YAML and Markdown
 * files listed at most, bytes read at most, and how long it may take in all. Past one, it stops and says what it
 * left out (a workspace opened on `/` or a home folder ends in seconds instead of walking the disk).
 */
export const WORKSPACE_MAX_FILES = 10_000;
export const WORKSPACE_MAX_BYTES = 128 * 1024 * 1024;
export const WORKSPACE_MAX_MS = 20_000;
/** Of which the search for files may take this much (one job of the check worker, which is taken for hung at 10 s). */
export const WORKSPACE_LIST_MS = 5_000;

/**
 * The Markdown parser's work on one document, in steps (see StepBudget in markdownTree.ts: 5 for a block or a line, 20
 * for the text of a paragraph, heading or table cell, plus one for each delimiter or character the inline parser looks back over or scans ahead). A 1 MB
 * policy of 14,000 paragraphs takes about 350,000, the corpus at most 40,000; the budget stops a
 * document built to be hard (hundreds of thousands of paragraphs, tens of thousands of links or brackets in one
 * paragraph) after about a second, with a `document-too-complex` finding instead of minutes and gigabytes.
 */
export const MARKDOWN_STEP_BUDGET = 4_000_000;

export function complexityRefusal(what: string): string {
  return `This document is too complex to check: ${what} (the Markdown parser's work is limited to ${MARKDOWN_STEP_BUDGET.toLocaleString('en')} steps per document, and a long policy needs a few hundred thousand). Split or simplify it there; nothing else in this file is checked until then.`;
}

/** "Did you mean" suggestions compare ids up to this length, against at most this many candidates. */
export const MAX_SUGGESTION_ID_LENGTH = 64;
export const MAX_SUGGESTION_CANDIDATES = 500;
/** A catalog's invalid entries whose problems are listed; the others are counted in one line. */
export const MAX_LISTED_CATALOG_ENTRIES = 3;
/** Messages list at most this many ids ("and 19,990 more"). */
export const MAX_LISTED_IDS = 10;

export function megabytes(bytes: number): string {
  const value = bytes / 1024 / 1024;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} MB`;
}

/** The refusal of an over-size file (bytes, as on disk): the same text wherever the file comes from (named, found, opened). */
export function sizeRefusal(bytes: number, limit = MAX_POLICY_BYTES, what = 'policies'): string {
  return `File is ${megabytes(bytes)}; cek-policy checks ${what} up to ${megabytes(limit)}.`;
}

export const BINARY_REFUSAL = 'File contains binary data (NUL bytes); it is not a YAML or Markdown policy.';
export const UTF8_REFUSAL = 'File is not valid UTF-8; save it as UTF-8 to have it checked.';
export const UTF16_REFUSAL = 'File starts with a UTF-16 byte order mark but is not valid UTF-16; save it as UTF-8 to have it checked.';

export function fileKindRefusal(kind: string): string {
  return `Not a regular file (${kind}); cek-policy reads only regular files.`;
}

export function depthRefusal(): string {
  return `Nesting is deeper than ${MAX_NESTING_DEPTH} levels; cek-policy checks documents nested up to ${MAX_NESTING_DEPTH} levels (a policy needs a handful), so this one is not checked further.`;
}

export function emphasisRefusal(): string {
  return `This paragraph has more than ${MAX_EMPHASIS_MARKERS.toLocaleString('en')} emphasis markers (* or _); Markdown this dense takes too long to parse, so the file is not checked further.`;
}

/** Whether a decoded sample holds NUL characters (the first 8 KB, as `file` and git decide "binary"). */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}
