import { extent } from '../engine/arrays';
import { sep } from 'node:path';
import { styleText } from 'node:util';
import { escapeControls } from '../engine/report/escape';
import { docsUrl } from '../engine/rules/rule';
import type { CbomDetail, FileFinding, FileOutcome } from './checkFile';
import type { SarifNotification } from './sarif';

/** A file as the outputs name it. */
export interface ShownFile {
  /** Path as shown to the user (relative to the working directory). */
  path: string;
  /** Where the file is; undefined for standard input without --stdin-filename. */
  absolutePath?: string;
}

/**
 * What `check` prints, written file by file in the order of the file list, so that nothing but counts
 * (and SARIF's artifact list) outlives a file.
 */
export interface OutputWriter {
  file(file: ShownFile, outcome: FileOutcome): void;
  /** After the last file: `notifications` are the files that could not be read or checked, the catalogs that could not be used. */
  end(notifications: SarifNotification[]): void;
}

/** One finding in ESLint's message shape (SPEC: `--format json`): 1-based lines and UTF-16 columns. */
export interface JsonMessage {
  ruleId: string;
  /** ESLint's: 2 for an error, 1 for a warning or an info finding (`level` tells them apart). */
  severity: 1 | 2;
  level: FileFinding['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  control: string;
  guidelines: string[];
  docs: string;
  /** The safe fix as ESLint gives it: the range of offsets (UTF-16 code units in the file's text) and its replacement. */
  fix?: { range: [number, number]; text: string };
  /** Only on a parse error (ESLint's fatal error: the file could not be parsed, other rules saw little). */
  fatal?: true;
  /** Only in `suppressedMessages`: why it is not reported (an inline directive, or the baseline). */
  suppressions?: { kind: 'directive' | 'baseline'; justification: string }[];
  /** On the one finding that stands for the rule's findings past --max-per-rule: how many it stands for. */
  omitted?: number;
  /** On a finding of `check --cbom`: its kind, the BOM's component (JSON pointer, bom-ref) and the policy's line. */
  cbom?: CbomDetail;
}

/** One file in ESLint's result shape: the same in every mode (`--fix-dry-run` adds `output`). */
export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: JsonMessage[];
  errorCount: number;
  fatalErrorCount: number;
  /** Findings of severity 1: warnings and info (as ESLint counts by severity). */
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The text after the safe fixes (`--fix`, `--fix-dry-run`), when they changed it. */
  output?: string;
}

export function toJsonMessage(finding: FileFinding): JsonMessage {
  const { region } = finding;
  return {
    ruleId: finding.rule,
    severity: finding.severity === 'error' ? 2 : 1,
    level: finding.severity,
    message: finding.message,
    line: region.startLine,
    column: region.startColumn,
    endLine: region.endLine,
    endColumn: region.endColumn,
    control: finding.control,
    guidelines: finding.guidelines,
    // A repository's page when package.json names one; else the doc shipped inside the package.
    docs: finding.docs ?? docsUrl(finding.rule) ?? `docs/rules/${finding.rule}.md`,
    ...(finding.cbom ? { cbom: finding.cbom } : {}),
    ...(finding.fix ? { fix: { range: finding.fix.range, text: finding.fix.text } } : {}),
    ...(finding.rule === 'parse-error' ? { fatal: true as const } : {}),
    ...(finding.omitted !== undefined ? { omitted: finding.omitted } : {}),
  };
}

/** `--max-per-rule` / `max_per_rule:` when neither is given: a page of one rule's findings is plenty to act on. */
export const DEFAULT_MAX_PER_RULE = 100;

/**
 * At most `cap` open findings of each rule (0: no cap); the rest of a rule become one finding, where the first of
 * them was, that says how many there are and how to list them. Suppressed findings pass (SARIF's audit trail).
 */
export function capPerRule(findings: FileFinding[], cap: number): FileFinding[] {
  if (cap <= 0) return findings;
  const seen = new Map<string, number>();
  let over = false;
  for (const finding of findings) {
    if (finding.suppression) continue;
    const count = (seen.get(finding.rule) ?? 0) + 1;
    seen.set(finding.rule, count);
    if (count > cap) over = true;
  }
  if (!over) return findings;
  const listed = new Map<string, number>();
  const kept: FileFinding[] = [];
  const summaries = new Map<string, FileFinding>();
  for (const finding of findings) {
    if (finding.suppression) {
      kept.push(finding);
      continue;
    }
    const index = (listed.get(finding.rule) ?? 0) + 1;
    listed.set(finding.rule, index);
    if (index <= cap) {
      kept.push(finding);
      continue;
    }
    if (summaries.has(finding.rule)) continue;
    const omitted = seen.get(finding.rule)! - cap;
    const summary: FileFinding = {
      rule: finding.rule,
      control: finding.control,
      guidelines: finding.guidelines,
      severity: finding.severity,
      message: `${omitted.toLocaleString('en')} more ${finding.rule} finding${omitted === 1 ? '' : 's'} in this file, from here on, are not listed: the first ${cap.toLocaleString('en')} of a rule are (--max-per-rule, or max_per_rule: in .cekpolicy.yaml, sets how many; 0 lists all).`,
      region: finding.region,
      ...(finding.fingerprint !== undefined ? { fingerprint: `${finding.fingerprint.split(':')[0]}:omitted` } : {}),
      omitted,
    };
    summaries.set(finding.rule, summary);
    kept.push(summary);
  }
  return kept;
}

/** A file's result: open findings as `messages`, suppressed and baselined ones as `suppressedMessages`. */
export function toJsonResult(file: ShownFile, outcome: FileOutcome): JsonResult {
  const messages = openFindings(outcome).map(toJsonMessage);
  const suppressedMessages = outcome.findings.filter((finding) => finding.suppression || finding.baselined).map((finding) => ({
    ...toJsonMessage(finding),
    suppressions: [finding.suppression
      ? { kind: 'directive' as const, justification: finding.suppression.justification ?? '' }
      : { kind: 'baseline' as const, justification: 'recorded in the baseline' }],
  }));
  const count = (severity: 1 | 2, fixable = false) => messages.filter((message) => message.severity === severity && (!fixable || message.fix)).length;
  return {
    filePath: file.absolutePath ?? file.path,
    messages,
    suppressedMessages,
    errorCount: count(2),
    fatalErrorCount: messages.filter((message) => message.fatal).length,
    warningCount: count(1),
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
    ...(outcome.output !== undefined ? { output: outcome.output } : {}),
  };
}

/** Findings that are reported: neither suppressed inline nor held by the baseline. */
export function openFindings(outcome: Pick<FileOutcome, 'findings'>): FileFinding[] {
  return outcome.findings.filter((finding) => !finding.suppression && !finding.baselined);
}

const PLACEHOLDER = '\u0000cek-policy: the streamed array\u0000';

/**
 * `JSON.stringify(document, null, 2)`, byte for byte, for a document with one array that is written item by
 * item as it grows. `render(array)` gives the whole document around the array; it is called once before the
 * first item (everything before the array must not change after that) and once at the end (for what follows it).
 */
export class JsonArrayStream {
  private count = 0;
  private readonly itemIndent: string;
  private readonly closeIndent: string;

  constructor(private readonly write: (chunk: string) => void, private readonly render: (array: unknown) => string) {
    const text = render(PLACEHOLDER);
    const at = text.indexOf(JSON.stringify(PLACEHOLDER));
    this.closeIndent = /^ */.exec(text.slice(text.lastIndexOf('\n', at) + 1))![0];
    this.itemIndent = `${this.closeIndent}  `;
    write(text.slice(0, at));
  }

  item(value: unknown): void {
    const json = JSON.stringify(value, null, 2).replace(/\n/g, `\n${this.itemIndent}`);
    this.write(`${this.count++ === 0 ? '[' : ','}\n${this.itemIndent}${json}`);
  }

  end(): void {
    const text = this.render(PLACEHOLDER);
    const after = text.slice(text.indexOf(JSON.stringify(PLACEHOLDER)) + JSON.stringify(PLACEHOLDER).length);
    this.write(`${this.count === 0 ? '[]' : `\n${this.closeIndent}]`}${after}\n`);
  }
}

/** `--format json`: ESLint's results, one per policy, in every mode (`--fix-dry-run` adds each fixed text as `output`). */
export class JsonWriter implements OutputWriter {
  private readonly results: JsonArrayStream;

  constructor(write: (chunk: string) => void) {
    this.results = new JsonArrayStream(write, (array) => JSON.stringify(array, null, 2));
  }

  file(file: ShownFile, outcome: FileOutcome): void {
    if (outcome.isPolicy) this.results.item(toJsonResult(file, outcome));
  }

  end(): void {
    this.results.end();
  }
}

/** Counts for the summary line of the text formats. */
class Tally {
  readonly counts = { error: 0, warning: 0, info: 0 };
  fixable = 0;
  suppressed = 0;
  baselined = 0;
  files = 0;
  policies = 0;

  add(outcome: FileOutcome): FileFinding[] {
    // The BOM of --cbom is shown as a file, but it is neither a policy nor a skipped file.
    if (!outcome.cbom) this.files++;
    if (outcome.isPolicy && !outcome.cbom) this.policies++;
    const open: FileFinding[] = [];
    for (const finding of outcome.findings) {
      if (finding.suppression) this.suppressed++;
      else if (finding.baselined) this.baselined++;
      else {
        // A summary stands for the findings it did not list: the totals below count them all.
        this.counts[finding.severity] += finding.omitted ?? 1;
        if (finding.fix) this.fixable++;
        open.push(finding);
      }
    }
    return open;
  }

  /** `✖ 3 problems (1 error, 2 warnings, 0 info) in 2 policies; 1 fixable with --fix`, coloured by the worst. */
  summary(paint: (format: Parameters<typeof styleText>[0], text: string) => string): string {
    const { counts, policies, files } = this;
    const total = counts.error + counts.warning + counts.info;
    const parts = [`${counts.error} error${counts.error === 1 ? '' : 's'}`, `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`, `${counts.info} info`];
    const where = `in ${policies} polic${policies === 1 ? 'y' : 'ies'}`;
    let summary = total === 0
      ? paint(['green', 'bold'], `✔ no problems ${where}`)
      : paint([counts.error > 0 ? 'red' : counts.warning > 0 ? 'yellow' : 'cyan', 'bold'], `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) ${where}`);
    if (files > policies) summary += ` (${files - policies} non-policy file${files - policies === 1 ? '' : 's'} skipped)`;
    if (this.fixable > 0) summary += `; ${this.fixable} fixable with --fix`;
    if (this.suppressed > 0) summary += `; ${this.suppressed} suppressed`;
    if (this.baselined > 0) summary += `; ${this.baselined} baselined`;
    return summary;
  }
}

type Paint = (format: Parameters<typeof styleText>[0], text: string) => string;

function painter(color: boolean): Paint {
  return (format, text) => (color ? styleText(format, text, { validateStream: false }) : text);
}

const SEVERITY_COLOR = { error: 'red', warning: 'yellow', info: 'cyan' } as const;

/**
 * The default: findings grouped by file, as ESLint's stylish does (a file header, then indented
 * `line:col  severity  message  rule-id` rows), then a summary line, coloured on a terminal.
 */
export class TextWriter implements OutputWriter {
  private readonly tally = new Tally();
  private readonly paint: Paint;
  private printed = false;

  /** The caller decides colour (flags, NO_COLOR/FORCE_COLOR, the destination), so styleText must not second-guess stdout. */
  constructor(private readonly write: (chunk: string) => void, color: boolean) {
    this.paint = painter(color);
  }

  file(file: ShownFile, outcome: FileOutcome): void {
    const open = this.tally.add(outcome);
    if (open.length === 0) return;
    const places = open.map((finding) => `${finding.region.startLine}:${finding.region.startColumn}`);
    const width = (extent(places.map((place) => place.length))?.max ?? -Infinity);
    const severityWidth = (extent(open.map((finding) => finding.severity.length))?.max ?? -Infinity);
    let out = `${this.printed ? '\n' : ''}${this.paint('underline', escapeControls(file.path))}\n`;
    open.forEach((finding, index) => {
      const severity = this.paint(SEVERITY_COLOR[finding.severity], finding.severity.padEnd(severityWidth));
      out += `  ${this.paint('dim', places[index].padEnd(width))}  ${severity}  ${escapeControls(finding.message)}  ${this.paint('dim', finding.rule)}\n`;
    });
    this.printed = true;
    this.write(out);
  }

  end(): void {
    this.write(`${this.printed ? '\n' : ''}${this.tally.summary(this.paint)}\n`);
  }
}

/**
 * `--format compact`: one line per finding, `file:line:col severity rule message (guidelines)`, then the summary:
 * the shape the VS Code problem matcher (package.json `problemMatchers`) and other line-oriented tools parse.
 */
export class CompactWriter implements OutputWriter {
  private readonly tally = new Tally();
  private readonly paint: Paint;
  private lines = 0;

  constructor(private readonly write: (chunk: string) => void, color: boolean) {
    this.paint = painter(color);
  }

  file(file: ShownFile, outcome: FileOutcome): void {
    let out = '';
    for (const finding of this.tally.add(outcome)) {
      const where = finding.guidelines.length ? ` (${finding.guidelines.join('; ')})` : ` (${finding.control})`;
      // The path and the message carry text from the file system and the policy: escaped before our colours go on.
      out += `${escapeControls(file.path)}:${finding.region.startLine}:${finding.region.startColumn} ${this.paint(SEVERITY_COLOR[finding.severity], finding.severity)} ${this.paint('dim', finding.rule)} ${escapeControls(finding.message)}${this.paint('dim', escapeControls(where))}\n`;
      this.lines++;
    }
    if (out) this.write(out);
  }

  end(): void {
    this.write(`${this.lines > 0 ? '\n' : ''}${this.tally.summary(this.paint)}\n`);
  }
}

/**
 * `--format github`: one GitHub Actions workflow command per finding (`::error file=…,line=…::message`), which the
 * runner turns into an annotation on the pull request's diff. File paths are as shown (relative to the working
 * directory, which is the checkout in a workflow), with `/` separators.
 */
export class GithubWriter implements OutputWriter {
  private static readonly COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

  constructor(private readonly write: (chunk: string) => void) {}

  file(file: ShownFile, outcome: FileOutcome): void {
    let out = '';
    for (const finding of openFindings(outcome)) {
      const { region } = finding;
      const properties = [
        `file=${githubProperty(file.path.split(sep).join('/'))}`,
        `line=${region.startLine}`,
        `col=${region.startColumn}`,
        `endLine=${region.endLine}`,
        `endColumn=${region.endColumn}`,
        `title=${githubProperty(`${finding.rule} (${finding.guidelines.join('; ') || finding.control})`)}`,
      ];
      out += `::${GithubWriter.COMMAND[finding.severity]} ${properties.join(',')}::${githubData(finding.message)}\n`;
    }
    if (out) this.write(out);
  }

  end(): void {}
}

/** A workflow command's message: `%`, CR and LF escaped (the runner's own escaping, actions/toolkit `escapeData`). */
export function githubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as the message, and `:` and `,` too (actions/toolkit `escapeProperty`). */
export function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `--format junit`: JUnit XML for CI test reports (GitLab `artifacts:reports:junit`, Jenkins): one test case per
 * policy, one failure per error or warning finding (an info finding is in the case's output, not a failure).
 * Held until the end: the totals are attributes of the root element.
 */
export class JunitWriter implements OutputWriter {
  private readonly cases: string[] = [];
  private tests = 0;
  private failures = 0;

  constructor(private readonly write: (chunk: string) => void) {}

  file(file: ShownFile, outcome: FileOutcome): void {
    if (!outcome.isPolicy) return;
    const open = openFindings(outcome);
    const failing = open.filter((finding) => finding.severity !== 'info');
    const notes = open.filter((finding) => finding.severity === 'info');
    const name = xmlEscape(file.path.split(sep).join('/'));
    this.tests++;
    if (failing.length > 0) this.failures++;
    let out = `    <testcase classname="${name}" name="${name}" time="0">\n`;
    for (const finding of failing) {
      const where = `${file.path.split(sep).join('/')}:${finding.region.startLine}:${finding.region.startColumn}`;
      const detail = `${where} ${finding.severity} ${finding.rule} (${finding.guidelines.join('; ') || finding.control})\n${finding.message}\n${finding.docs ?? docsUrl(finding.rule) ?? `docs/rules/${finding.rule}.md`}`;
      out += `      <failure type="${xmlEscape(finding.rule)}" message="${xmlEscape(`${finding.severity}: ${finding.message}`)}">${xmlEscape(detail)}</failure>\n`;
    }
    if (notes.length > 0) {
      out += `      <system-out>${xmlEscape(notes.map((finding) => `${finding.region.startLine}:${finding.region.startColumn} info ${finding.rule} ${finding.message}`).join('\n'))}</system-out>\n`;
    }
    this.cases.push(`${out}    </testcase>\n`);
  }

  end(): void {
    const totals = `tests="${this.tests}" failures="${this.failures}" errors="0"`;
    this.write(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cek-policy" ${totals}>\n  <testsuite name="cek-policy" ${totals} skipped="0" time="0">\n${this.cases.join('')}  </testsuite>\n</testsuites>\n`);
  }
}

/**
 * Text for an XML attribute or element: the five special characters as entities, and characters XML 1.0 cannot
 * hold at all (control characters, lone surrogates, U+FFFE/U+FFFF) replaced by U+FFFD.
 */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
