import type { CodeLens } from 'vscode-languageserver';
import { controlSummary, domainSummary, formatSummary } from '../engine/report/summary';
import type { FeatureView } from './view';

/** One lens on the first line, from the guidelines' statuses: "CEK-01: 6/8 auditing guidelines met · CEK-02: 7/9 met"; it opens the first control with gaps. */
export function codeLenses(view: FeatureView): CodeLens[] {
  // A policy that was read (it parsed) has an actor; one that was not has no statuses worth a lens.
  if (!view.isPolicy || !view.actor) return [];
  const statuses = controlSummary(view.requirements, view.catalog);
  const lenses: CodeLens[] = [];
  if (statuses.length > 0) {
    const open = statuses.find((status) => status.auditing.met < status.auditing.applicable) ?? statuses[0];
    lenses.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      command: { title: formatSummary(statuses), command: 'cekPolicy.showControl', arguments: [open.control] },
    });
  }
  // The whole CEK domain, when the document is judged on more than CEK-01 and CEK-02: "CEK domain: 11/21 controls met".
  const domain = domainSummary(view.controls ?? []);
  if (domain) {
    lenses.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      command: { title: domain.title, command: 'cekPolicy.showControl', arguments: [domain.firstOpen ?? 'CEK-01'] },
    });
  }
  return lenses;
}
