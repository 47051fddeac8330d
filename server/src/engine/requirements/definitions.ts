import type { GuidelineRef } from '../config/catalog';
import type { Actor } from '../model/duties';
import type { Applicability, EvidenceContext, RequirementDefinition } from './types';

const PROVIDERS: Actor[] = ['CSP', 'MP', 'OSP', 'AP'];

export function refKey(ref: GuidelineRef): string {
  return `${ref.control} ${ref.kind} ${ref.number}`;
}

/** Whether a guideline that turns on the organisation applies, from its declared or inferred SSRM role. */
function byActor(options: { providers: (context: EvidenceContext) => boolean; inferred: (context: EvidenceContext) => boolean | undefined; notApplicable: string; customer?: string }) {
  return (context: EvidenceContext): Applicability => {
    const { actor } = context.policy;
    if (actor.basis === 'declared' || actor.basis === 'config') {
      if (options.providers(context)) return { status: 'applies' };
      return { status: 'not-applicable', reason: options.customer ?? options.notApplicable };
    }
    const inferred = options.inferred(context);
    if (inferred === undefined) return { status: 'not-assessed', reason: `${actor.summary} This guideline depends on it.` };
    return inferred ? { status: 'applies' } : { status: 'not-applicable', reason: `${options.notApplicable} (${actor.summary.replace(/\.$/, '')}).` };
  };
}

const isProvider = (context: EvidenceContext) => context.policy.actorCodes.some((code) => PROVIDERS.includes(code));
/** An inferred trait is undefined when the text did not decide it: the guideline is then not assessed. */
const hosts = (context: EvidenceContext) => context.policy.actor.basis === 'unknown' ? undefined : context.policy.actor.hostsCustomerData;
const ai = (context: EvidenceContext) => context.policy.actor.basis === 'unknown' ? undefined : context.policy.actor.ai;

/** Who has downstream tenants to coordinate with: CSPs, MPs and OSPs as declared; an inferred holder of customer data. */
function hasDownstream(context: EvidenceContext): boolean {
  const { actor } = context.policy;
  if (actor.basis === 'declared' || actor.basis === 'config') return actor.codes.some((code) => code === 'CSP' || code === 'MP' || code === 'OSP');
  return Boolean(actor.hostsCustomerData);
}

/** Who relies on upstream cryptographic services: every actor but a CSP (the bottom of the stack), as declared; any inferred organisation. */
function hasUpstream(context: EvidenceContext): boolean {
  const { actor } = context.policy;
  if (actor.basis === 'declared' || actor.basis === 'config') return actor.codes.some((code) => code !== 'CSP');
  return true;
}

const fixed = (...ids: string[]) => () => ids;

/**
 * How each guideline of CEK-01 and CEK-02 is judged: the elements an auditor must find (elements.ts), whether
 * it applies to the organisation, and whether it must hold for every document of a policy set. A guideline
 * of a user catalog with no entry here is listed as not assessed.
 */
export const DEFINITIONS: Record<string, RequirementDefinition> = {
  'CEK-01 auditing 1': { elements: fixed('established', 'lifecycle', 'atRest', 'inTransit', 'keyStore') },
  'CEK-01 auditing 2': { elements: fixed('approval', 'owner', 'review'), perDocument: true },
  'CEK-01 auditing 3': { elements: fixed('communication'), perDocument: true },
  'CEK-01 auditing 4': { elements: fixed('baseline', 'mechanism') },
  'CEK-01 auditing 5': { elements: fixed('rolesOperations', 'oversight', 'teams') },
  'CEK-01 auditing 6': { elements: fixed('training') },
  'CEK-01 auditing 7': { elements: fixed('keyUsageAudit', 'controlReview') },
  'CEK-01 auditing 8': {
    applies: byActor({ providers: isProvider, inferred: hosts, notApplicable: 'The organisation holds no customer or tenant data, so it has no downstream entities to offer BYOK/HYOK or tenant key separation to', customer: 'An AI customer (AIC) has no downstream tenants to offer BYOK/HYOK or key separation to.' }),
    elements: fixed('customerKeys', 'tenantSeparation'),
  },
  'CEK-01 ccm 1': { elements: fixed('approval'), perDocument: true },
  'CEK-01 ccm 2': { elements: fixed('review'), perDocument: true },
  'CEK-02 implementation 1': { elements: fixed('established', 'identified'), perDocument: true },
  'CEK-02 implementation 2': { elements: fixed('approval'), perDocument: true },
  'CEK-02 implementation 3': { elements: fixed('communication'), perDocument: true },
  'CEK-02 implementation 4': { elements: fixed('baseline', 'mechanism') },
  'CEK-02 implementation 5': { elements: fixed('controlReview') },
  'CEK-02 implementation 6': { elements: fixed('review'), perDocument: true },
  'CEK-02 auditing 1': { elements: fixed('rolesOperations') },
  'CEK-02 auditing 2': {
    applies: byActor({ providers: isProvider, inferred: ai, notApplicable: 'The organisation provides no AI product or platform, so there are no AI-specific duties to assign', customer: 'An AI customer (AIC) provides no AI service whose encryption duties it must assign.' }),
    elements: fixed('aiDuties'),
  },
  'CEK-02 auditing 3': { elements: fixed('teams') },
  'CEK-02 auditing 4': {
    applies: byActor({
      providers: isProvider,
      // No AI service: nothing to isolate, whatever the hosting; an AI service: isolation applies where it hosts tenants.
      inferred: (context) => (ai(context) === false ? false : ai(context) === undefined || hosts(context) === undefined ? undefined : Boolean(ai(context) && hosts(context))),
      notApplicable: 'The organisation runs no customer-facing AI workloads, so there is no encryption isolation for AI tenants to assign',
      customer: 'An AI customer (AIC) runs no customer-facing or shared AI service.',
    }),
    elements: fixed('isolationDuties'),
  },
  'CEK-02 auditing 5': { elements: fixed('segregation') },
  'CEK-02 auditing 6': { elements: fixed('training') },
  'CEK-02 auditing 7': { elements: fixed('roleReview') },
  'CEK-02 auditing 8': { elements: fixed('governance') },
  'CEK-02 auditing 9': { elements: fixed('alternates') },
  'CEK-02 auditing 10': {
    applies: byActor({ providers: () => true, inferred: hosts, notApplicable: 'The organisation holds no customer or tenant data and shows no cryptographic service chain to coordinate' }),
    elements: (context) => [...(hasUpstream(context) ? ['upstream'] : []), ...(hasDownstream(context) ? ['downstream'] : [])],
  },
  'CEK-02 ccm 1': { elements: fixed('established') },
  'CEK-02 ccm 2': { elements: fixed('teams', 'awareness') },
};
