import type { ComplianceReport, ReportDocument, RequirementStatus } from '../engine/report/types';

const STATUS_TEXT: Record<RequirementStatus, string> = {
  met: 'met', partial: 'partial', 'not-met': 'NOT MET', 'not-applicable': 'n/a', 'not-assessed': 'not assessed',
};

function actorLine(document: ReportDocument): string {
  const { actor } = document;
  return `  SSRM actor: ${actor.codes.join('+') || '-'} (${actor.basis})${actor.summary ? `: ${actor.summary}` : ''}`;
}

/** Terminal text: per document, per control, each guideline with its status, evidence and gaps; then the CAIQ answers. */
export function formatReportText(report: ComplianceReport): string {
  const out: string[] = [];
  for (const document of report.documents) {
    out.push(`${document.file}: ${document.title ?? '(untitled)'}${document.id ? ` [${document.id}]` : ''}`);
    out.push(actorLine(document));
    for (const control of document.controls) {
      out.push(`  ${control.control} ${control.title ?? ''}: ${control.auditing.met}/${control.auditing.applicable} auditing guidelines met (all guidelines: ${control.all.met}/${control.all.applicable})`);
      for (const requirement of document.requirements.filter((candidate) => candidate.control === control.control)) {
        out.push(`    ${STATUS_TEXT[requirement.status].padEnd(13)} ${requirement.guideline}${requirement.title ? ` (${requirement.title})` : ''}`);
        if (requirement.status !== 'met' && requirement.reason) out.push(`                  ${requirement.reason}`);
        for (const evidence of requirement.evidence.slice(0, 2)) out.push(`                  evidence line ${evidence.line}: ${evidence.text}`);
        for (const gap of requirement.gaps ?? []) out.push(`                  gap line ${gap.line} ${gap.rule}: ${gap.message}`);
      }
    }
    for (const answer of document.caiq) out.push(`  ${answer.id} ${answer.answer.padEnd(12)} ${answer.question}`);
    out.push('');
  }
  if (report.documents.length > 1) {
    out.push('Policy set:');
    for (const answer of report.set.caiq) out.push(`  ${answer.id} ${answer.answer.padEnd(12)} ${answer.question}`);
  }
  return out.join('\n').trimEnd();
}

export function formatReportMarkdown(report: ComplianceReport): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const out: string[] = ['# CEK policy report', '', `Judged on ${report.today} by cek-policy ${report.tool.version}.`, ''];
  for (const document of report.documents) {
    out.push(`## ${cell(document.title ?? document.file)}`, '', `File: \`${document.file}\`${document.id ? ` · ID: ${document.id}` : ''} · SSRM actor: ${document.actor.codes.join(', ') || '—'} (${document.actor.basis})`, '');
    if (document.actor.summary) out.push(`> ${cell(document.actor.summary)}`, '');
    out.push('| Guideline | Status | Evidence | Gaps |', '|---|---|---|---|');
    for (const requirement of document.requirements) {
      const evidence = requirement.evidence.slice(0, 2).map((item) => `line ${item.line}: ${item.text}`).join('; ');
      const gaps = (requirement.gaps ?? []).map((gap) => `${gap.rule} (line ${gap.line})`).join(', ') || (requirement.status === 'met' ? '' : requirement.reason ?? '');
      out.push(`| ${requirement.guideline}${requirement.title ? ` (${cell(requirement.title)})` : ''} | **${STATUS_TEXT[requirement.status]}** | ${cell(evidence) || '—'} | ${cell(gaps) || '—'} |`);
    }
    out.push('', '| CAIQ | Question | Answer |', '|---|---|---|');
    for (const answer of document.caiq) out.push(`| ${answer.id} | ${cell(answer.question)} | **${answer.answer}** |`);
    out.push('');
  }
  return out.join('\n');
}
