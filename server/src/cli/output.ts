import { styleText } from 'node:util';
import { escapeControls } from '../engine/report/escape';
import type { FileFinding, FileOutcome } from './checkFile';
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

/** One finding in the SPEC's JSON shape: 1-based lines and UTF-16 columns. */
export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: FileFinding['severity'];
  rule: string;
  control: string;
  guideline: string;
  message: string;
  fixable: boolean;
  /** On the one finding that stands for the rule's findings past --max-per-rule: how many it stands for. */
  omitted?: number;
}

export function toJsonFinding(path: string, finding: FileFinding): JsonFinding {
  const { region } = finding;
  return {
    file: path,
    line: region.startLine,
    column: region.startColumn,
    endLine: region.endLine,
    endColumn: region.endColumn,
    severity: finding.severity,
    rule: finding.rule,
    control: finding.control,
    guideline: finding.guidelines.join('; '),
    message: finding.message,
    fixable: Boolean(finding.fix),
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

export function openFindings(outcome: Pick<FileOutcome, 'findings'>): FileFinding[] {
  return outcome.findings.filter((finding) => !finding.suppression);
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

/** `--format json`: one array of findings. */
export class JsonWriter implements OutputWriter {
  private readonly findings: JsonArrayStream;

  constructor(write: (chunk: string) => void) {
    this.findings = new JsonArrayStream(write, (array) => JSON.stringify(array, null, 2));
  }

  file(file: ShownFile, outcome: FileOutcome): void {
    for (const finding of openFindings(outcome)) this.findings.item(toJsonFinding(file.path, finding));
  }

  end(): void {
    this.findings.end();
  }
}

/** `--fix-dry-run --format json`: per policy, the fixed text (ESLint's `output`) and what is left to fix by hand. */
export class FixDryRunWriter implements OutputWriter {
  private readonly files: JsonArrayStream;

  constructor(write: (chunk: string) => void) {
    this.files = new JsonArrayStream(write, (array) => JSON.stringify(array, null, 2));
  }

  file(file: ShownFile, outcome: FileOutcome): void {
    if (!outcome.isPolicy) return;
    this.files.item({
      file: file.path,
      ...(outcome.output !== undefined ? { output: outcome.output } : {}),
      findings: openFindings(outcome).map((finding) => toJsonFinding(file.path, finding)),
    });
  }

  end(): void {
    this.files.end();
  }
}

/** Compiler-style lines, `file:line:col severity rule message (control guideline)`, then a summary line. */
export class TextWriter implements OutputWriter {
  private readonly counts = { error: 0, warning: 0, info: 0 };
  private fixable = 0;
  private suppressed = 0;
  private files = 0;
  private policies = 0;
  private lines = 0;

  /** The caller decides colour (flags, NO_COLOR/FORCE_COLOR, the destination), so styleText must not second-guess stdout. */
  constructor(private readonly write: (chunk: string) => void, private readonly color: boolean) {}

  file(file: ShownFile, outcome: FileOutcome): void {
    this.files++;
    if (outcome.isPolicy) this.policies++;
    const severityColor = { error: 'red', warning: 'yellow', info: 'cyan' } as const;
    let out = '';
    for (const finding of outcome.findings) {
      if (finding.suppression) {
        this.suppressed++;
        continue;
      }
      // A summary stands for the findings it did not list: the totals below count them all.
      this.counts[finding.severity] += finding.omitted ?? 1;
      if (finding.fix) this.fixable++;
      const json = toJsonFinding(file.path, finding);
      const where = json.guideline ? ` (${json.guideline})` : ` (${json.control})`;
      // The path and the message carry text from the file system and the policy: escaped before our colours go on.
      out += `${escapeControls(json.file)}:${json.line}:${json.column} ${this.paint(severityColor[finding.severity], finding.severity)} ${this.paint('dim', finding.rule)} ${escapeControls(finding.message)}${this.paint('dim', escapeControls(where))}\n`;
      this.lines++;
    }
    if (out) this.write(out);
  }

  end(): void {
    const { counts, policies, files } = this;
    const total = counts.error + counts.warning + counts.info;
    const parts = [`${counts.error} error${counts.error === 1 ? '' : 's'}`, `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`, `${counts.info} info`];
    let summary = total === 0
      ? `✔ no problems in ${policies} polic${policies === 1 ? 'y' : 'ies'}`
      : `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${policies} polic${policies === 1 ? 'y' : 'ies'}`;
    if (files > policies) summary += ` (${files - policies} non-policy file${files - policies === 1 ? '' : 's'} skipped)`;
    if (this.fixable > 0) summary += `; ${this.fixable} fixable with --fix`;
    if (this.suppressed > 0) summary += `; ${this.suppressed} suppressed`;
    this.write(`${this.lines > 0 ? '\n' : ''}${summary}\n`);
  }

  private paint(format: Parameters<typeof styleText>[0], text: string): string {
    return this.color ? styleText(format, text, { validateStream: false }) : text;
  }
}
