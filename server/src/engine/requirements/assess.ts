import { formatGuidelineRef, type Catalog, type Control, type GuidelineKind, type GuidelineRef } from '../config/catalog';
import { textList } from '../model/model';
import type { Finding } from '../types';
import { DEFINITIONS, refKey } from './definitions';
import { judgeElement } from './elements';
import type { Applicability, ElementResult, EvidenceContext, RequirementResult, RequirementStatus } from './types';
import { DomainJudgement } from './domain';

/** Element results of one document, judged once each and shared by every guideline and rule that asks. */
export class Judgement {
  private readonly elements = new Map<string, ElementResult>();

  constructor(readonly context: EvidenceContext) {}

  private domainJudgement?: DomainJudgement;

  /** The control packs (CEK-03..CEK-21 and user catalogs'), judged on first use. */
  get domain(): DomainJudgement {
    return (this.domainJudgement ??= new DomainJudgement(this.context));
  }

  element(id: string): ElementResult {
    let result = this.elements.get(id);
    if (!result) {
      result = judgeElement(id, this.context);
      this.elements.set(id, result);
    }
    return result;
  }

  applicability(ref: GuidelineRef): Applicability {
    return DEFINITIONS[refKey(ref)]?.applies?.(this.context) ?? { status: 'applies' };
  }

  /** The elements of a guideline (empty when cek-policy has no evidence model for it). */
  elementsOf(ref: GuidelineRef): ElementResult[] {
    const definition = DEFINITIONS[refKey(ref)];
    return definition ? definition.elements(this.context).map((id) => this.element(id)) : [];
  }
}

const KINDS: [GuidelineKind, 'implementationGuidelines' | 'auditingGuidelines' | 'ccmAuditingGuidelines'][] = [
  ['implementation', 'implementationGuidelines'], ['auditing', 'auditingGuidelines'], ['ccm', 'ccmAuditingGuidelines'],
];

/** The controls a document is judged against: its `controls:` list (known ones), else CEK-01 and CEK-02. */
export function defaultControls(catalog: Catalog): Control[] {
  return ['CEK-01', 'CEK-02'].map((id) => catalog.get(id)).filter((control): control is Control => control !== undefined);
}

/** Every guideline not assessed, with the reason (a document that does not parse). */
export function notAssessed(catalog: Catalog, reason: string): RequirementResult[] {
  return guidelinesOf(defaultControls(catalog)).map((ref) => ({ ref, status: 'not-assessed', elements: [], evidence: [], findings: [], reason }));
}

export function claimedControls(context: EvidenceContext): Control[] {
  // A near miss (`CEK-2`) is what the author meant: unknown-control reports it, the guidelines are still judged.
  const claimed = textList(context.policy.field('controls'))
    .map((item) => context.catalog.resolve(item.value) ?? context.catalog.resolve(context.catalog.suggest(item.value) ?? ''))
    .filter((resolved) => resolved && !resolved.caiqId)
    .map((resolved) => resolved!.control);
  const unique = [...new Map(claimed.map((control) => [control.id, control])).values()];
  return unique.length > 0 ? unique : defaultControls(context.catalog);
}

export function guidelinesOf(controls: Control[]): GuidelineRef[] {
  return controls.flatMap((control) => KINDS.flatMap(([kind, field]) => control[field].map((guideline) => ({ control: control.id, kind, number: guideline.number }))));
}

function cites(finding: Finding, ref: GuidelineRef): boolean {
  return finding.guidelines.some((guideline) => guideline.control === ref.control && guideline.kind === ref.kind && guideline.number === ref.number);
}

/** Findings that block a guideline: open (not suppressed) errors and warnings that cite it. */
export function blockingFindings(findings: Finding[], ref: GuidelineRef): Finding[] {
  return findings.filter((finding) => !finding.suppression && !finding.advisory && finding.severity !== 'info' && cites(finding, ref));
}

/**
 * The status of every guideline of the claimed controls. Met needs every element met and no open finding
 * citing the guideline; partial is some of it; not-met is none. Applicability comes first: a guideline
 * that turns on the organisation's SSRM role is not applicable, or not assessed when the role is unknown.
 */
export function assessRequirements(judgement: Judgement, findings: Finding[], catalog: Catalog): RequirementResult[] {
  return guidelinesOf(claimedControls(judgement.context)).map((ref): RequirementResult => {
    const applicability = judgement.applicability(ref);
    const blocking = blockingFindings(findings, ref);
    if (applicability.status !== 'applies') return { ref, status: applicability.status, elements: [], evidence: [], findings: [], reason: applicability.reason };
    if (!DEFINITIONS[refKey(ref)]) {
      return { ref, status: 'not-assessed', elements: [], evidence: [], findings: blocking, reason: `cek-policy has no evidence model for ${formatGuidelineRef(ref)} (${catalog.get(ref.control)?.source ?? 'catalog'}); judge it by hand.` };
    }
    const elements = judgement.elementsOf(ref);
    const met = elements.filter((element) => element.met);
    const status: RequirementStatus = met.length === elements.length && blocking.length === 0 ? 'met' : met.length === 0 ? 'not-met' : 'partial';
    const evidence = elements.flatMap((element) => element.evidence).filter((item, index, all) => all.findIndex((other) => other.span.start === item.span.start && other.span.end === item.span.end) === index);
    return { ref, status, elements, evidence, findings: blocking, reason: reasonOf(status, elements, blocking) };
  });
}

function reasonOf(status: RequirementStatus, elements: ElementResult[], blocking: Finding[]): string {
  const met = elements.filter((element) => element.met).map((element) => element.label);
  const gaps = elements.filter((element) => !element.met).map((element) => element.gap ?? `no ${element.label}`);
  const open = [...new Set(blocking.map((finding) => finding.rule))];
  if (status === 'met') return `Established: ${met.join('; ')}.`;
  const parts: string[] = [];
  if (met.length > 0) parts.push(`Established: ${met.join('; ')}.`);
  if (gaps.length > 0) parts.push(`Missing: ${gaps.join('; ')}.`);
  if (open.length > 0) parts.push(`Open findings: ${open.join(', ')}.`);
  return parts.join(' ');
}
