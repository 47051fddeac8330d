import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { formatGuidelineRef } from '../engine/config/catalog';
import { docsUrl } from '../engine/rules/rule';
import { bundledRuleDocUri } from '../packageInfo';
import type { LineIndex } from '../engine/parse/text';
import type { Finding } from '../engine/types';
import { toRange } from './positions';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** What a code action needs to find its finding again: the rule and the position, never the message text. */
export interface DiagnosticData {
  rule: string;
  start: number;
  end: number;
  version: number;
}

/** What diagnostics are made from: a document's view, or (in the worker, for files on disk) its analysis. */
export interface CheckedFindings {
  uri: string;
  version: number;
  lines: LineIndex;
  findings: Finding[];
  /** Findings the baseline holds (`.cekpolicy-baseline.json`): shown as hints. */
  baselined?: ReadonlySet<Finding>;
}

export function toDiagnostics(checked: CheckedFindings): Diagnostic[] {
  const { lines } = checked;
  return checked.findings.filter((finding) => !finding.suppression).map((finding): Diagnostic => ({
    range: toRange(lines, finding.span),
    severity: checked.baselined?.has(finding) ? DiagnosticSeverity.Hint : SEVERITY[finding.severity],
    source: 'cek-policy',
    code: finding.rule,
    ...codeDescription(finding.rule),
    message: `${finding.message} [${finding.guidelines.map(formatGuidelineRef).join('; ') || finding.control}]`,
    ...(finding.related?.length ? { relatedInformation: finding.related.map((related) => ({ location: { uri: checked.uri, range: toRange(lines, related.span) }, message: related.message })) } : {}),
    data: { rule: finding.rule, start: finding.span.start, end: finding.span.end, version: checked.version } satisfies DiagnosticData,
  }));
}

/** The open finding a diagnostic came from. */
export function findingFor(checked: Pick<CheckedFindings, 'findings'>, data: Partial<DiagnosticData> | undefined): Finding | undefined {
  if (!data || typeof data.rule !== 'string') return undefined;
  return checked.findings.find((finding) => !finding.suppression && finding.rule === data.rule && finding.span.start === data.start && finding.span.end === data.end);
}

/** The doc shipped with the extension or package opens offline; the project's web page is the fallback, if it has one. */
export function codeDescription(ruleId: string): { codeDescription?: { href: string } } {
  const href = bundledRuleDocUri(ruleId) ?? docsUrl(ruleId);
  return href ? { codeDescription: { href } } : {};
}
