import { CRYPTO_ELEMENT_EVIDENCE } from '../crypto/elements';
import { isFilled, textList } from '../model/model';
import { lexiconFor, conceptKey, DOMAIN_CONTROL_IDS, builtinPacks } from '../packs/registry';
import { domainStatements, type DomainHit, type DomainReader } from '../packs/match';
import { saysWhy, termText } from '../evidence/concepts';
import type { ControlPack, PackElementSpec, PackRequirementSpec } from '../packs/types';
import { DEFINITIONS } from './definitions';
import type { Finding } from '../types';
import type { ElementResult, Evidence, EvidenceContext, RequirementResult, RequirementStatus } from './types';

/** One control judged on one document: its status, the requirements it is made of, and the evidence. */
export interface ControlResult {
  control: string;
  title: string;
  status: RequirementStatus;
  requirements: RequirementResult[];
  evidence: Evidence[];
  reason: string;
  /** `guidelines`: CEK-01/02, from their guidelines; `pack`: a built-in pack; `catalog`: a user catalog's definitions. */
  basis: 'guidelines' | 'pack' | 'catalog';
}

const MAX_EVIDENCE = 3;

/** Evidence a later stage supplies for an element, beyond the pack's concepts and fields. */
export type ElementEvidenceSource = (context: EvidenceContext) => { met: boolean; partial?: boolean; evidence: Evidence[]; gap?: string } | undefined;

/**
 * Extra evidence per element, keyed `CEK-NN:elementId`: where the cryptography registry (issue 25) will give its
 * judgement of the algorithms (CEK-04:approvedAlgorithms), generation (CEK-10:strength) and cryptoperiods
 * (CEK-12:interval). A source that answers decides the element; one that returns undefined leaves it to the text.
 */
// CEK-10's strength stays with the text: the registry's "named generation source" is looser than an auditor's
// (it lowered agreement on the development corpus from 11 to 10 of 12 firm cells); its rule reports the gap.
/** Why a statement was taken for a pack concept: its words, and the lead-in or heading that gave the rest. */
function hitWhy(hit: DomainHit): string {
  const said = saysWhy(hit.ranges.map((range) => termText(hit.statement.tokens, range.from, range.to)));
  return hit.fromContext ? `${said}, under a heading or lead-in that names the topic` : said;
}

/** A pack's field path is a few keys (`key_management.rotation`); a user pack's longer one is cut here. */
const MAX_FIELD_PATH = 8;

export const ELEMENT_EVIDENCE = new Map<string, ElementEvidenceSource>(Object.entries(CRYPTO_ELEMENT_EVIDENCE).filter(([key]) => key !== 'CEK-10:strength'));

/**
 * The controls judged on a document: the config's `controls:` (default: the whole domain and every user pack),
 * narrowed by the document's own `controls:` where it lists any.
 */
export function selectedControlIds(context: EvidenceContext, userPacks: ControlPack[]): string[] {
  const available = [...DOMAIN_CONTROL_IDS, ...userPacks.map((pack) => pack.control.id).filter((id) => !DOMAIN_CONTROL_IDS.includes(id))];
  const configured = context.config.controls ? available.filter((id) => context.config.controls!.includes(id)) : available;
  const claimed = textList(context.policy.field('controls'))
    .map((item) => context.catalog.resolve(item.value) ?? context.catalog.resolve(context.catalog.suggest(item.value) ?? ''))
    .filter((resolved) => resolved && !resolved.caiqId)
    .map((resolved) => resolved!.control.id);
  return claimed.length > 0 ? configured.filter((id) => claimed.includes(id)) : configured;
}

/** Judges the packs (built-in, and those of the user's catalogs) on a document: one pass over its statements. */
export class DomainJudgement {
  private reader?: DomainReader;
  private readonly results = new Map<string, ControlResult>();
  readonly userPacks: ControlPack[];

  constructor(readonly context: EvidenceContext) {
    this.userPacks = context.catalog.packs();
  }

  /** The pack judging a control id: a user catalog's definitions replace the built-in ones of the same id. */
  pack(id: string): ControlPack | undefined {
    return this.userPacks.find((pack) => pack.control.id === id) ?? builtinPacks().find((pack) => pack.control.id === id);
  }

  private selection?: string[];

  selected(): string[] {
    return (this.selection ??= selectedControlIds(this.context, this.userPacks));
  }

  /** The concept's hits: all of them, or the first `limit` (enough for a verdict and its evidence lines). */
  private hits(pack: ControlPack, reference: string, limit?: number): DomainHit[] {
    const concepts = this.context.policy.concepts;
    this.reader ??= lexiconFor(this.userPacks).reader(domainStatements(this.context.policy), this.context.doc.markdown?.sections ?? [], { statement: (index) => concepts.occurrencesAt(index), heading: (section) => concepts.headingOccurrencesAt(section), polarity: (index) => concepts.polarity(index) });
    return this.reader.hits(conceptKey(pack, reference), limit);
  }

  /** The result of a pack's control (cached). */
  control(id: string): ControlResult | undefined {
    const cached = this.results.get(id);
    if (cached) return cached;
    const pack = this.pack(id);
    if (!pack) return undefined;
    const requirements = pack.requirements.map((requirement) => this.requirement(pack, requirement));
    const result = combine(pack.control.id, this.context.catalog.get(pack.control.id)?.title ?? pack.control.title, requirements, pack.source ? 'catalog' : 'pack');
    this.results.set(id, result);
    return result;
  }

  private requirement(pack: ControlPack, spec: PackRequirementSpec): RequirementResult {
    const ref = { control: pack.control.id, kind: 'requirement' as const, number: spec.number };
    if (spec.applies === 'hosts-customer-data') {
      const applicability = DEFINITIONS['CEK-01 auditing 8'].applies!(this.context);
      if (applicability.status !== 'applies') return { ref, status: applicability.status, elements: [], evidence: [], findings: [], reason: applicability.reason };
    }
    const elements = spec.elements.map((element) => this.element(pack, element));
    const partialHits = (spec.partial ?? []).flatMap((partial) => partial.concepts.flatMap((concept) => this.hits(pack, concept, 1)).slice(0, 1).map((hit) => ({ hit, label: partial.label })));
    const met = elements.every((element) => element.met);
    const some = spec.elements.some((element, index) => !element.supporting && (elements[index].met || elements[index].partial)) || partialHits.length > 0;
    const status: RequirementStatus = met ? 'met' : some ? 'partial' : 'not-met';
    const evidence = dedupe([...elements.flatMap((element) => element.evidence), ...(met ? [] : partialHits.map(({ hit, label }) => ({ span: hit.statement.span, matched: label, why: hitWhy(hit) })))]);
    return { ref, status, elements, evidence, findings: [], reason: reasonOf(status, elements, met ? [] : partialHits.map((partial) => partial.label)) };
  }

  /**
   * An element from the text, or from an extra source (the cryptography registry) where it has an answer: the extra
   * source may establish what the text does not, and its partial answer stands only where the text establishes nothing.
   */
  private element(pack: ControlPack, spec: PackElementSpec): ElementResult {
    const extra = ELEMENT_EVIDENCE.get(`${pack.control.id}:${spec.id}`)?.(this.context);
    if (extra?.met) return { id: spec.id, label: spec.label, ...extra };
    const text = this.textElement(pack, spec);
    if (text.met || !extra || text.partial) return text;
    return { id: spec.id, label: spec.label, ...extra, gap: extra.gap ?? spec.gap };
  }

  private textElement(pack: ControlPack, spec: PackElementSpec): ElementResult {
    for (const field of spec.fields ?? []) {
      const node = this.context.policy.at(...field.path.slice(0, MAX_FIELD_PATH));
      const entry = node ? this.context.policy.entryOfValue(node) : undefined;
      const span = entry ? { start: entry.keySpan.start, end: node!.span.end } : node?.span;
      if (!node || !span) continue;
      const enough = field.minItems !== undefined ? node.kind === 'seq' && node.items.filter(isFilled).length >= field.minItems : isFilled(node) && !(node.kind === 'scalar' && node.value === false);
      if (enough) return { id: spec.id, label: spec.label, met: true, evidence: [{ span, matched: `${spec.label} (\`${field.path.join('.')}\`)`, why: `the \`${field.path.join('.')}\` field` }] };
    }
    // Evidence shows the first few statements: as many hits of each concept are enough (its hits are distinct
    // statements, so the first few of the concatenation are among them); counting distinct words needs them all.
    const limit = spec.distinct === undefined ? MAX_EVIDENCE : undefined;
    const hits = (spec.concepts ?? []).flatMap((concept) => this.hits(pack, concept, limit));
    const evidence = dedupe(hits.map((hit) => ({ span: hit.statement.span, matched: spec.label, why: hitWhy(hit) }))).slice(0, MAX_EVIDENCE);
    if (spec.distinct !== undefined) {
      const words = new Set(hits.flatMap((hit) => hit.firstGroupWords.map(family)));
      if (words.size >= spec.distinct) return { id: spec.id, label: spec.label, met: true, evidence };
      if (words.size > 0) return { id: spec.id, label: spec.label, met: false, partial: true, evidence, gap: `${spec.gap} (only ${[...words].join(', ')})` };
      return { id: spec.id, label: spec.label, met: false, evidence: [], gap: spec.gap };
    }
    return hits.length > 0 ? { id: spec.id, label: spec.label, met: true, evidence } : { id: spec.id, label: spec.label, met: false, evidence: [], gap: spec.gap };
  }
}

/** "aes-256" and "AES" are one algorithm family. */
function family(word: string): string {
  const first = word.split(' ')[0];
  let end = first.length;
  while (end > 0 && first.charCodeAt(end - 1) >= 48 && first.charCodeAt(end - 1) <= 57) end--;
  return first.slice(0, end);
}

function dedupe(evidence: Evidence[]): Evidence[] {
  return evidence.filter((item, index, all) => all.findIndex((other) => other.span.start === item.span.start && other.span.end === item.span.end) === index);
}

function reasonOf(status: RequirementStatus, elements: ElementResult[], partials: string[]): string {
  const met = elements.filter((element) => element.met).map((element) => element.label);
  const gaps = elements.filter((element) => !element.met).map((element) => element.gap ?? `no ${element.label}`);
  if (status === 'met') return `Established: ${met.join('; ')}.`;
  const parts: string[] = [];
  if (met.length > 0) parts.push(`Established: ${met.join('; ')}.`);
  if (partials.length > 0) parts.push(`Found only: ${partials.join('; ')}.`);
  if (gaps.length > 0) parts.push(`Missing: ${gaps.join('; ')}.`);
  return parts.join(' ');
}

/** A control's status from its requirements: all met, none met, not applicable, or partial. */
export function combine(control: string, title: string, requirements: RequirementResult[], basis: ControlResult['basis']): ControlResult {
  const judged = requirements.filter((requirement) => requirement.status !== 'not-applicable');
  let status: RequirementStatus;
  if (requirements.length === 0) status = 'not-assessed';
  else if (judged.length === 0) status = 'not-applicable';
  else if (judged.every((requirement) => requirement.status === 'met')) status = 'met';
  else if (judged.every((requirement) => requirement.status === 'not-assessed')) status = 'not-assessed';
  else if (judged.every((requirement) => requirement.status === 'not-met' || requirement.status === 'not-assessed')) status = 'not-met';
  else status = 'partial';
  const evidence = dedupe(judged.flatMap((requirement) => requirement.evidence)).slice(0, 6);
  const reason = status === 'not-applicable' ? requirements[0].reason : basis === 'guidelines'
    ? `${judged.filter((requirement) => requirement.status === 'met').length}/${judged.length} guidelines met.`
    : judged.map((requirement) => requirement.reason).join(' ');
  return { control, title, status, requirements, evidence, reason, basis };
}

/** Every selected control of a document: CEK-01/02 from their guidelines' statuses, the packs from their definitions. */
export function controlResults(domain: DomainJudgement, guidelines: RequirementResult[], findings: Finding[] = []): ControlResult[] {
  const results: ControlResult[] = [];
  for (const id of domain.selected()) {
    const own = guidelines.filter((requirement) => requirement.ref.control === id);
    if (own.length > 0) {
      results.push(combine(id, domain.context.catalog.get(id)?.title ?? id, own, 'guidelines'));
      continue;
    }
    const result = domain.control(id);
    if (result) results.push({ ...result, requirements: result.requirements.map((requirement) => ({ ...requirement, findings: findings.filter((finding) => !finding.suppression && finding.severity !== 'info' && finding.guidelines.some((ref) => ref.control === id && ref.kind === 'requirement' && ref.number === requirement.ref.number)) })) });
  }
  return results;
}
