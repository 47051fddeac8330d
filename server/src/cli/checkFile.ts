import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { systemToday } from '../clock';
import { formatGuidelineRef } from '../engine/config/catalog';
import { matchesPolicyGlobs } from '../engine/config/workspace';
import { checkDocument, checkText, failedCheck, type CheckOptions, type CheckResult } from '../engine/engine';
import { fixAll } from '../engine/fixes/fixes';
import type { LoadedConfig } from '../engine/config/workspace';
import { documentFromSource, formatOf, sniffFormat } from '../engine/parse/document';
import { looksBinary, MAX_POLICY_BYTES } from '../engine/parse/limits';
import { encodeLike, readSource, type Source } from '../engine/parse/source';
import type { LineIndex } from '../engine/parse/text';
import { documentReport } from '../engine/report/compliance';
import type { DocumentReport } from '../engine/report/types';
import type { Severity, Span, TextEdit } from '../engine/types';
import { spanFingerprint } from '../engine/baseline/baseline';
import type { ConfigResolver } from './configs';
import { describeError, type TargetOrigin } from './files';
import { lineFingerprint } from './sarif';
import type { CbomIssueKind } from '../engine/crypto/cbom';
import { ProjectLoaders } from './policySetLoader';

export type FixMode = 'none' | 'write' | 'dry-run';

/** What checking a file needs besides the file: the same for every file of a run, sent to each worker once. */
export interface CheckContext {
  command: 'check' | 'report';
  fixMode: FixMode;
  /** --config, absolute. */
  configFile?: string;
  /** --today. */
  today?: string;
  /** --profile. */
  profile?: string;
  /** --cache: compute each file's cache key. */
  cache: boolean;
  /** Compute each finding's SARIF fingerprint and baseline fingerprint: for SARIF output, a baseline, and the cache (which serves every format). */
  fingerprints: boolean;
  /** The working directory: paths are shown relative to it, and a policy's references resolve in its project (else here). */
  cwd?: string;
}

/** The projects of this thread's files, by working directory (a worker serves one run; the tests run several in one process). */
const projectLoaders = new Map<string, ProjectLoaders>();

function loadersFor(cwd: string): ProjectLoaders {
  let loaders = projectLoaders.get(cwd);
  if (!loaders) projectLoaders.set(cwd, (loaders = new ProjectLoaders((path) => relative(cwd, path) || path, () => cwd)));
  return loaders;
}

export interface FileJob {
  /** Position in the file list: results are printed in this order. */
  index: number;
  /** Absolute path (for standard input: the --stdin-filename path, or `<stdin>` in the working directory). */
  path: string;
  /** The path as printed. */
  shown: string;
  origin: TargetOrigin;
  /** Standard input, read by the main thread: its text (or why it is refused), or why it could not be read. */
  stdin?: { source: Source } | { error: string };
  /** The cache key on record for this file: when it still matches, the file is not checked again. */
  cachedKey?: string;
}

/** A range as the outputs print it: 1-based lines, 1-based UTF-16 columns, and the offsets SARIF also wants. */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  charOffset: number;
  charLength: number;
}

/**
 * One finding, reduced to what the text, JSON and SARIF outputs print: no document, no model, no parse tree.
 * It is what a worker sends back and what the cache stores.
 */
export interface FileFinding {
  rule: string;
  control: string;
  /** Formatted guideline references ("CEK-01 auditing guideline 2"). */
  guidelines: string[];
  severity: Severity;
  message: string;
  region: Region;
  /** SARIF's partialFingerprints.primaryLocationLineHash (when the context asks for fingerprints). */
  fingerprint?: string;
  /** `file`: in another file than the finding's (a policy, for a finding of `check --cbom` in the BOM). */
  related?: { region: Region; message: string; file?: { path: string; absolutePath?: string } }[];
  /** Where the finding is documented, when it is not a rule of the registry (the findings of `check --cbom`). */
  docs?: string;
  /** A finding of `check --cbom`: what it compares. */
  cbom?: CbomDetail;
  /** The baseline's fingerprint of the flagged text (when the context asks for fingerprints). */
  textFingerprint?: string;
  /** The safe fix (what --fix applies); `range` and `text`: its edits as one, ESLint's `fix` (offsets in the file's text). */
  fix?: { title: string; replacements: { region: Region; text: string }[]; range: [number, number]; text: string };
  suppression?: { justification?: string; until?: string };
  /** A summary in place of this many more findings of its rule in the file, not listed (`--max-per-rule`). */
  omitted?: number;
  /** Held by the baseline (set by the main thread, never cached). */
  baselined?: boolean;
}

/** What a finding of `check --cbom` compares: the BOM's component, and the policy's mention when there is one. */
export interface CbomDetail {
  kind: CbomIssueKind;
  /** The BOM as named on the command line. */
  bom: string;
  /** The component's JSON pointer in the BOM (`/components/3`). */
  component?: string;
  bomRef?: string;
  /** The policy's mention the finding is about (its approval, or its prohibition). */
  policy?: { filePath: string; line: number; column: number; endLine: number; endColumn: number };
}

export interface FileOutcome {
  isPolicy: boolean;
  /** The BOM of `check --cbom`, shown as a file of its own (not counted as a policy). */
  cbom?: true;
  /** For a file that is not a policy: why (see detectPolicy). */
  notPolicyReason?: string;
  /** Every finding, suppressed ones included, in document order (`check`). */
  findings: FileFinding[];
  /** The text after --fix / --fix-dry-run, when fixes changed it. */
  output?: string;
  /** The file's part of the compliance report (`report`, policies only). */
  report?: DocumentReport;
  /** Why the file was not read or decoded (its one finding says so too): SARIF adds a tool execution notification. */
  unread?: string;
}

export type FileReply =
  /** `internalError`: the engine failed on this file; the outcome is then its internal-error finding. */
  | { index: number; kind: 'checked'; outcome: FileOutcome; cacheKey?: string; internalError?: string }
  | { index: number; kind: 'cached' }
  | { index: number; kind: 'unreadable'; reason: string }
  | { index: number; kind: 'internal-error'; message: string };

/**
 * Reads and checks one file: the unit of work of a worker (or of the main thread with --jobs 1). Never
 * throws: a file that makes the engine throw gets an internal error of its own and the run goes on.
 */
export function checkFileJob(job: FileJob, context: CheckContext, configs: ConfigResolver): FileReply {
  let source: Source;
  if (job.stdin) {
    if ('error' in job.stdin) return { index: job.index, kind: 'unreadable', reason: job.stdin.error };
    source = job.stdin.source;
  } else {
    try {
      // fstat before reading: a FIFO, a device or an oversized file is refused (a finding), never read.
      source = readSource(job.path, MAX_POLICY_BYTES);
    } catch (error) {
      // Named on the command line: an I/O error of the run (exit 2). Met in a scan: a finding on the file (exit 1).
      if (job.origin !== 'found') return { index: job.index, kind: 'unreadable', reason: describeError(error) };
      source = { kind: 'refused', message: `File could not be read (${describeError(error)}).`, head: '' };
    }
  }
  // A file met in a scan whose head could not be read as text (not a regular file, an I/O error, NUL bytes that are
  // not UTF-16 with its mark) cannot be told apart from a policy: it is reported, never skipped as "not a policy".
  const undecided = source.kind === 'refused' && (source.head === '' || looksBinary(source.head));
  let options: CheckOptions | undefined;
  let loaded: LoadedConfig | undefined;
  try {
    loaded = configs.forFile(job.path);
    // A file named on the command line that is refused unread (a FIFO, a device, over the size limit) gets the
    // refusal: "not a policy" would be a guess about content no one read.
    const force = job.origin === 'forced' || (job.origin === 'named' && source.kind === 'refused') || undecided || matchesPolicyGlobs(job.path, loaded);
    // Findings and their safe fixes are all that `check` prints; only `report` reads the guidelines' statuses.
    options = {
      today: loaded.config.today ?? systemToday(), config: loaded.config, catalog: loaded.catalog, force, format: formatOf(job.path) ?? (job.stdin && source.kind === 'text' ? sniffFormat(source.text) : 'yaml'), requirements: context.command === 'report', suggestions: false,
      policySet: loadersFor(context.cwd ?? process.cwd()).forFile(job.path),
    };
    // Never for --fix (the file changes under the key), standard input (no file to key on) nor a refused file.
    const cacheKey = context.cache && context.fixMode === 'none' && !job.stdin && source.kind === 'text'
      ? createHash('sha256').update(`${configs.fingerprint(loaded)}\0${options.today}\0${force}\0${options.format}\0`).update(source.text).digest('hex')
      : undefined;
    if (cacheKey !== undefined && cacheKey === job.cachedKey) return { index: job.index, kind: 'cached' };

    exitWorkerForTest(job.path);
    let output: string | undefined;
    if (context.fixMode !== 'none' && source.kind === 'text') {
      const fixOptions = options;
      const fixed = fixAll(source.text, (current) => checkText(current, job.path, fixOptions).findings);
      if (fixed.text !== source.text) {
        output = fixed.text;
        if (context.fixMode === 'write') writeFileSync(job.path, encodeLike(fixed.text, source.encoding));
      }
    }
    const result = checkDocument(documentFromSource(output !== undefined ? { kind: 'text', text: output } : source, job.path, options.format), options);
    const outcome = outcomeOf(result, job, context, loaded, output);
    if (source.kind === 'refused' && result.isPolicy) outcome.unread = source.message;
    // A policy that refers to other documents depends on them too: its result is not cached (the key is its own text).
    const cacheable = cacheKey !== undefined && !result.set?.dependsOnProject;
    return { index: job.index, kind: 'checked', outcome, ...(cacheable ? { cacheKey } : {}) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!options || !loaded) return { index: job.index, kind: 'internal-error', message };
    // The file is still in the output, as one internal-error finding and, in a report, with every guideline
    // not assessed: a file that could not be checked must not read as a file without gaps.
    const failed = failedCheck(job.path, error, options);
    return { index: job.index, kind: 'checked', outcome: outcomeOf(failed, job, context, loaded), internalError: message };
  }
}

function outcomeOf(result: CheckResult, job: FileJob, context: CheckContext, loaded: LoadedConfig, output?: string): FileOutcome {
  const why = result.isPolicy ? {} : { notPolicyReason: result.detection.reason };
  return context.command === 'report'
    ? { isPolicy: result.isPolicy, ...why, findings: [], ...(result.isPolicy ? { report: documentReport({ path: job.shown, result }, loaded.catalog) } : {}) }
    : { isPolicy: result.isPolicy, ...why, findings: fileFindings(result, context.fingerprints), ...(output !== undefined ? { output } : {}) };
}

function fileFindings(result: CheckResult, fingerprints: boolean): FileFinding[] {
  const { text, lines } = result.document;
  const occurrences = new Map<string, number>();
  return result.findings.map((finding) => ({
    rule: finding.rule,
    control: finding.control,
    guidelines: finding.guidelines.map(formatGuidelineRef),
    severity: finding.severity,
    message: finding.message,
    region: regionOf(lines, finding.span),
    ...(fingerprints ? { fingerprint: lineFingerprint(text, lines, finding, occurrences), textFingerprint: spanFingerprint(finding.rule, text, finding.span) } : {}),
    ...(finding.related?.length ? { related: finding.related.map((related) => ({ region: regionOf(lines, related.span), message: related.message })) } : {}),
    ...(finding.fix ? { fix: { title: finding.fix.title, replacements: finding.fix.edits.map((edit) => ({ region: regionOf(lines, edit), text: edit.newText })), ...mergedEdit(text, finding.fix.edits) } } : {}),
    ...(finding.suppression ? { suppression: { ...optional('justification', finding.suppression.justification), ...optional('until', finding.suppression.until) } } : {}),
  }));
}

/** A fix's edits as one replacement (ESLint's `fix`: `range` of offsets and the `text` that replaces it). */
function mergedEdit(text: string, edits: readonly TextEdit[]): { range: [number, number]; text: string } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  if (sorted.length === 0) return { range: [0, 0], text: '' };
  let merged = '';
  let at = sorted[0].start;
  for (const edit of sorted) {
    merged += text.slice(at, Math.max(at, edit.start)) + edit.newText;
    at = Math.max(at, edit.end);
  }
  return { range: [sorted[0].start, at], text: merged };
}

export function regionOf(lines: LineIndex, span: Span): Region {
  const start = lines.positionAt(span.start);
  const end = lines.positionAt(span.end);
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, charOffset: span.start, charLength: span.end - span.start };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/**
 * Test hook (the CLI tests set it; nobody else has a reason to): CEK_POLICY_TEST_WORKER_EXIT=<file name> stops
 * the worker thread that reaches it, to prove the pool survives a dead worker. A check that throws is the
 * engine's own seam (CEK_POLICY_INJECT_FAULT, in parsePolicyDocument).
 */
const WORKER_EXIT = process.env.CEK_POLICY_TEST_WORKER_EXIT;

function exitWorkerForTest(path: string): void {
  if (WORKER_EXIT !== undefined && WORKER_EXIT === basename(path) && !isMainThread) process.exit(70);
}
