/** Duty ids (SPEC), which of them each SSRM actor must assign, and the default segregation of duties. */
export const DUTY_IDS = [
  'policy-oversight', 'key-generation', 'key-rotation', 'key-revocation', 'key-destruction', 'kms-operation',
  'encryption-enforcement', 'operational-support', 'incident-response', 'byok-provisioning', 'tenant-isolation',
  'ai-workload-encryption', 'upstream-coordination', 'downstream-coordination',
] as const;

export type DutyId = (typeof DUTY_IDS)[number];

export const ACTORS = ['CSP', 'MP', 'OSP', 'AP', 'AIC'] as const;
export type Actor = (typeof ACTORS)[number];

export const ACTOR_NAMES: Record<Actor, string> = {
  CSP: 'Cloud Service Provider',
  MP: 'Model Provider',
  OSP: 'Orchestrated Service Provider',
  AP: 'Application Provider',
  AIC: 'AI Customer',
};

/** What each duty means, with the CEK-02 auditing guideline that asks for it. */
export const DUTY_DESCRIPTIONS: Record<DutyId, { text: string; auditing: number[] }> = {
  'policy-oversight': { text: 'Owns and oversees the CEK policy and cryptographic governance.', auditing: [1, 8] },
  'key-generation': { text: 'Generates cryptographic keys (segregated from enforcement and operations).', auditing: [1, 5] },
  'key-rotation': { text: 'Rotates keys on schedule and on compromise.', auditing: [1] },
  'key-revocation': { text: 'Revokes keys that are compromised or no longer needed.', auditing: [1] },
  'key-destruction': { text: 'Destroys keys at end of life (archiving, data deletion, model disposal).', auditing: [1] },
  'kms-operation': { text: 'Operates the key management system / HSMs.', auditing: [1, 3] },
  'encryption-enforcement': { text: 'Enforces encryption defaults and baselines across services.', auditing: [1, 5] },
  'operational-support': { text: 'Operational support of AI workloads (segregated from key generation and enforcement).', auditing: [5] },
  'incident-response': { text: 'Responds to cryptographic incidents (key compromise, algorithm breaks).', auditing: [1] },
  'byok-provisioning': { text: 'Sets up BYOK/HYOK and secure key provisioning for customers.', auditing: [4, 10] },
  'tenant-isolation': { text: 'Enforces cryptographic isolation between tenants in multi-tenant environments.', auditing: [2, 4] },
  'ai-workload-encryption': { text: 'Manages encryption for AI services: models, training data, LLM API integrations.', auditing: [2, 4] },
  'upstream-coordination': { text: 'Coordinates with upstream cryptographic services and providers.', auditing: [10] },
  'downstream-coordination': { text: 'Coordinates with downstream tenants (APs, OSPs, AICs) on key provisioning and shared controls.', auditing: [10] },
};

/** Duties every actor assigns (also what applies when a policy names no actor). */
export const BASELINE_DUTIES: DutyId[] = ['policy-oversight', 'key-generation', 'key-rotation', 'key-revocation', 'key-destruction', 'encryption-enforcement', 'incident-response'];

/** Duties each actor must assign, from CEK-02 auditing 1-4 and 10 read against the actor's place in the supply chain. */
export const REQUIRED_DUTIES: Record<Actor, DutyId[]> = {
  CSP: [...BASELINE_DUTIES, 'kms-operation', 'operational-support', 'tenant-isolation', 'ai-workload-encryption', 'byok-provisioning', 'downstream-coordination'],
  MP: [...BASELINE_DUTIES, 'kms-operation', 'ai-workload-encryption', 'upstream-coordination', 'downstream-coordination'],
  OSP: [...BASELINE_DUTIES, 'operational-support', 'ai-workload-encryption', 'upstream-coordination', 'downstream-coordination'],
  AP: [...BASELINE_DUTIES, 'ai-workload-encryption', 'upstream-coordination'],
  AIC: [...BASELINE_DUTIES, 'upstream-coordination'],
};

export const DEFAULT_SEGREGATION: [DutyId, DutyId][] = [
  ['key-generation', 'encryption-enforcement'],
  ['key-generation', 'operational-support'],
  ['encryption-enforcement', 'operational-support'],
];

export function isActor(value: string): value is Actor {
  return (ACTORS as readonly string[]).includes(value);
}

export function isDutyId(value: string): value is DutyId {
  return (DUTY_IDS as readonly string[]).includes(value);
}

/** Duties that carry out cryptographic operations (CEK-02 auditing 1; CEK-01 auditing 5). */
export const OPERATIONAL_DUTIES: DutyId[] = ['key-generation', 'key-rotation', 'key-revocation', 'key-destruction', 'kms-operation', 'encryption-enforcement', 'incident-response'];
/** AI-specific duties (CEK-02 auditing 2). */
export const AI_DUTIES: DutyId[] = ['ai-workload-encryption', 'tenant-isolation'];
/** Duties for AI workloads and encryption isolation in customer-facing services (CEK-02 auditing 4). */
export const ISOLATION_DUTIES: DutyId[] = ['byok-provisioning', 'tenant-isolation', 'ai-workload-encryption'];
