import type { Catalog } from '../engine/config/catalog';
import { scalarText } from '../engine/model/model';
import { caiqAnswers, controlSummary, type CaiqAnswer, type ControlStatus } from '../engine/report/summary';
import type { FileResult } from './output';

export interface PolicyReport {
  file: string;
  id?: string;
  title?: string;
  actors: string[];
  controls: ControlStatus[];
  caiq: (Omit<CaiqAnswer, 'findings'> & { findings: { rule: string; line: number; message: string }[] })[];
}

export function buildReports(files: FileResult[], catalogFor: (file: FileResult) => Catalog): PolicyReport[] {
  return files.filter((file) => file.result.isPolicy).map((file) => {
    const catalog = catalogFor(file);
    const policy = file.result.policy;
    const lines = file.result.document.lines;
    return {
      file: file.path,
      id: scalarText(policy?.field('id')),
      title: scalarText(policy?.field('title')) ?? file.result.document.markdown?.sections[0]?.heading,
      actors: policy?.actorCodes ?? [],
      controls: controlSummary(file.result, catalog),
      caiq: caiqAnswers(file.result, catalog).map((answer) => ({
        ...answer,
        findings: answer.findings.map((finding) => ({ rule: finding.rule, line: lines.positionAt(finding.span.start).line + 1, message: finding.message })),
      })),
    };
  });
}

export function formatReportText(reports: PolicyReport[]): string {
  const out: string[] = [];
  for (const report of reports) {
    out.push(`${report.file}: ${report.title ?? '(untitled)'}${report.id ? ` [${report.id}]` : ''}${report.actors.length ? `, actor ${report.actors.join('+')}` : ''}`);
    for (const control of report.controls) {
      out.push(`  ${control.control} ${control.title ?? ''}: ${control.met}/${control.total} met${control.failing.length ? ` (open: ${control.failing.join(', ')})` : ''}`);
    }
    for (const answer of report.caiq) {
      out.push(`  ${answer.id} ${answer.answer.padEnd(7)} ${answer.question}`);
      for (const evidence of answer.evidence) out.push(`      evidence  ${evidence.field} (line ${evidence.line}): ${evidence.value}`);
      for (const finding of answer.findings) out.push(`      gap       line ${finding.line} ${finding.rule}: ${finding.message}`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}

export function formatReportMarkdown(reports: PolicyReport[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const out: string[] = ['# CEK policy report', ''];
  for (const report of reports) {
    out.push(`## ${cell(report.title ?? report.file)}`, '', `File: \`${report.file}\`${report.id ? ` · ID: ${report.id}` : ''}${report.actors.length ? ` · Actor: ${report.actors.join(', ')}` : ''}`, '');
    out.push('| Control | Status | Open findings |', '|---|---|---|');
    for (const control of report.controls) out.push(`| ${control.control} ${cell(control.title ?? '')} | ${control.met}/${control.total} met | ${control.failing.join(', ') || '—'} |`);
    out.push('', '| CAIQ | Question | Answer | Evidence | Gaps |', '|---|---|---|---|---|');
    for (const answer of report.caiq) {
      out.push(`| ${answer.id} | ${cell(answer.question)} | **${answer.answer}** | ${cell(answer.evidence.map((evidence) => `${evidence.field}: ${evidence.value}`).join('; ') || '—')} | ${cell(answer.findings.map((finding) => `${finding.rule} (line ${finding.line})`).join(', ') || '—')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
