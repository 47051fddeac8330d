import { pushLines } from '../arrays';
import { markdownCode, markdownText } from './escape';
import { ACTOR_BASIS_MEANING, REQUIREMENT_STATUSES, STATUS_MEANING, formatTally, type CaiqReport, type ComplianceReport } from './types';

/** The report as Markdown for an audit file: a summary, each document's guidelines, the set, the CAIQ answers. */
export function renderMarkdown(report: ComplianceReport): string {
  const out: string[] = ['# CEK policy compliance report', '', `Judged on ${report.today} by ${report.tool.name} ${report.tool.version}.`, ''];
  pushLines(out, '| Status | Meaning |', '|---|---|', REQUIREMENT_STATUSES.map((status) => `| **${status}** | ${cell(STATUS_MEANING[status].meaning)} |`), '');
  if (report.documents.length === 0) out.push('No policy document was found.', '');
  for (const document of report.documents) {
    const actor = document.actor;
    out.push(`## ${cell(document.title ?? document.file)}`, '');
    out.push(`File: ${markdownCode(document.file)}${document.id ? ` · ID: ${cell(document.id)}` : ''} · Actor: ${actor.codes.join(', ') || 'unknown'} (${ACTOR_BASIS_MEANING[actor.basis]}${actor.evidence.map((item) => `, line ${item.line}: ${cell(item.text)}`).join('')})`, '');
    const guidelineControls = document.controls.filter((control) => control.basis === undefined || control.basis === 'guidelines');
    out.push('| Control | Auditing guidelines met | All guidelines met |', '|---|---|---|');
    for (const control of guidelineControls) out.push(`| ${cell(control.control)} ${cell(control.title ?? '')} | ${formatTally(control.auditing)} | ${formatTally(control.all)} |`);
    const judged = document.controls.filter((control) => control.status);
    if (judged.length > 0) {
      out.push('', '| CEK domain control | Status | Evidence | Why |', '|---|---|---|---|');
      for (const control of judged) {
        const evidence = (control.evidence ?? []).map((item) => `${markdownCode(`${document.file}:${item.line}`)} ${cell(item.text)}`).join('<br>') || '—';
        const text = control.text?.source === 'summary' ? ' (summary by cek-policy)' : '';
        out.push(`| ${cell(control.control)} ${cell(control.title ?? '')}${text} | **${control.status}** | ${evidence} | ${cell(control.reason ?? '')} |`);
      }
    }
    out.push('', '| Guideline | Status | Evidence | Open findings |', '|---|---|---|---|');
    for (const requirement of document.requirements) {
      const evidence = requirement.evidence.map((item) => `${markdownCode(`${item.file ?? document.file}:${item.line}`)} ${cell(item.text)}`).join('<br>') || '—';
      const gaps = (requirement.gaps ?? []).map((gap) => `${markdownCode(`${document.file}:${gap.line}:${gap.column}`)} ${gap.severity} ${markdownCode(gap.rule)}: ${cell(gap.message)}`).join('<br>') || (cell(requirement.findings.join(', ')) || '—');
      out.push(`| ${cell(requirement.guideline)}${requirement.title ? ` (${cell(requirement.title)})` : ''} | **${requirement.status}** | ${evidence} | ${gaps} |`);
    }
    pushLines(out, '', caiqTable(document.caiq), '');
  }
  if (report.documents.length > 1) {
    out.push('## The set', '', `| Guideline | Set | ${report.documents.map((document) => cell(document.file)).join(' | ')} |`, `|---|---|${report.documents.map(() => '---|').join('')}`);
    for (const requirement of report.set.requirements) {
      const statuses = report.documents.map((document) => requirement.documents.find((entry) => entry.file === document.file)?.status ?? '—');
      out.push(`| ${cell(requirement.guideline)} | **${requirement.status}** | ${statuses.join(' | ')} |`);
    }
    if (report.set.controls?.length) {
      out.push('', `| CEK domain control | Set | ${report.documents.map((document) => cell(document.file)).join(' | ')} |`, `|---|---|${report.documents.map(() => '---|').join('')}`);
      for (const control of report.set.controls) {
        const statuses = report.documents.map((document) => control.documents.find((entry) => entry.file === document.file)?.status ?? '—');
        out.push(`| ${cell(control.control)} ${cell(control.title ?? '')} | **${control.status}** | ${statuses.join(' | ')} |`);
      }
    }
    pushLines(out, '', caiqTable(report.set.caiq), '');
  }
  const basis = report.set.caiq[0]?.basis ?? report.documents[0]?.caiq[0]?.basis;
  if (basis) out.push(`CAIQ answers: ${cell(basis)}`, '');
  return out.join('\n');
}

function caiqTable(answers: CaiqReport[]): string[] {
  return ['| CAIQ | Question | Answer | Derived from |', '|---|---|---|---|', ...answers.map((answer) => `| ${cell(answer.id)} | ${cell(answer.question)} | **${answer.answer}** | ${answer.requirements.map((requirement) => `${cell(requirement.guideline)}: ${requirement.status}`).join('<br>')} |`)];
}

/**
 * Text from a policy or a catalog, safe inside a table cell and anywhere in a line: escaped text, never a live link,
 * image, autolink, HTML or cell break, and no control character.
 */
function cell(text: string): string {
  return markdownText(text);
}
