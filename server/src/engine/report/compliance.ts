import { builtinCatalog, formatGuidelineRef, type Catalog, type GuidelineRef } from '../config/catalog';
import type { CheckResult } from '../engine';
import { scalarText } from '../model/model';
import { DEFINITIONS, refKey } from '../requirements/definitions';
import type { Evidence, RequirementResult, RequirementStatus } from '../requirements/types';
import { isSetEvidence, type PolicySetSummary } from '../sets/policySet';
import type { ActorInference } from '../evidence/actor';
import type { PolicyFormat } from '../parse/document';
import type { LineIndex } from '../parse/text';
import type { Span } from '../types';
import { caiqAnswers, controlCaiqAnswers, controlSummary, tally } from './summary';
import { cryptographySource, type CryptographySource } from '../crypto/report';
import type { ComplianceReport, ControlTally, CryptographyReport, DocumentReport, ReportEvidence, RequirementReport, SetControl, SetRequirement } from './types';
import type { ControlResult } from '../requirements/domain';
import { DOMAIN_CONTROL_IDS } from '../packs/registry';

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
  /** Every judged control's status (CEK-01..CEK-21 and user catalogs' judged controls). */
  controls?: (Omit<ControlResult, 'requirements'> & { requirements: (Pick<RequirementResult, 'ref' | 'status' | 'evidence' | 'findings' | 'reason'> & { elements?: Pick<RequirementResult['elements'][number], 'id' | 'label' | 'met'>[] })[] })[];
  /** Undefined when the document could not be read as a policy. */
  actor?: ActorInference;
  id?: string;
  title?: string;
  /** The policy set, when references were resolved. */
  set?: PolicySetSummary;
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
    controls: result.controls,
    actor: policy?.actor,
    id: scalarText(policy?.field('id')) ?? policy?.meta.id?.value,
    title: scalarText(policy?.field('title')) ?? document.markdown?.sections[0]?.heading,
    ...(result.set ? { set: result.set } : {}),
    ...(result.cryptography ? { cryptography: cryptographySource(result.cryptography) } : {}),
  };
}

function quote(source: ReportSource, span: Span): string {
  const text = source.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text;
}

function evidenceOf(source: ReportSource, span: Span, matched?: string, evidence?: Evidence): ReportEvidence {
  const why = evidence?.why ? { why: evidence.why } : {};
  // Evidence from another document of the set carries its own file, line and quote.
  if (evidence && isSetEvidence(evidence)) return { line: evidence.line, text: evidence.quote, ...(matched ? { matched } : {}), ...why, file: evidence.file };
  return { line: source.lines.positionAt(span.start).line + 1, text: quote(source, span), ...(matched ? { matched } : {}), ...why };
}

/** One document's requirement statuses, CAIQ answers and actor, as the report schema has them. */
export function documentReport(input: ComplianceInput, catalog: Catalog): DocumentReport {
  return reportOf(input.path, reportSource(input.result), catalog);
}

/** The same from the parts of a check result (`file`: the path or URI shown for the document). */
export function reportOf(file: string, source: ReportSource, catalog: Catalog): DocumentReport {
  const { actor } = source;
  const requirements: RequirementReport[] = source.requirements.map((requirement) => requirementReport(source, requirement, catalog));
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
    controls: controlTallies(source, catalog),
    caiq: [...caiqAnswers((ref) => source.requirements.find((requirement) => refKey(requirement.ref) === refKey(ref))?.status, catalog), ...controlCaiqAnswers(source.controls ?? [], catalog)],
    ...(source.set ? setOf(source, source.set) : {}),
  };
}

function setOf(source: ReportSource, set: PolicySetSummary): Pick<DocumentReport, 'references' | 'members'> {
  return {
    references: set.references.map((reference) => ({ kind: reference.kind, target: reference.target, line: source.lines.positionAt(reference.span.start).line + 1, ...optional('resolved', reference.resolved) })),
    members: set.members.map((member) => ({ file: member.name, policy: member.isPolicy, requirements: member.perDocument.map(({ ref, status }) => ({ guideline: formatGuidelineRef(ref), status })) })),
  };
}

/**
 * Per control: CEK-01/02's guideline tallies, and every judged control's status, evidence and (for packs) its
 * requirements, with the control text's origin: CSA's from the user's catalog, or our summary, marked as such.
 */
function controlTallies(source: ReportSource, catalog: Catalog): ControlTally[] {
  const tallies: ControlTally[] = controlSummary(source.requirements, catalog);
  for (const result of source.controls ?? []) {
    let entry = tallies.find((candidate) => candidate.control === result.control);
    if (!entry) {
      entry = { control: result.control, title: result.title, auditing: tally([]), all: tally(result.requirements.map((requirement) => requirement.status)) };
      tallies.push(entry);
    }
    const control = catalog.get(result.control);
    entry.status = result.status;
    entry.basis = result.basis;
    entry.reason = result.reason;
    entry.evidence = result.evidence.map((evidence) => evidenceOf(source, evidence.span, evidence.matched, evidence));
    if (result.basis !== 'guidelines') entry.requirements = result.requirements.map((requirement) => requirementReport(source, requirement, catalog));
    if (control) entry.text = { source: control.summaryOnly ? 'summary' : 'catalog', ...optional('framework', control.framework), ...optional('edition', control.edition), specification: control.specification };
  }
  const order = (id: string) => { const index = DOMAIN_CONTROL_IDS.indexOf(id); return index < 0 ? DOMAIN_CONTROL_IDS.length : index; };
  return tallies.sort((a, b) => order(a.control) - order(b.control));
}

function requirementReport(source: ReportSource, requirement: ReportSource['requirements'][number] & { elements?: { id: string; label: string; met: boolean }[] }, catalog: Catalog): RequirementReport {
  const { lines } = source;
  const guideline = catalog.guideline(requirement.ref);
  return {
    guideline: formatGuidelineRef(requirement.ref),
    control: requirement.ref.control,
    kind: requirement.ref.kind,
    number: requirement.ref.number,
    ...(guideline?.title ? { title: guideline.title } : {}),
    ...(guideline?.text ? { text: guideline.text } : {}),
    status: requirement.status,
    evidence: requirement.evidence.map((evidence) => evidenceOf(source, evidence.span, evidence.matched, evidence)),
    findings: [...new Set(requirement.findings.map((finding) => finding.rule))],
    gaps: requirement.findings.map((finding) => {
      const start = lines.positionAt(finding.span.start);
      return { rule: finding.rule, severity: finding.severity, line: start.line + 1, column: start.character + 1, message: finding.message };
    }),
    reason: requirement.reason,
    ...(requirement.ref.kind === 'requirement' && requirement.elements?.length ? { elements: requirement.elements.map(({ id, label, met }) => ({ id, label, met })) } : {}),
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
  // Documents the policies refer to are part of the set: what must hold for every document must hold for them too.
  const reported = new Set(documents.map((document) => document.file));
  for (const document of documents) {
    for (const member of document.members ?? []) {
      if (reported.has(member.file)) continue;
      reported.add(member.file);
      for (const requirement of member.requirements) byGuideline.get(requirement.guideline)?.documents.push({ file: member.file, status: requirement.status });
    }
  }
  const requirements: SetRequirement[] = [...byGuideline.entries()].map(([guideline, entry]) => ({
    guideline, control: entry.ref.control, kind: entry.ref.kind, number: entry.ref.number, ...optional('title', entry.title),
    status: setStatus(entry.ref, entry.documents.map((document) => document.status)), documents: entry.documents,
  }));
  const controls = setControls(documents, requirements);
  const caiq = catalog ? [...caiqAnswers((ref) => requirements.find((requirement) => requirement.guideline === formatGuidelineRef(ref))?.status, catalog), ...controlCaiqAnswers(controls, catalog)] : [];
  return { tool: { name: 'cek-policy', version: options.version }, today: options.today, documents, set: { requirements, controls, caiq } };
}

/**
 * Each judged control for the set: CEK-01/02 from the set's guideline statuses; a pack's control is met when some
 * document of the set establishes it, partial when some establishes part of it (content, as content guidelines are).
 */
function setControls(documents: DocumentReport[], requirements: SetRequirement[]): SetControl[] {
  const byControl = new Map<string, SetControl>();
  for (const document of documents) {
    for (const control of document.controls) {
      if (!control.status) continue;
      const entry = byControl.get(control.control) ?? { control: control.control, ...optional('title', control.title), status: 'not-assessed', documents: [] };
      entry.documents.push({ file: document.file, status: control.status });
      byControl.set(control.control, entry);
    }
  }
  for (const entry of byControl.values()) {
    const own = requirements.filter((requirement) => requirement.control === entry.control && requirement.kind !== 'requirement');
    const statuses = own.length > 0 ? own.map((requirement) => requirement.status) : entry.documents.map((document) => document.status);
    entry.status = own.length > 0 ? combineStatuses(statuses) : setStatus({ control: entry.control, kind: 'requirement', number: 1 }, statuses);
    if (own.length === 0 && entry.status !== 'met' && entry.status !== 'not-applicable' && elementsAcross(documents, entry.control)) entry.status = 'met';
  }
  return [...byControl.values()];
}

/**
 * A pack's control is met for the set when, for each of its requirements, every element is established by some
 * document of the set (one document revokes on compromise, another when people leave).
 */
function elementsAcross(documents: DocumentReport[], control: string): boolean {
  const requirements = documents.flatMap((document) => document.controls.find((entry) => entry.control === control)?.requirements ?? []).filter((requirement) => requirement.status !== 'not-applicable');
  if (requirements.length === 0) return false;
  const numbers = [...new Set(requirements.map((requirement) => requirement.number))];
  return numbers.every((number) => {
    const same = requirements.filter((requirement) => requirement.number === number);
    const ids = new Set(same.flatMap((requirement) => (requirement.elements ?? []).map((element) => element.id)));
    const found = new Set(same.flatMap((requirement) => (requirement.elements ?? []).filter((element) => element.met).map((element) => element.id)));
    return ids.size > 0 && [...ids].every((id) => found.has(id));
  });
}

function combineStatuses(statuses: RequirementStatus[]): RequirementStatus {
  const judged = statuses.filter((status) => status !== 'not-applicable');
  if (judged.length === 0) return 'not-applicable';
  if (judged.every((status) => status === 'met')) return 'met';
  if (judged.every((status) => status === 'not-assessed')) return 'not-assessed';
  if (judged.every((status) => status === 'not-met' || status === 'not-assessed')) return 'not-met';
  return 'partial';
}
