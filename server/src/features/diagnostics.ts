import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { formatGuidelineRef } from '../engine/config/catalog';
import { docsUrl } from '../engine/rules/rule';
import { bundledRuleDocUri } from '../packageInfo';
import type { Finding } from '../engine/types';
import type { Analysis } from './analysis';
import { toRange } from './positions';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** What a code action needs to find its finding again: the rule and the position, never the message text. */
export interface DiagnosticData {
  rule: string;
  start: number;
  end: number;
  version: number;
}

export function toDiagnostics(analysis: Analysis): Diagnostic[] {
  const lines = analysis.result.document.lines;
  return analysis.result.findings.filter((finding) => !finding.suppression).map((finding): Diagnostic => ({
    range: toRange(lines, finding.span),
    severity: SEVERITY[finding.severity],
    source: 'cek-policy',
    code: finding.rule,
    // The doc shipped with the extension or package opens offline; the web page is the fallback.
    codeDescription: { href: bundledRuleDocUri(finding.rule) ?? docsUrl(finding.rule) },
    message: `${finding.message} [${finding.guidelines.map(formatGuidelineRef).join('; ') || finding.control}]`,
    ...(finding.related?.length ? { relatedInformation: finding.related.map((related) => ({ location: { uri: analysis.uri, range: toRange(lines, related.span) }, message: related.message })) } : {}),
    data: { rule: finding.rule, start: finding.span.start, end: finding.span.end, version: analysis.version } satisfies DiagnosticData,
  }));
}

/** The open finding a diagnostic came from. */
export function findingFor(analysis: Analysis, data: Partial<DiagnosticData> | undefined): Finding | undefined {
  if (!data || typeof data.rule !== 'string') return undefined;
  return analysis.result.findings.find((finding) => !finding.suppression && finding.rule === data.rule && finding.span.start === data.start && finding.span.end === data.end);
}
