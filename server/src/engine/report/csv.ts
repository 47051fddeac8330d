import type { ComplianceReport } from './types';

/**
 * The columns, in order: one row per (document, guideline), then one row per algorithm mention (`kind` is
 * `algorithm`; its columns are the last eight, the guideline's are empty).
 */
export const CSV_COLUMNS = [
  'file', 'document_id', 'document_title', 'actor', 'actor_basis', 'control', 'guideline', 'kind', 'number', 'title',
  'status', 'set_status', 'evidence', 'findings', 'gaps', 'reason',
  'line', 'text', 'algorithm', 'parameter', 'use', 'stance', 'profile', 'until',
] as const;

export type CsvRow = Record<(typeof CSV_COLUMNS)[number], string>;

/** The report as rows of plain strings; lists inside a cell are one item per line. */
export function csvRows(report: ComplianceReport): CsvRow[] {
  const setStatus = new Map(report.set.requirements.map((requirement) => [requirement.guideline, requirement.status]));
  for (const control of report.set.controls ?? []) setStatus.set(`${control.control} control`, control.status);
  const empty = { line: '', text: '', algorithm: '', parameter: '', use: '', stance: '', profile: '', until: '' };
  // CEK-01/02's guidelines, then the requirements of the domain's control packs (kind `requirement`), then the
  // algorithm mentions (kind `algorithm`), per document.
  return report.documents.flatMap((document) => [...[...document.requirements, ...document.controls.flatMap((control) => control.requirements ?? [])].map((requirement): CsvRow => ({
    file: document.file,
    document_id: document.id ?? '',
    document_title: document.title ?? '',
    actor: document.actor.codes.join(' '),
    actor_basis: document.actor.basis,
    control: requirement.control,
    guideline: requirement.guideline,
    kind: requirement.kind,
    number: String(requirement.number),
    title: requirement.title ?? '',
    status: requirement.status,
    set_status: setStatus.get(requirement.guideline) ?? (requirement.kind === 'requirement' ? setStatus.get(`${requirement.control} control`) ?? '' : ''),
    evidence: requirement.evidence.map((item) => `${item.file ?? document.file}:${item.line}: ${item.text}`).join('\n'),
    findings: requirement.findings.join(' '),
    gaps: (requirement.gaps ?? []).map((gap) => `${document.file}:${gap.line}:${gap.column} ${gap.severity} ${gap.rule}: ${gap.message}`).join('\n'),
    reason: requirement.reason ?? '',
    ...empty,
  })), ...(document.cryptography?.mentions ?? []).map((mention): CsvRow => ({
    file: document.file,
    document_id: document.id ?? '',
    document_title: document.title ?? '',
    actor: document.actor.codes.join(' '),
    actor_basis: document.actor.basis,
    control: '', guideline: '', kind: 'algorithm', number: '', title: '',
    status: mention.status,
    set_status: '', evidence: '', findings: '', gaps: '',
    reason: mention.source,
    line: String(mention.line),
    text: mention.text,
    algorithm: mention.algorithm,
    parameter: mention.parameter === null ? '' : String(mention.parameter),
    use: mention.use,
    stance: mention.stance,
    profile: document.cryptography!.profile,
    until: mention.until ?? '',
  }))]);
}

/** RFC 4180: CRLF between records, a field in double quotes when it holds a comma, quote or line break, quotes
 * doubled. A field that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading `'`. */
export function renderCsv(report: ComplianceReport): string {
  const lines = [CSV_COLUMNS.join(','), ...csvRows(report).map((row) => CSV_COLUMNS.map((column) => csvField(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
