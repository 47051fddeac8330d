import { ACTOR_NAMES, isActor, type Actor } from '../model/duties';
import type { PMap, PNode } from '../parse/yamlModel';
import { entryOf } from '../parse/yamlModel';
import type { Span } from '../types';
import type { ConceptIndex } from './concepts';
import type { ConceptId } from './lexicon';
import { stanceOf } from './stance';
import { textList } from './roles';
import type { RoleModel, TextValue } from './types';
import { append } from '../arrays';

export type ActorBasis = 'declared' | 'config' | 'inferred' | 'unknown';

export interface ActorSignal {
  span: Span;
  text: string;
  label: string;
}

/** The organisation's SSRM role, as declared or as read from the text, and the traits the guidelines turn on. */
export interface ActorInference {
  /** Actor codes the document is judged as (empty for an organisation that is not an AI actor). */
  codes: Actor[];
  basis: ActorBasis;
  /** Holds customer or tenant data (SaaS, cloud, platform, processor): upstream/downstream guidelines apply. Undefined: unknown. */
  hostsCustomerData?: boolean;
  /** Builds, serves or integrates AI: AI-specific guidelines apply. Undefined: unknown. */
  ai?: boolean;
  summary: string;
  evidence: ActorSignal[];
  /** The `actor` values as written (declared basis). */
  declared: TextValue[];
}

/** Below this many words of prose, and with no structured signal, the organisation is not inferred. */
export const MIN_WORDS_TO_INFER = 120;
/** A text of this many words that never mentions AI, models or machine learning is no AI provider's policy. */
export const MIN_WORDS_TO_JUDGE_AI = 40;

const PROVIDERS: Actor[] = ['CSP', 'MP', 'OSP', 'AP'];

export function inferActor(root: PMap | undefined, configActors: string[], concepts: ConceptIndex, roles: RoleModel[]): ActorInference {
  const declared = textList(entryOf(root, 'actor')?.value).map((actor) => ({ value: actor.value.trim().toUpperCase(), span: actor.span }));
  const declaredCodes = declared.map((actor) => actor.value).filter(isActor);
  const actorEntry = entryOf(root, 'actor');
  if (declaredCodes.length > 0) return { ...fromCodes(declaredCodes, 'declared', declared), evidence: actorEntry ? [{ span: { start: actorEntry.keySpan.start, end: actorEntry.value.span.end }, text: 'actor', label: 'declared actor' }] : [] };
  const configured = configActors.map((actor) => actor.toUpperCase()).filter(isActor);
  if (configured.length > 0) return fromCodes(configured, 'config', declared);

  const evidence: ActorSignal[] = [];
  const take = (concept: ConceptId): boolean => {
    const hits = concepts.hits(concept, 2);
    for (const hit of hits) evidence.push({ span: hit.span, text: hit.statement.text, label: hit.label });
    return hits.length > 0;
  };
  const structured = structuredSignals(root, roles);
  append(evidence, structured.evidence);
  const aiProduct = take('aiProduct') || concepts.hits('aiMention', 3).length >= 3 || structured.ai;
  const internal = !structured.hosts && take('internalOrganisation');
  // A service offered to customers is a strong signal; "customer data" alone is weaker (a university has students' records).
  const offersService = take('serviceOrganisation') || structured.hosts || aiProduct;
  const hostsSignal = offersService || (!internal && take('customerData'));
  const words = concepts.statements.reduce((sum, statement) => sum + (statement.placeholder ? 0 : statement.tokens.length), 0);
  // Each trait is decided on its own weight: a signal decides it; its absence decides it only in a text long enough
  // to have said so. An organisation that says it serves only itself (a university, a ministry, internal IT) hosts
  // no tenants even where "customer data" appears.
  const hosts: boolean | undefined = hostsSignal ? true : internal || words >= MIN_WORDS_TO_INFER ? false : undefined;
  const aiMentioned = concepts.hits('aiMention', 1).length > 0;
  const ai: boolean | undefined = aiProduct ? true : !aiMentioned && words >= MIN_WORDS_TO_JUDGE_AI ? false : words >= MIN_WORDS_TO_INFER ? false : undefined;
  if (hosts === undefined && ai === undefined) {
    return { codes: [], basis: 'unknown', declared, evidence: [], summary: 'Not declared, and the policy says too little to infer the organisation\'s SSRM role: declare `actor:` (CSP, MP, OSP, AP or AIC).' };
  }
  let codes: Actor[] = [];
  if (aiProduct) {
    if (take('trainsModels')) codes = ['MP'];
    else if (take('infrastructure')) codes = ['CSP'];
    else if (take('orchestration')) codes = ['OSP'];
    else codes = ['AP'];
  } else if (internal && !hosts) {
    // Uses AI or IT services for itself and offers none: for applicability, an AI customer.
    codes = ['AIC'];
  }
  const summary = aiProduct
    ? `Inferred ${codes.map((code) => `${ACTOR_NAMES[code]} (${code})`).join(', ')}: the policy describes an AI product or platform, which holds its customers' data.`
    : hosts === undefined
      ? 'Inferred: the policy never mentions AI, models or machine learning (no AI provider), but says too little to tell whether the organisation holds customer or tenant data: declare `actor:`.'
      : hosts
        ? 'Inferred: a service organisation that holds customer or tenant data (not an AI provider); declare `actor:` if you provide AI services.'
        : internal
          ? 'Inferred: an organisation that secures its own systems and offers no service to customers or tenants (for applicability, an AI customer); declare `actor:` if you host customer data.'
          : 'Inferred: the policy shows no hosted customer or tenant data and no AI product; declare `actor:` if you provide cloud or AI services.';
  return { codes, basis: 'inferred', ...(hosts === undefined ? {} : { hostsCustomerData: hosts }), ai, declared, evidence: dedupe(evidence), summary };
}

function fromCodes(codes: Actor[], basis: 'declared' | 'config', declared: TextValue[]): ActorInference {
  const providers = codes.some((code) => PROVIDERS.includes(code));
  return {
    codes, basis, declared, evidence: [],
    hostsCustomerData: providers,
    ai: providers,
    summary: `${basis === 'declared' ? 'Declared' : 'Configured'}: ${codes.map((code) => `${ACTOR_NAMES[code]} (${code})`).join(', ')}.`,
  };
}

/** Stances in the structured fields that say what the organisation is. */
function structuredSignals(root: PMap | undefined, roles: RoleModel[]): { hosts: boolean; ai: boolean; evidence: ActorSignal[] } {
  const evidence: ActorSignal[] = [];
  let hosts = false;
  let ai = false;
  const scope = entryOf(root, 'scope')?.value;
  const check = (path: string, node: ReturnType<typeof stanceNode>, label: string, trait: 'hosts' | 'ai') => {
    if (!node || stanceOf(node) !== true) return;
    if (trait === 'hosts') hosts = true;
    else ai = true;
    evidence.push({ span: node.span, text: path, label });
  };
  check('scope.tenant_key_isolation', stanceNode(scope, 'tenant_key_isolation'), 'tenant key isolation in scope', 'hosts');
  check('scope.ai_assets', stanceNode(scope, 'ai_assets'), 'AI assets in scope', 'ai');
  check('byok.supported', stanceNode(entryOf(root, 'byok')?.value, 'supported'), 'BYOK offered to customers', 'hosts');
  const downstream = entryOf(entryOf(root, 'coordination')?.value, 'downstream')?.value;
  if (downstream && textList(downstream).length > 0) {
    hosts = true;
    evidence.push({ span: downstream.span, text: 'coordination.downstream', label: 'downstream tenants' });
  }
  for (const role of roles) {
    for (const duty of role.responsibilities) {
      if (['tenant-isolation', 'byok-provisioning', 'downstream-coordination'].includes(duty.value) && !hosts) {
        hosts = true;
        evidence.push({ span: duty.span, text: duty.value, label: 'a duty towards tenants' });
      }
      if (duty.value === 'ai-workload-encryption' && !ai) {
        ai = true;
        evidence.push({ span: duty.span, text: duty.value, label: 'an AI workload duty' });
      }
    }
  }
  return { hosts, ai, evidence };
}

function stanceNode(map: PNode | undefined, key: string): PNode | undefined {
  return entryOf(map, key)?.value;
}

function dedupe(signals: ActorSignal[]): ActorSignal[] {
  const seen = new Set<number>();
  return signals.filter((signal) => (seen.has(signal.span.start) ? false : (seen.add(signal.span.start), true)));
}
