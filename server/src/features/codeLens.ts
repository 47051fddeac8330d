import type { CodeLens } from 'vscode-languageserver';
import { controlSummary, formatSummary } from '../engine/report/summary';
import type { Analysis } from './analysis';

/** One lens on the first line, from the guidelines' statuses: "CEK-01: 6/8 auditing guidelines met · CEK-02: 7/9 met"; it opens the first control with gaps. */
export function codeLenses(analysis: Analysis): CodeLens[] {
  if (!analysis.result.isPolicy || !analysis.result.policy) return [];
  const statuses = controlSummary(analysis.result.requirements, analysis.loaded.catalog);
  if (statuses.length === 0) return [];
  const open = statuses.find((status) => status.auditing.met < status.auditing.applicable) ?? statuses[0];
  return [{
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    command: { title: formatSummary(statuses), command: 'cekPolicy.showControl', arguments: [open.control] },
  }];
}
