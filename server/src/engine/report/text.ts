import { escapeControls } from './escape';
import { ACTOR_BASIS_MEANING, formatTally, type CaiqReport, type ComplianceReport, type ReportGuidelineKind } from './types';
import { append } from '../arrays';

const KIND_LABEL: Record<ReportGuidelineKind, string> = { implementation: 'implementation', auditing: 'auditing', ccm: 'CCM auditing', requirement: 'requirement' };

/** The report for a terminal: per document, per control, each guideline's status with its evidence and gaps. */
export function renderText(report: ComplianceReport): string {
  const out: string[] = [`CEK policy compliance report, judged on ${report.today} by ${report.tool.name} ${report.tool.version}`];
  if (report.documents.length === 0) out.push('', 'No policy document was found.');
  for (const document of report.documents) {
    out.push('', `${document.file}: ${document.title ?? '(untitled)'}${document.id ? ` [${document.id}]` : ''}`);
    const actor = document.actor;
    const actorEvidence = actor.evidence.map((item) => ` (line ${item.line}: ${item.text})`).join('');
    out.push(`  actor ${actor.codes.join('+') || 'unknown'}: ${ACTOR_BASIS_MEANING[actor.basis]}${actorEvidence}`);
    for (const reference of document.references ?? []) {
      out.push(`  refers to ${reference.kind === 'link' ? reference.target : `"${reference.target}"`} (line ${reference.line}): ${reference.resolved ?? 'not in the project'}`);
    }
    for (const control of document.controls) {
      out.push(`  ${control.control} ${control.title ?? ''}: ${formatTally(control.auditing)} auditing guidelines met, ${formatTally(control.all)} of all guidelines`);
      for (const requirement of document.requirements.filter((entry) => entry.control === control.control)) {
        out.push(`    ${requirement.status.padEnd(15)}${KIND_LABEL[requirement.kind]} ${requirement.number}${requirement.title ? ` ${requirement.title}` : ''}`);
        for (const evidence of requirement.evidence) out.push(`      evidence  ${evidence.file ?? document.file}:${evidence.line} ${evidence.text}`);
        for (const gap of requirement.gaps ?? []) out.push(`      gap       ${document.file}:${gap.line}:${gap.column} ${gap.severity} ${gap.rule}: ${gap.message}`);
        if (requirement.status !== 'met' && requirement.reason) out.push(`      reason    ${requirement.reason}`);
      }
    }
    append(out, caiqLines(document.caiq));
  }
  const members = new Set(report.documents.flatMap((document) => document.members ?? []).map((member) => member.file).filter((file) => !report.documents.some((document) => document.file === file)));
  if (report.documents.length > 1 || members.size > 0) {
    out.push('', `The set of ${report.documents.length} document${report.documents.length === 1 ? '' : 's'}${members.size > 0 ? ` and ${members.size} referenced` : ''}:`);
    for (const requirement of report.set.requirements) {
      out.push(`  ${requirement.status.padEnd(15)}${requirement.guideline}${requirement.title ? ` ${requirement.title}` : ''} (${requirement.documents.map((entry) => `${entry.file} ${entry.status}`).join(', ')})`);
    }
    append(out, caiqLines(report.set.caiq));
  }
  const basis = report.set.caiq[0]?.basis ?? report.documents[0]?.caiq[0]?.basis;
  if (basis) out.push('', `CAIQ answers: ${basis}`);
  // Each entry is one line the report wrote; what a policy or catalog put in it is shown, never acted on.
  return out.map(escapeControls).join('\n');
}

function caiqLines(answers: CaiqReport[]): string[] {
  return answers.flatMap((answer) => [
    `  ${answer.id} ${answer.answer.padEnd(12)} ${answer.question}`,
    `      from  ${answer.requirements.map((requirement) => `${requirement.guideline} ${requirement.status}`).join('; ')}`,
  ]);
}
