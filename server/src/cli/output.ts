import { styleText } from 'node:util';
import { formatGuidelineRef } from '../engine/config/catalog';
import type { CheckResult } from '../engine/engine';
import type { Finding } from '../engine/types';

export interface FileResult {
  /** Path as shown to the user (relative to the working directory). */
  path: string;
  /** Where the file is; undefined for standard input without --stdin-filename. */
  absolutePath?: string;
  result: CheckResult;
}

/** One finding in the SPEC's JSON shape: 1-based lines and UTF-16 columns. */
export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Finding['severity'];
  rule: string;
  control: string;
  guideline: string;
  message: string;
  fixable: boolean;
}

export function toJsonFinding(file: FileResult, finding: Finding): JsonFinding {
  const lines = file.result.document.lines;
  const start = lines.positionAt(finding.span.start);
  const end = lines.positionAt(finding.span.end);
  return {
    file: file.path,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: finding.severity,
    rule: finding.rule,
    control: finding.control,
    guideline: finding.guidelines.map(formatGuidelineRef).join('; '),
    message: finding.message,
    fixable: Boolean(finding.fix),
  };
}

export function openFindings(file: FileResult): Finding[] {
  return file.result.findings.filter((finding) => !finding.suppression);
}

export function formatJson(files: FileResult[]): string {
  return JSON.stringify(files.flatMap((file) => openFindings(file).map((finding) => toJsonFinding(file, finding))), null, 2);
}

/** Compiler-style lines, `file:line:col severity rule message (control guideline)`, then a summary line. */
export function formatText(files: FileResult[], checkedCount: number, color: boolean): string {
  // The caller decides colour (flags, NO_COLOR/FORCE_COLOR, the destination), so styleText must not second-guess stdout.
  const paint = (format: Parameters<typeof styleText>[0], text: string) => (color ? styleText(format, text, { validateStream: false }) : text);
  const severityColor = { error: 'red', warning: 'yellow', info: 'cyan' } as const;
  const out: string[] = [];
  const counts = { error: 0, warning: 0, info: 0 };
  let fixable = 0;
  let suppressed = 0;
  for (const file of files) {
    for (const finding of file.result.findings) {
      if (finding.suppression) {
        suppressed++;
        continue;
      }
      const json = toJsonFinding(file, finding);
      counts[finding.severity]++;
      if (finding.fix) fixable++;
      const where = json.guideline ? ` (${json.guideline})` : ` (${json.control})`;
      out.push(`${json.file}:${json.line}:${json.column} ${paint(severityColor[finding.severity], finding.severity)} ${paint('dim', finding.rule)} ${finding.message}${paint('dim', where)}`);
    }
  }
  const total = counts.error + counts.warning + counts.info;
  const policies = files.filter((file) => file.result.isPolicy).length;
  const parts = [`${counts.error} error${counts.error === 1 ? '' : 's'}`, `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`, `${counts.info} info`];
  let summary = total === 0
    ? `✔ no problems in ${policies} polic${policies === 1 ? 'y' : 'ies'}`
    : `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${policies} polic${policies === 1 ? 'y' : 'ies'}`;
  if (checkedCount > policies) summary += ` (${checkedCount - policies} non-policy file${checkedCount - policies === 1 ? '' : 's'} skipped)`;
  if (fixable > 0) summary += `; ${fixable} fixable with --fix`;
  if (suppressed > 0) summary += `; ${suppressed} suppressed`;
  if (out.length > 0) out.push('');
  out.push(summary);
  return out.join('\n');
}
