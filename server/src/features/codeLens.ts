import type { CodeLens } from 'vscode-languageserver';
import { controlSummary, formatSummary } from '../engine/report/summary';
import type { Analysis } from './analysis';

/** One lens on the first line: "CEK-01: 9/12 met · CEK-02: 7/10 met"; it opens the first control with gaps. */
export function codeLenses(analysis: Analysis): CodeLens[] {
  if (!analysis.result.isPolicy || !analysis.result.policy) return [];
  const statuses = controlSummary(analysis.result, analysis.loaded.catalog);
  const open = statuses.find((status) => status.failing.length > 0) ?? statuses[0];
  return [{
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    command: { title: formatSummary(statuses), command: 'cekPolicy.showControl', arguments: [open.control] },
  }];
}
