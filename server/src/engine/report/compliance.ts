/**
 * Interim compliance report built from today's engine (rules and findings): a guideline is `not-met` when an
 * open error or warning finding cites it, otherwise `met` with the fields and sections that state it as evidence.
 * The requirement model of issue 8 replaces this file and keeps its signature and output shape
 * (`ComplianceReport`, `schemas/report.schema.json`).
 */
import { builtinCatalog, formatGuidelineRef, type Catalog, type GuidelineKind, type GuidelineRef } from '../config/catalog';
import type { CheckResult } from '../engine';
import { ACTOR_NAMES, isActor } from '../model/duties';
import { scalarText, type MetaKey, type PolicyModel, type SectionKey } from '../model/model';
import type { PNode } from '../parse/yamlModel';
import type { Finding, Span } from '../types';
import type {
  ActorCode, ActorReport, CaiqAnswerText, CaiqReport, ComplianceReport, ControlTally, DocumentReport, ReportEvidence,
  RequirementReport, RequirementStatus, SetRequirement, StatusTally,
} from './types';

/** One checked file: `path` as the reader should see it (relative path, or the URI in the editor). */
export interface ComplianceInput {
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

const REPORTED_CONTROLS = ['CEK-01', 'CEK-02'];
const KINDS: GuidelineKind[] = ['implementation', 'auditing', 'ccm'];
const KIND_FIELD = { implementation: 'implementationGuidelines', auditing: 'auditingGuidelines', ccm: 'ccmAuditingGuidelines' } as const;

/** Guidelines whose demands depend on the SSRM actor (BYOK, tenant isolation, AI workloads, coordination). */
const ACTOR_DEPENDENT = new Set(['CEK-01 auditing 8', 'CEK-02 auditing 2', 'CEK-02 auditing 4', 'CEK-02 auditing 10']);

/** Guidelines every document of a set must meet (governance of the document itself); the rest are content
 * that one document of the set may carry for all. */
const DOCUMENT_LEVEL = new Set(['CEK-01 auditing 2', 'CEK-01 auditing 3', 'CEK-01 ccm 1', 'CEK-01 ccm 2', 'CEK-02 implementation 2', 'CEK-02 implementation 3', 'CEK-02 implementation 6']);

interface EvidenceSource {
  matched: string;
  field?: string;
  section?: SectionKey;
  meta?: MetaKey;
  roles?: true;
}

const IDENTITY: EvidenceSource[] = [{ field: 'id', matched: 'policy identifier' }, { field: 'title', matched: 'policy title' }, { field: 'version', matched: 'policy version' }];
const OWNER: EvidenceSource[] = [{ field: 'owner', matched: 'policy owner' }, { meta: 'owner', matched: 'policy owner' }, { section: 'owner', matched: 'policy owner' }];
const APPROVAL: EvidenceSource[] = [{ field: 'approval', matched: 'formal approval' }, { meta: 'approvedBy', matched: 'approver' }, { meta: 'approvalDate', matched: 'approval date' }, { section: 'approval', matched: 'formal approval' }];
const REVIEW: EvidenceSource[] = [{ field: 'review', matched: 'review schedule' }, { meta: 'lastReviewed', matched: 'last review' }, { meta: 'nextReview', matched: 'next review' }, { meta: 'reviewCadence', matched: 'review cadence' }, { section: 'review', matched: 'review schedule' }];
const COMMUNICATION: EvidenceSource[] = [{ field: 'communication', matched: 'policy communication' }, { section: 'communication', matched: 'policy communication' }];
const SCOPE: EvidenceSource[] = [{ field: 'scope', matched: 'scope' }, { section: 'scope', matched: 'scope' }];
const ENFORCEMENT: EvidenceSource[] = [{ field: 'enforcement', matched: 'technical enforcement' }, { section: 'enforcement', matched: 'technical enforcement' }];
const MONITORING: EvidenceSource[] = [{ field: 'monitoring', matched: 'compliance monitoring' }, { section: 'monitoring', matched: 'compliance monitoring' }];
const TRAINING: EvidenceSource[] = [{ field: 'training', matched: 'training programme' }, { section: 'training', matched: 'training programme' }];
const BYOK: EvidenceSource[] = [{ field: 'byok', matched: 'BYOK/HYOK stance' }, { section: 'byok', matched: 'BYOK/HYOK stance' }];
const COORDINATION: EvidenceSource[] = [{ field: 'coordination', matched: 'upstream and downstream coordination' }, { section: 'coordination', matched: 'upstream and downstream coordination' }];
const ROLES: EvidenceSource[] = [{ roles: true, matched: 'role assignment' }];
const GOVERNANCE: EvidenceSource[] = [{ field: 'governance', matched: 'governance of role assignment' }, { section: 'governance', matched: 'governance of role assignment' }];
const SEGREGATION: EvidenceSource[] = [{ field: 'segregation', matched: 'segregation of duties' }];

/** Where the interim report looks for each guideline's evidence: the fields and sections its rules read. */
const EVIDENCE_SOURCES: Record<string, EvidenceSource[]> = {
  'CEK-01 auditing 1': [...IDENTITY, ...SCOPE],
  'CEK-01 auditing 2': [...OWNER, ...APPROVAL, ...REVIEW],
  'CEK-01 auditing 3': COMMUNICATION,
  'CEK-01 auditing 4': ENFORCEMENT,
  'CEK-01 auditing 5': ROLES,
  'CEK-01 auditing 6': TRAINING,
  'CEK-01 auditing 7': MONITORING,
  'CEK-01 auditing 8': [...BYOK, ...COORDINATION],
  'CEK-01 ccm 1': APPROVAL,
  'CEK-01 ccm 2': REVIEW,
  'CEK-02 implementation 1': IDENTITY,
  'CEK-02 implementation 2': APPROVAL,
  'CEK-02 implementation 3': COMMUNICATION,
  'CEK-02 implementation 4': [...ENFORCEMENT, ...SCOPE],
  'CEK-02 implementation 5': MONITORING,
  'CEK-02 implementation 6': REVIEW,
  'CEK-02 auditing 1': ROLES,
  'CEK-02 auditing 2': ROLES,
  'CEK-02 auditing 3': ROLES,
  'CEK-02 auditing 4': BYOK,
  'CEK-02 auditing 5': [...SEGREGATION, ...ROLES],
  'CEK-02 auditing 6': TRAINING,
  'CEK-02 auditing 7': ROLES,
  'CEK-02 auditing 8': GOVERNANCE,
  'CEK-02 auditing 9': ROLES,
  'CEK-02 auditing 10': COORDINATION,
  'CEK-02 ccm 1': ROLES,
  'CEK-02 ccm 2': [...COMMUNICATION, ...TRAINING],
};

/** Which guidelines answer each AI-CAIQ question. */
const CAIQ_GUIDELINES: Record<string, string[]> = {
  'CEK-01.1': [...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `CEK-01 auditing ${n}`), 'CEK-01 ccm 1'],
  'CEK-01.2': ['CEK-01 ccm 2', 'CEK-02 implementation 6'],
  'CEK-02.1': [...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `CEK-02 auditing ${n}`), 'CEK-02 ccm 1', 'CEK-02 ccm 2'],
};

export const CAIQ_BASIS = 'Yes when every applicable guideline listed is met; No when none of them is met or partially met and at least one is not met; Not assessed when none can be judged; Partial otherwise. Not-applicable guidelines are left out.';

export function buildComplianceReport(results: ComplianceInput[], options: ComplianceOptions): ComplianceReport {
  const documents = results.filter((input) => input.result.isPolicy).map((input) => documentReport(input, options.catalogFor?.(input) ?? builtinCatalog()));
  const setRequirements = setRequirementsOf(documents);
  const catalog = results[0] && options.catalogFor ? options.catalogFor(results[0]) : builtinCatalog();
  return {
    tool: { name: 'cek-policy', version: options.version },
    today: options.today,
    documents,
    set: { requirements: setRequirements, caiq: caiqOf(setRequirements, catalog) },
  };
}

function documentReport(input: ComplianceInput, catalog: Catalog): DocumentReport {
  const { result } = input;
  const policy = result.policy;
  const actor = actorOf(result);
  const requirements: RequirementReport[] = [];
  for (const controlId of REPORTED_CONTROLS) {
    const control = catalog.get(controlId);
    if (!control) continue;
    for (const kind of KINDS) {
      for (const guideline of control[KIND_FIELD[kind]]) {
        requirements.push(requirementOf(result, { control: control.id, kind, number: guideline.number }, guideline.title, guideline.text, actor));
      }
    }
  }
  return {
    file: input.path,
    ...optional('id', scalarText(policy?.field('id'))),
    ...optional('title', scalarText(policy?.field('title')) ?? result.document.markdown?.sections[0]?.heading),
    format: result.document.format,
    actor,
    requirements,
    controls: REPORTED_CONTROLS.filter((id) => catalog.get(id)).map((id): ControlTally => ({
      control: id,
      ...optional('title', catalog.get(id)?.title),
      auditing: tally(requirements.filter((requirement) => requirement.control === id && requirement.kind === 'auditing')),
      all: tally(requirements.filter((requirement) => requirement.control === id)),
    })),
    caiq: caiqOf(requirements, catalog),
  };
}

function requirementOf(result: CheckResult, ref: GuidelineRef, title: string | undefined, text: string, actor: ActorReport): RequirementReport {
  const key = `${ref.control} ${ref.kind} ${ref.number}`;
  const identity = { guideline: formatGuidelineRef(ref), control: ref.control, kind: ref.kind, number: ref.number, ...optional('title', title), text };
  const blocking = result.findings.filter((finding) => !finding.suppression && finding.severity !== 'info' && cites(finding, ref));
  const gaps = blocking.map((finding) => {
    const position = result.document.lines.positionAt(finding.span.start);
    return { rule: finding.rule, severity: finding.severity, line: position.line + 1, column: position.character + 1, message: finding.message };
  });
  const findings = [...new Set(blocking.map((finding) => finding.rule))];
  if (!result.policy) {
    return { ...identity, status: 'not-assessed', evidence: [], findings, gaps, reason: 'The document could not be parsed, so nothing in it can be judged; fix the parse errors first.' };
  }
  if (blocking.length > 0) {
    return { ...identity, status: 'not-met', evidence: evidenceOf(result, key), findings, gaps, reason: `Open findings block this guideline: ${findings.join(', ')}.` };
  }
  const checks = result.rulesRun.filter((rule) => rule.guidelines.some((guideline) => sameGuideline(guideline, ref)));
  if (checks.length === 0) {
    return { ...identity, status: 'not-assessed', evidence: [], findings, gaps, reason: 'No check of this guideline ran on this document (its rules are turned off or do not read this format).' };
  }
  if (ACTOR_DEPENDENT.has(key) && actor.basis === 'unknown') {
    return { ...identity, status: 'not-assessed', evidence: evidenceOf(result, key), findings, gaps, reason: 'What this guideline asks depends on the SSRM actor; declare `actor:` (or set it in .cekpolicy.yaml) to assess it.' };
  }
  return { ...identity, status: 'met', evidence: evidenceOf(result, key), findings, gaps, reason: `No open error or warning finding cites this guideline (checked by ${checks.map((rule) => rule.id).join(', ')}).` };
}

function cites(finding: Finding, ref: GuidelineRef): boolean {
  return finding.guidelines.some((guideline) => sameGuideline(guideline, ref));
}

function sameGuideline(a: GuidelineRef, b: GuidelineRef): boolean {
  return a.control === b.control && a.kind === b.kind && a.number === b.number;
}

function actorOf(result: CheckResult): ActorReport {
  const policy = result.policy;
  const codes = (policy?.actorCodes ?? []).filter(isActor) as ActorCode[];
  const names = codes.map((code) => `${code} (${ACTOR_NAMES[code]})`).join(', ');
  const declared = policy?.entry('actor');
  if (policy && declared && codes.length > 0) {
    return { codes, basis: 'declared', summary: `The document declares its SSRM role: ${names}.`, evidence: [quote(result, { start: declared.keySpan.start, end: declared.value.span.end }, 'declared actor')] };
  }
  if (codes.length > 0) return { codes, basis: 'config', summary: `The document does not declare its SSRM role; the configuration sets ${names}.`, evidence: [] };
  return { codes: [], basis: 'unknown', summary: 'The document does not declare its SSRM role (`actor:`) and no configuration sets one; actor-dependent guidelines are not assessed.', evidence: [] };
}

function evidenceOf(result: CheckResult, key: string): ReportEvidence[] {
  const policy = result.policy;
  if (!policy) return [];
  const evidence: ReportEvidence[] = [];
  const seen = new Set<string>();
  const add = (item: ReportEvidence) => {
    const id = `${item.line}:${item.text}`;
    if (!seen.has(id)) {
      seen.add(id);
      evidence.push(item);
    }
  };
  for (const source of EVIDENCE_SOURCES[key] ?? []) {
    for (const span of sourceSpans(policy, source)) add(quote(result, span, source.matched));
  }
  return evidence;
}

function sourceSpans(policy: PolicyModel, source: EvidenceSource): Span[] {
  if (source.field) {
    const entry = policy.entry(source.field);
    return entry && isStated(entry.value) ? [{ start: entry.keySpan.start, end: entry.value.span.end }] : [];
  }
  if (source.meta) {
    const meta = policy.meta[source.meta];
    return meta ? [meta.span] : [];
  }
  if (source.section) {
    const section = policy.filledSection(source.section);
    return section ? [section.span] : [];
  }
  return policy.roles.filter((role) => role.assignee || role.responsibilities.length > 0).map((role) => role.span);
}

function isStated(node: PNode): boolean {
  return node.kind !== 'scalar' || node.value !== null;
}

/** The source text of a span on its first line's number, whitespace collapsed, at most 200 characters. */
function quote(result: CheckResult, span: Span, matched: string): ReportEvidence {
  const text = result.document.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  return { line: result.document.lines.positionAt(span.start).line + 1, text: text.length > 200 ? `${text.slice(0, 199)}…` : text, matched };
}

function tally(requirements: { status: RequirementStatus }[]): StatusTally {
  const count = (status: RequirementStatus) => requirements.filter((requirement) => requirement.status === status).length;
  const notApplicable = count('not-applicable');
  return { met: count('met'), partial: count('partial'), notMet: count('not-met'), notApplicable, notAssessed: count('not-assessed'), applicable: requirements.length - notApplicable };
}

function caiqOf(requirements: { guideline: string; control: string; kind: GuidelineKind; number: number; status: RequirementStatus }[], catalog: Catalog): CaiqReport[] {
  const byKey = new Map(requirements.map((requirement) => [`${requirement.control} ${requirement.kind} ${requirement.number}`, requirement]));
  return Object.entries(CAIQ_GUIDELINES).flatMap(([id, keys]) => {
    const question = catalog.caiq(id)?.question;
    if (!question) return [];
    const listed = keys.map((key) => byKey.get(key)).filter((requirement) => requirement !== undefined);
    return [{ id, question, answer: caiqAnswer(listed.map((requirement) => requirement.status)), basis: CAIQ_BASIS, requirements: listed.map(({ guideline, status }) => ({ guideline, status })) }];
  });
}

function caiqAnswer(statuses: RequirementStatus[]): CaiqAnswerText {
  const applicable = statuses.filter((status) => status !== 'not-applicable');
  if (applicable.length > 0 && applicable.every((status) => status === 'met')) return 'Yes';
  if (applicable.some((status) => status === 'met' || status === 'partial')) return 'Partial';
  return applicable.includes('not-met') ? 'No' : 'Not assessed';
}

/** A document-level guideline holds for the set when it holds for every document; a content guideline when one
 * document carries it. */
function setRequirementsOf(documents: DocumentReport[]): SetRequirement[] {
  const order: string[] = [];
  const byKey = new Map<string, { requirement: RequirementReport; documents: { file: string; status: RequirementStatus }[] }>();
  for (const document of documents) {
    for (const requirement of document.requirements) {
      const key = `${requirement.control} ${requirement.kind} ${requirement.number}`;
      let entry = byKey.get(key);
      if (!entry) {
        entry = { requirement, documents: [] };
        byKey.set(key, entry);
        order.push(key);
      }
      entry.documents.push({ file: document.file, status: requirement.status });
    }
  }
  return order.map((key) => {
    const { requirement, documents: perDocument } = byKey.get(key)!;
    const statuses = perDocument.map((entry) => entry.status);
    const status = DOCUMENT_LEVEL.has(key) ? everyDocument(statuses) : someDocument(statuses);
    return { guideline: requirement.guideline, control: requirement.control, kind: requirement.kind, number: requirement.number, ...optional('title', requirement.title), status, documents: perDocument };
  });
}

function everyDocument(statuses: RequirementStatus[]): RequirementStatus {
  const applicable = statuses.filter((status) => status !== 'not-applicable');
  if (applicable.length === 0) return 'not-applicable';
  if (applicable.every((status) => status === 'met')) return 'met';
  if (applicable.some((status) => status === 'met' || status === 'partial')) return 'partial';
  return applicable.includes('not-met') ? 'not-met' : 'not-assessed';
}

function someDocument(statuses: RequirementStatus[]): RequirementStatus {
  for (const status of ['met', 'partial', 'not-met', 'not-assessed'] as const) if (statuses.includes(status)) return status;
  return 'not-applicable';
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

