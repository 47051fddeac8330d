import type { GuidelineRef } from '../config/catalog';
import { detectPolicy } from '../detect/detectPolicy';
import { PolicyModel } from '../model/model';
import { parsePolicyDocument, type PolicyDocument } from '../parse/document';
import { blockingFindings, claimedControls, guidelinesOf, Judgement } from '../requirements/assess';
import { DEFINITIONS, refKey } from '../requirements/definitions';
import { ELEMENTS } from '../requirements/elements';
import type { ElementResult, Evidence, EvidenceContext, RequirementResult, RequirementStatus } from '../requirements/types';
import type { Finding, Span } from '../types';
import { findReferences, type Reference, type ReferenceKind } from './references';

/** A document a reference resolved to, as the edge read it (the engine never touches the file system). */
export interface LoadedDocument {
  /** The path the edge read (absolute): what the set is keyed on, and what the editor watches. */
  fileName: string;
  /** The name shown for it: a path relative to the working directory (CLI) or a URI (editor). */
  name: string;
  text: string;
}

/**
 * How references are resolved, given by the CLI and the editor: a relative link against the referring file (inside
 * the project), an id or a title against the documents of the project. Undefined: nothing of that name.
 */
export interface SetLoader {
  resolve(reference: { kind: ReferenceKind; target: string }, from: string): LoadedDocument | undefined;
}

/** Bounds of a set, whatever the project holds: documents, depth of references followed, characters read. */
export const MAX_SET_MEMBERS = 12;
export const MAX_SET_DEPTH = 3;
export const MAX_SET_CHARS = 4_000_000;
/** And at most this many look-ups (each may read a file of up to the policy size limit) per check. */
export const MAX_SET_LOOKUPS = 100;

/** A document of the set other than the policy checked. */
export interface SetMember {
  fileName: string;
  name: string;
  document: PolicyDocument;
  judgement: Judgement;
  /** It is a CEK policy itself (marker or content); otherwise it is part of the set without being judged as one. */
  isPolicy: boolean;
  /** The reference, in the policy checked, through which it was reached (directly or through other members). */
  via: Reference;
  depth: number;
}

export interface ResolvedReference extends Reference {
  /** The member it resolved to (by name), when it did. */
  resolved?: string;
}

export interface PolicySet {
  /** The references written in the policy checked, each with what it resolved to. */
  references: ResolvedReference[];
  /** Cued references and links that resolved to nothing: `reference-unresolved` reports them. */
  unresolved: Reference[];
  members: SetMember[];
  /** Why the set stopped growing, when a bound was reached. */
  truncated?: string;
}

/**
 * The policy set of a document: the documents its references resolve to, and theirs in turn (breadth first, up to
 * MAX_SET_DEPTH levels and MAX_SET_MEMBERS documents, cycles skipped by path). Each member is parsed and read for
 * evidence with the same configuration; no rule runs on it.
 */
export function buildPolicySet(root: EvidenceContext, loader: SetLoader): PolicySet {
  const references: ResolvedReference[] = findReferences(root.doc, root.policy, root.catalog).map((reference) => ({ ...reference }));
  const set: PolicySet = { references, unresolved: [], members: [] };
  const visited = new Set<string>([root.doc.fileName]);
  let chars = 0;
  let lookups = 0;
  const queue: { from: string; reference: Reference; via: ResolvedReference; depth: number }[] = references.map((reference) => ({ from: root.doc.fileName, reference, via: reference, depth: 1 }));
  while (queue.length > 0) {
    const { from, reference, via, depth } = queue.shift()!;
    // A full set reads nothing more; the policy's own references are still resolved (one that resolves to nothing is reported).
    if (depth > 1 && set.members.length >= MAX_SET_MEMBERS) continue;
    if (++lookups > MAX_SET_LOOKUPS) {
      set.truncated ??= `references beyond the first ${MAX_SET_LOOKUPS} were not looked up`;
      break;
    }
    const loaded = loader.resolve({ kind: reference.kind, target: reference.target }, from);
    if (!loaded) {
      if (depth === 1 && reference.cued) set.unresolved.push(reference);
      continue;
    }
    if (depth === 1) via.resolved = loaded.name;
    if (visited.has(loaded.fileName)) continue;
    if (set.members.length >= MAX_SET_MEMBERS || chars + loaded.text.length > MAX_SET_CHARS) {
      set.truncated ??= `the set was limited to ${set.members.length} documents and ${Math.round(chars / 1000)}k characters`;
      continue;
    }
    visited.add(loaded.fileName);
    chars += loaded.text.length;
    const document = parsePolicyDocument(loaded.text, loaded.fileName);
    const policy = new PolicyModel(document, root.config.actor);
    const context: EvidenceContext = { doc: document, policy, config: root.config, catalog: root.catalog, today: root.today };
    set.members.push({ fileName: loaded.fileName, name: loaded.name, document, judgement: new Judgement(context), isPolicy: detectPolicy(document).isPolicy, via, depth });
    if (depth < MAX_SET_DEPTH) {
      for (const next of findReferences(document, policy, root.catalog)) queue.push({ from: loaded.fileName, reference: next, via, depth: depth + 1 });
    }
  }
  return set;
}

/** Evidence found in another document of the set: its span is the reference in the policy checked; `file` and `line` say where it is. */
export interface SetEvidence extends Evidence {
  file: string;
  /** 1-based line in `file`. */
  line: number;
  /** The quoted text (whitespace collapsed). */
  quote: string;
}

export function isSetEvidence(evidence: Evidence): evidence is SetEvidence {
  return typeof (evidence as Partial<SetEvidence>).file === 'string';
}

const MAX_QUOTE = 200;
const MAX_EVIDENCE = 3;

function quoteOf(document: PolicyDocument, span: Span): string {
  const text = document.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text;
}

/** Where a content guideline's elements are met across the set: the element as judged on the policy, or on the first member that meets it. */
class SetJudge {
  private readonly elements = new Map<string, ElementResult & { member?: SetMember }>();

  constructor(private readonly judgement: Judgement, private readonly set: PolicySet) {}

  element(id: string): ElementResult & { member?: SetMember } {
    let result = this.elements.get(id);
    if (result) return result;
    const own = this.judgement.element(id);
    result = own;
    if (!own.met) {
      for (const member of this.set.members) {
        const theirs = member.judgement.element(id);
        if (!theirs.met) continue;
        const evidence: SetEvidence[] = theirs.evidence.slice(0, MAX_EVIDENCE).map((item) => ({
          span: member.via.span, matched: item.matched, why: `${item.why ? `${item.why}, ` : ''}in ${member.name}, which the policy refers to`, file: member.name, line: member.document.lines.positionAt(item.span.start).line + 1, quote: quoteOf(member.document, item.span),
        }));
        if (evidence.length === 0) evidence.push({ span: member.via.span, matched: theirs.label, why: `${member.name}, which the policy refers to, establishes it`, file: member.name, line: 1, quote: member.via.target });
        result = { ...theirs, id: own.id, label: own.label, evidence, member };
        break;
      }
    }
    this.elements.set(id, result);
    return result;
  }

  /** A content guideline (not one that must hold per document) that applies: its elements as judged across the set. */
  contentElements(ref: GuidelineRef): (ElementResult & { member?: SetMember })[] | undefined {
    const definition = DEFINITIONS[refKey(ref)];
    if (!definition || definition.perDocument || this.judgement.applicability(ref).status !== 'applies') return undefined;
    return definition.elements(this.judgement.context).map((id) => this.element(id));
  }
}

/** The element ids a finding says are absent, when its data names them. */
function namedElements(finding: Finding): string[] {
  const data = finding.data ?? {};
  const ids = [...(Array.isArray(data.missing) ? data.missing : []), ...(typeof data.group === 'string' ? [data.group] : [])];
  return ids.filter((id): id is string => typeof id === 'string' && id in ELEMENTS);
}

/** Rules that report something absent (`monitoring-missing`, `byok-incomplete`, `duty-unassigned`): another document of the set can supply it. */
function reportsAbsence(finding: Finding): boolean {
  return finding.rule.endsWith('-missing') || finding.rule.endsWith('-incomplete') || finding.rule === 'duty-unassigned';
}

/**
 * The policy judged with its set: a finding that something is absent is answered when every guideline it cites is
 * met with the set's evidence (and one of them only thanks to another document); a content guideline is met when its
 * elements are met in some document; the guidelines that must hold for every document stay the policy's own.
 */
export function applyPolicySet(judgement: Judgement, set: PolicySet, findings: Finding[], requirements: RequirementResult[]): { findings: Finding[]; requirements: RequirementResult[] } {
  if (set.members.length === 0) return { findings, requirements };
  const judge = new SetJudge(judgement, set);
  const answered = (finding: Finding) => {
    if (finding.suppression || !reportsAbsence(finding) || finding.guidelines.length === 0) return false;
    // A finding that names what is absent (`data.missing`, `data.group`: element ids) is answered when the set supplies all of it.
    const named = namedElements(finding);
    if (named.length > 0) return named.every((id) => judge.element(id).met) && named.some((id) => judge.element(id).member !== undefined);
    // Otherwise: every guideline it cites gets from the set some of what the policy lacks, and none must hold per document.
    let throughSet = false;
    for (const ref of finding.guidelines) {
      const definition = DEFINITIONS[refKey(ref)];
      if (definition?.perDocument) return false;
      const elements = judge.contentElements(ref);
      if (!elements) continue;
      const lacking = elements.filter((element) => !judgement.element(element.id).met);
      if (lacking.length === 0) continue;
      if (!lacking.some((element) => element.member !== undefined)) return false;
      throughSet = true;
    }
    return throughSet;
  };
  const kept = findings.filter((finding) => !answered(finding));
  const merged = requirements.map((requirement): RequirementResult => {
    const elements = judge.contentElements(requirement.ref);
    if (!elements || !elements.some((element) => element.member)) return requirement;
    const blocking = blockingFindings(kept, requirement.ref);
    const met = elements.filter((element) => element.met);
    const status: RequirementStatus = met.length === elements.length && blocking.length === 0 ? 'met' : met.length === 0 ? 'not-met' : 'partial';
    const evidence = elements.flatMap((element) => element.evidence);
    const members = [...new Set(elements.filter((element) => element.member).map((element) => element.member!.name))];
    const gaps = elements.filter((element) => !element.met).map((element) => element.gap ?? `no ${element.label}`);
    const open = [...new Set(blocking.map((finding) => finding.rule))];
    const reason = [
      `Established across the policy set (${members.join(', ')}): ${met.map((element) => element.label).join('; ')}.`,
      ...(gaps.length > 0 ? [`Missing: ${gaps.join('; ')}.`] : []),
      ...(open.length > 0 ? [`Open findings: ${open.join(', ')}.`] : []),
    ].join(' ');
    return { ...requirement, status, elements: elements.map(({ member: _member, ...element }) => element), evidence, findings: blocking, reason };
  });
  return { findings: kept, requirements: merged };
}

/** What the check result keeps of the set: plain data (no documents, no models). */
export interface PolicySetSummary {
  /** The references that resolved, and those written as references that did not (an uncued id that names no document is none). */
  references: { kind: ReferenceKind; target: string; span: Span; cued: boolean; resolved?: string }[];
  /**
   * The result depends on other files of the project: some reference was looked up, resolved or not (a document
   * created later may declare an id the policy cites). The CLI does not cache it; the editor checks it again when files change.
   */
  dependsOnProject: boolean;
  members: { fileName: string; name: string; isPolicy: boolean; depth: number; via: string; perDocument: { ref: GuidelineRef; status: RequirementStatus }[] }[];
  truncated?: string;
}

/**
 * The summary of a set, with each member's status on the guidelines that must hold for every document (approval,
 * ownership, review, communication): the set report requires them of referenced documents too.
 */
export function summarizeSet(set: PolicySet, statuses = true): PolicySetSummary {
  return {
    references: set.references.filter((reference) => reference.cued || reference.resolved !== undefined).map(({ kind, target, span, cued, resolved }) => ({ kind, target, span, cued, ...(resolved !== undefined ? { resolved } : {}) })),
    dependsOnProject: set.references.length > 0,
    members: set.members.map((member) => ({
      fileName: member.fileName, name: member.name, isPolicy: member.isPolicy, depth: member.depth, via: member.via.target,
      perDocument: statuses ? perDocumentStatuses(member.judgement) : [],
    })),
    ...(set.truncated ? { truncated: set.truncated } : {}),
  };
}

/** A member's status on the guidelines that must hold for every document, judged on it alone (no rule runs on a member). */
function perDocumentStatuses(judgement: Judgement): { ref: GuidelineRef; status: RequirementStatus }[] {
  return guidelinesOf(claimedControls(judgement.context)).filter((ref) => DEFINITIONS[refKey(ref)]?.perDocument).map((ref) => {
    const applicability = judgement.applicability(ref);
    if (applicability.status !== 'applies') return { ref, status: applicability.status };
    const elements = judgement.elementsOf(ref);
    const met = elements.filter((element) => element.met).length;
    return { ref, status: met === elements.length ? 'met' : met === 0 ? 'not-met' : 'partial' };
  });
}

/** Releases the members' term tables once the check is done (the summary keeps only plain data). */
export function releaseSet(set: PolicySet): void {
  for (const member of set.members) member.judgement.context.policy.concepts.release();
}


