import { builtinCatalog, formatGuidelineRef, type Catalog, type GuidelineRef } from '../config/catalog';
import type { CheckResult } from '../engine';
import { scalarText } from '../model/model';
import { DEFINITIONS, refKey } from '../requirements/definitions';
import type { RequirementResult, RequirementStatus } from '../requirements/types';
import type { ActorInference } from '../evidence/actor';
import type { PolicyFormat } from '../parse/document';
import type { LineIndex } from '../parse/text';
import type { Span } from '../types';
import { caiqAnswers, controlSummary } from './summary';
import { cryptographySource, type CryptographySource } from '../crypto/report';
import type { ComplianceReport, CryptographyReport, DocumentReport, ReportEvidence, RequirementReport, SetRequirement } from './types';

export interface ComplianceInput {
  /** The path (relative to the working directory) or the URI shown for the document. */
  path: string;
  result: CheckResult;
}

export interface ComplianceOptions {
  /** The date the results were judged on. */
  today: string;
  version: string;
  /** The catalog the file was checked with (user catalogs add controls); the built-in one by default. */
  catalogFor?: (input: ComplianceInput) => Catalog;
}

const MAX_QUOTE = 200;

/**
 * What one document's report is made of: parts of its check result as plain data. The language server keeps
 * these (not the check result) for each open document, and reports on it from them.
 */
export interface ReportSource {
  text: string;
  lines: LineIndex;
  format: PolicyFormat;
  requirements: Pick<RequirementResult, 'ref' | 'status' | 'evidence' | 'findings' | 'reason'>[];
  /** Undefined when the document could not be read as a policy. */
  actor?: ActorInference;
  id?: string;
  title?: string;
  /** The algorithm mentions and their statuses (absent when the document was not read as a policy). */
  cryptography?: CryptographySource;
}

export function reportSource(result: CheckResult): ReportSource {
  const { policy, document } = result;
  return {
    text: document.text,
    lines: document.lines,
    format: document.format,
    requirements: result.requirements,
    actor: policy?.actor,
    id: scalarText(policy?.field('id')) ?? policy?.meta.id?.value,
    title: scalarText(policy?.field('title')) ?? document.markdown?.sections[0]?.heading,
    ...(result.cryptography ? { cryptography: cryptographySource(result.cryptography) } : {}),
  };
}

function quote(source: ReportSource, span: Span): string {
  const text = source.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text;
}

function evidenceOf(source: ReportSource, span: Span, matched?: string): ReportEvidence {
  return { line: source.lines.positionAt(span.start).line + 1, text: quote(source, span), ...(matched ? { matched } : {}) };
}

/** One document's requirement statuses, CAIQ answers and actor, as the report schema has them. */
export function documentReport(input: ComplianceInput, catalog: Catalog): DocumentReport {
  return reportOf(input.path, reportSource(input.result), catalog);
}

/** The same from the parts of a check result (`file`: the path or URI shown for the document). */
export function reportOf(file: string, source: ReportSource, catalog: Catalog): DocumentReport {
  const { lines, actor } = source;
  const requirements: RequirementReport[] = source.requirements.map((requirement) => {
    const guideline = catalog.guideline(requirement.ref);
    return {
      guideline: formatGuidelineRef(requirement.ref),
      control: requirement.ref.control,
      kind: requirement.ref.kind,
      number: requirement.ref.number,
      ...(guideline?.title ? { title: guideline.title } : {}),
      ...(guideline?.text ? { text: guideline.text } : {}),
      status: requirement.status,
      evidence: requirement.evidence.map((evidence) => evidenceOf(source, evidence.span, evidence.matched)),
      findings: [...new Set(requirement.findings.map((finding) => finding.rule))],
      gaps: requirement.findings.map((finding) => {
        const start = lines.positionAt(finding.span.start);
        return { rule: finding.rule, severity: finding.severity, line: start.line + 1, column: start.character + 1, message: finding.message };
      }),
      reason: requirement.reason,
    };
  });
  return {
    file,
    ...optional('id', source.id),
    ...optional('title', source.title),
    format: source.format,
    actor: actor
      ? { codes: actor.codes, basis: actor.basis, ...optional('hostsCustomerData', actor.hostsCustomerData), ...optional('ai', actor.ai), summary: actor.summary, evidence: actor.evidence.map((signal) => ({ ...evidenceOf(source, signal.span, signal.label) })) }
      : { codes: [], basis: 'unknown', summary: 'The document could not be read.', evidence: [] },
    requirements,
    ...(source.cryptography ? { cryptography: cryptographyReport(source) } : {}),
    controls: controlSummary(source.requirements, catalog),
    caiq: caiqAnswers((ref) => source.requirements.find((requirement) => refKey(requirement.ref) === refKey(ref))?.status, catalog),
  };
}

/** The report's algorithm table: a row per mention, with its line and the text as written. */
function cryptographyReport(source: ReportSource): CryptographyReport {
  const cryptography = source.cryptography!;
  return {
    profile: cryptography.profile,
    mentions: cryptography.mentions.map((mention) => ({
      line: source.lines.positionAt(mention.span.start).line + 1,
      text: quote(source, mention.span),
      algorithm: mention.algorithm,
      parameter: mention.parameter,
      use: mention.use,
      stance: mention.stance,
      status: mention.status,
      ...(mention.until ? { until: mention.until } : {}),
      source: mention.source,
    })),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/**
 * The status of a guideline for a policy set. A document-level guideline (approval, ownership, review,
 * communication) must hold for every document; a content guideline is met when some document meets it.
 */
export function setStatus(ref: GuidelineRef, statuses: RequirementStatus[]): RequirementStatus {
  const judged = statuses.filter((status) => status !== 'not-applicable');
  if (judged.length === 0) return 'not-applicable';
  const assessed = judged.filter((status) => status !== 'not-assessed');
  if (assessed.length === 0) return 'not-assessed';
  if (DEFINITIONS[refKey(ref)]?.perDocument) {
    if (judged.every((status) => status === 'met')) return 'met';
    if (assessed.every((status) => status === 'not-met')) return 'not-met';
    return 'partial';
  }
  if (assessed.includes('met')) return 'met';
  if (assessed.includes('partial')) return 'partial';
  return 'not-met';
}

export function buildComplianceReport(inputs: ComplianceInput[], options: ComplianceOptions): ComplianceReport {
  const catalogOf = (input: ComplianceInput) => options.catalogFor?.(input) ?? builtinCatalog();
  const documents = inputs.filter((input) => input.result.isPolicy).map((input) => documentReport(input, catalogOf(input)));
  return composeComplianceReport(documents, inputs[0] ? catalogOf(inputs[0]) : undefined, options);
}

/** The report of a set from its documents' reports (the CLI keeps only these per file); `catalog`: the first file's. */
export function composeComplianceReport(documents: DocumentReport[], catalog: Catalog | undefined, options: Pick<ComplianceOptions, 'today' | 'version'>): ComplianceReport {
  const byGuideline = new Map<string, { ref: GuidelineRef; title?: string; documents: { file: string; status: RequirementStatus }[] }>();
  for (const document of documents) {
    for (const requirement of document.requirements) {
      const key = requirement.guideline;
      const entry = byGuideline.get(key) ?? { ref: { control: requirement.control, kind: requirement.kind, number: requirement.number }, title: requirement.title, documents: [] };
      entry.documents.push({ file: document.file, status: requirement.status });
      byGuideline.set(key, entry);
    }
  }
  const requirements: SetRequirement[] = [...byGuideline.entries()].map(([guideline, entry]) => ({
    guideline, control: entry.ref.control, kind: entry.ref.kind, number: entry.ref.number, ...optional('title', entry.title),
    status: setStatus(entry.ref, entry.documents.map((document) => document.status)), documents: entry.documents,
  }));
  const caiq = catalog ? caiqAnswers((ref) => requirements.find((requirement) => requirement.guideline === formatGuidelineRef(ref))?.status, catalog) : [];
  return { tool: { name: 'cek-policy', version: options.version }, today: options.today, documents, set: { requirements, caiq } };
}
