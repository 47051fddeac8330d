/**
 * The words cek-policy reads policies with. Everything here is data: adding "Key Custodian" or "every two
 * years" is a one-line change with a test in test/evidence/.
 *
 * Term syntax: words separated by spaces, matched against the words of one statement (a sentence, a list
 * item or a table row) in order and case-insensitively; `*` at the end of a word matches any word starting
 * with it (`rotat*` matches rotate, rotation, rotated); `~` at the end of a word makes it a lemma, matching every
 * inflection of it and nothing else (`communicate~` matches communicate, communicates, communicated,
 * communicating, not communication), as the English reader lemmatises the statement (evidence/reading.ts).
 * Punctuation and hyphens separate words, so "multi-tenant" is written `multi tenant`. A lemma is found by its
 * stem first (the fast scan, on every statement), and confirmed by the reader only where the word written differs
 * from the lemma; irregular forms that share no stem with their lemma ("held", "is") are written as they are.
 */

/** A concept is established by a statement that has a term of every group (each on its own words) and none of `none`. */
export interface ConceptSpec {
  /** What a match establishes, in a few words (shown as evidence). */
  label: string;
  all: string[][];
  none?: string[];
  /** A group that a heading above the statement may satisfy instead (the heading "Policy Review" says what is reviewed): by its terms, or by being one of `whole` (the normalised heading, entire). */
  heading?: { group: number; terms: string[]; whole?: string[] };
  /** At most this many words from the first matched term to the last: the terms must belong together. */
  within?: number;
  /**
   * Only statements that require or state it count: not a negated or prohibited one ("disabling certificate
   * validation" under "Prohibited practices"), nor one that only suggests ("consider looking into the KMS").
   */
  affirmative?: boolean;
  /**
   * Lemmas of a subject that keep a statement from establishing the concept: "This policy is reviewed annually"
   * reviews the document, not the controls. The subject is the noun phrase before the statement's verb, as the
   * English reader finds it (evidence/reading.ts).
   */
  subjectNone?: string[];
}

const KEY = ['key', 'keys', 'keying', 'kek', 'keks', 'dek', 'deks', 'key material', 'cryptographic material', 'private key*', 'master key*', 'root key*'];
const PERIODIC = ['annual*', 'annually', 'yearly', 'quarterly', 'monthly', 'weekly', 'daily', 'periodic*', 'regular*', 'every', 'each year', 'at least once', 'semi annual*', 'biennial*', 'twice a year', 'once a year', 'recurring', 'scheduled', 'on a schedule', 'cadence', 'routine*'];
/** Who holds what, as something that gets reviewed: "role assignments are reviewed", "review of key access", "access reviews". */
const REVIEWED_NOUNS = ['role*', 'role assignment*', 'assignment*', 'access', 'access rights', 'key access', 'custodian*', 'privilege*', 'permission*', 'entitlement*', 'key material', 'material', 'membership*'];
const REVIEW_VERBS = ['are reviewed', 'is reviewed', 'shall be reviewed', 'must be reviewed', 'will be reviewed', 'are recertified', 'is recertified', 'shall be recertified', 'are reassessed', 'are re assessed', 'are revalidated', 'are attested', 'review*', 'recertification*', 're examin*', 'reexamin*', 're evaluat*', 'reassess*', 're assess*'];
const ROLE_REVIEW_PHRASES = [
  ...REVIEWED_NOUNS.flatMap((noun) => REVIEW_VERBS.map((verb) => `${noun} ${verb}`)),
  ...REVIEWED_NOUNS.flatMap((noun) => [`review* of ${noun}`, `review* the ${noun}`, `recertif* ${noun}`, `recertification of ${noun}`, `review* ${noun}`]),
  'review* of who holds', 'recertify*',
];
const PEOPLE = ['staff', 'personnel', 'employee*', 'contractor*', 'engineer*', 'administrator*', 'admins', 'custodian*', 'team*', 'user*', 'role*', 'assignee*', 'holder*', 'workforce', 'people', 'individual*', 'member*', 'officer*', 'operator*', 'developer*', 'owner*', 'hire*', 'onboard*', 'everyone', 'anyone'];

/** Concepts an auditor looks for, by the guideline element they evidence. */
export const CONCEPTS = {
  // CEK-01 auditing 1: what the policy covers.
  keyGeneration: { label: 'key generation', all: [KEY, ['generat*', 'creat*', 'ceremon*', 'csrng', 'random number generator*', 'rng']] },
  keyDistribution: { label: 'key distribution', all: [KEY, ['distribut*', 'exchang*', 'transport*', 'transmi*', 'deliver*']] },
  keyStorage: { label: 'key storage', all: [KEY, ['stor*', 'escrow*', 'vault*', 'safeguard*', 'protect*']] },
  keyRotation: { label: 'key rotation', all: [KEY, ['rotat*', 'renew*', 'rekey*', 're key*', 'cryptoperiod*', 'lifetime', 'expir*']] },
  keyRevocation: { label: 'key revocation', all: [KEY, ['revok*', 'revocation', 'compromis*', 'suspend*']] },
  keyDestruction: { label: 'key destruction', all: [KEY, ['destr*', 'zeroiz*', 'zerois*', 'dispos*', 'delet*', 'eras*', 'sanitiz*', 'shred*']] },
  keyBackup: { label: 'key backup and recovery', all: [KEY, ['backup*', 'back up', 'backed up', 'recover*', 'restor*', 'escrow*']] },
  atRest: {
    label: 'encryption of data at rest (storage)',
    all: [['at rest', 'stored data', 'data stored', 'storage encryption', 'storage layer*', 'disk encryption', 'full disk', 'database encryption', 'file system encryption', 'volume encryption', 'backup encryption', 'encrypted storage', 'encryption of storage', 'transparent data encryption', 'tde', 'column level encryption', 'field level encryption', 'storage'],
      ['encrypt*', 'aes*', 'cipher*', 'tde', 'crypt*']],
  },
  inTransit: {
    label: 'encryption of data in transit (network)',
    all: [['in transit', 'tls', 'ssl', 'https', 'transport layer security', 'vpn', 'ipsec', 'ssh', 'mtls', 'secure channel*', 'encrypted channel*', 'network encryption', 'encryption of network*', 'network traffic', 'data in motion']],
  },
  keyStore: {
    label: 'protected key storage (KMS / HSM)',
    all: [['kms', 'key management system*', 'key management service*', 'hsm', 'hsms', 'hardware security module*', 'key vault', 'vault', 'secrets manager', 'secret manager', 'cloudhsm', 'cloud hsm', 'key store*', 'keystore*', 'tpm', 'trusted platform module']],
  },
  tenantKeyIsolation: {
    label: 'tenant key isolation',
    all: [['tenant*', 'customer*', 'workspace*'], ['isolat*', 'separat*', 'segregat*', 'dedicated', 'partition*', 'per tenant', 'per customer', 'per workspace', 'unique', 'distinct', 'own'], ['key*', 'encrypt*', 'crypt*', 'kms']],
  },
  aiAssets: {
    label: 'AI assets (models, training data, prompts, embeddings)',
    all: [['model*', 'training data', 'prompt*', 'embedding*', 'inference', 'llm*', 'ai', 'weights', 'vector*', 'dataset*', 'fine tun*']],
    none: ['threat model*', 'data model*', 'business model*', 'model clause*', 'shared control model*', 'responsibility model*', 'operating model*', 'service model*', 'deployment model*', 'maturity model*'],
  },

  // CEK-01 auditing 2 / CCM 2: the policy's own review cadence.
  policyReview: {
    label: 'policy review cadence',
    all: [['review*', 'revis*', 're evaluat*', 'updat*', 'revisit*', 'reassess*'], [...PERIODIC, 'at least annually', 'significant change*', 'major change*'], ['polic*', 'procedure*', 'this document', 'document']],
    none: ['exception*', 'alert*', 'log', 'logs', 'certificate*', 'access', 'standards'],
    heading: { group: 2, terms: ['policy review*', 'policy maintenance', 'review and update*', 'review and maintenance', 'document review*', 'document control', 'maintenance', 'review of this polic*', 'review schedule', 'review cycle', 'review frequency'], whole: ['review', 'reviews', 'policy', 'revisions', 'updates'] },
  },
  reviewTriggers: {
    label: 'out-of-cycle review triggers',
    all: [['review*', 'updat*', 'revis*'], ['significant', 'major', 'material', 'upon', 'whenever', 'when', 'after', 'following', 'triggered', 'as needed', 'as necessary'], ['chang*', 'incident*', 'deprecat*', 'regulat*', 'vulnerabilit*', 'threat*', 'technolog*', 'acquisition*', 'new', 'event*', 'breach*', 'lesson*']],
    none: ['exception*', 'alert*'],
    heading: { group: 0, terms: ['policy review*', 'maintenance', 'review schedule', 'change triggers', 'review triggers'], whole: ['review', 'reviews'] },
  },

  // CEK-01 auditing 2: an approval written as a sentence (it counts with a date in the same sentence).
  approvalStatement: {
    label: 'approval of the policy',
    all: [['approved by', 'approved on', 'approved at', 'ratified by', 'signed off by', 'endorsed by', 'adopted by', 'approval by', 'approval of the'],
      ['committee*', 'board', 'ciso', 'cto', 'ceo', 'cio', 'cso', 'officer', 'director*', 'council', 'management', 'executive*', 'head of', 'leadership', 'steering', 'president', 'vp', 'chief*']],
    none: ['exception*', 'must be approved', 'shall be approved', 'require* approval', 'algorithm*', 'request*', 'change*'],
    within: 14,
  },

  // CEK-01 auditing 2: an owner named in a sentence, or any statement under an Ownership heading.
  ownerStatement: {
    label: 'policy owner',
    all: [['own~ this polic*', 'own~ the polic*', 'owner of this polic*', 'owner of the polic*', 'policy is owned by', 'policy owner is', 'is the policy owner', 'ownership of this polic*', 'accountable for this polic*', 'maintained by', 'owned and maintained by']],
    heading: { group: 0, terms: [], whole: ['ownership', 'policy ownership', 'owner', 'policy owner', 'document owner'] },
  },

  // CEK-01 auditing 3.
  communication: {
    label: 'communication of the policy',
    all: [['communicate~', 'distribute~ to', 'disseminate~ to', 'acknowledge~', 'acknowledgement*', 'acknowledgment*', 'publish~', 'made available', 'make~ available', 'announce~', 'circulate~', 'attest~', 'attestation*', 'sign~ off', 'read and accept*', 'accept this policy', 'aware of', 'awareness of', 'trained on', 'training on', 'briefed on', 'onboarding'],
      ['polic*', 'procedure*', 'standard*', 'requirements']],
    none: ['breach*', 'incident*', 'publicly available'],
    heading: { group: 1, terms: ['communicat*', 'awareness', 'distribution', 'dissemination', 'publication'] },
    within: 10,
  },

  // CEK-01 auditing 4.
  cryptoBaseline: {
    label: 'cryptographic baseline (algorithms, key sizes, protocols)',
    all: [['aes*', 'rsa*', 'ecdsa', 'ecdh*', 'ecc', 'sha*', 'fips*', 'cis benchmark*', 'baseline*', 'approved algorithm*', 'approved cipher*', 'cipher suite*', 'key length*', 'key size*', 'bit key*', 'bits', 'chacha20*', 'x25519', 'curve25519', 'p 256', 'p 384', 'tls 1', 'hardening guide*', 'encryption default*', 'encrypted by default', 'default encryption']],
  },
  technicalEnforcement: {
    label: 'technical enforcement or verification',
    all: [['automat*', 'enforc*', 'validat*', 'validator*', 'scan*', 'verif*', 'configured', 'configuration check*', 'configuration management', 'configuration scan*', 'configuration baseline*', 'configuration review*', 'configuration polic*', 'configuration drift', 'kms configuration*', 'hsm configuration*', 'template*', 'policy as code', 'ci', 'cd', 'pipeline*', 'lint*', 'block*', 'reject*', 'prevent*', 'guardrail*', 'admission', 'checks', 'checked', 'test*', 'inspect*'],
      ['key*', 'encrypt*', 'tls', 'certificat*', 'cipher*', 'crypto*', 'cryptograph*', 'configuration*', 'algorithm*', 'kms', 'hsm*', 'secret*', 'rotation', 'system*', 'requirement*']],
    none: ['disciplinary', 'termination', 'sanction*', 'penalt*', 'dismissal'],
    affirmative: true,
  },

  // CEK-01 auditing 6 / CEK-02 auditing 6.
  training: {
    label: 'training of people with CEK duties',
    all: [['train*', 'awareness', 'educat*', 'course*', 'certification*', 'certified', 'instruct*', 'briefing*', 'onboarding'], PEOPLE],
    within: 16,
    none: ['training data', 'model training', 'train* model*', 'training set*', 'training pipeline*', 'training job*', 'fine tun*', 'train* on customer*'],
    heading: { group: 1, terms: ['train*', 'awareness', 'education', 'competenc*'] },
  },
  trainingTopicKeyGeneration: { label: 'secure key generation', all: [['key generation', 'generat*', 'key gen', 'key custody', 'key management', 'key handling', 'keys']] },
  trainingTopicEncryption: { label: 'encryption management', all: [['encrypt*', 'crypto*', 'cryptograph*']] },
  trainingTopicIncident: { label: 'incident response', all: [['incident*', 'compromis*', 'breach*']] },

  // CEK-01 auditing 7.
  keyUsageAudit: {
    label: 'key usage logging and auditing',
    all: [[...KEY, 'kms', 'hsm*', 'cryptograph*', 'crypto', 'certificat*', 'vault', 'encryption'], ['log', 'logs', 'logged', 'logging', 'audit trail*', 'audited', 'auditing', 'audit log*', 'monitor*', 'siem', 'alert*', 'anomal*', 'usage report*']],
    // Certificate expiry watched is renewal hygiene, not a log of who used which key. "Keys must not be logged"
    // is no logging of key use: `affirmative` (the reader's negation scope) sets it aside.
    none: ['log rotation', 'rotate logs', 'expir*', 'expiry', 'renewal*', 'validity period*'],
    affirmative: true,
  },
  anomalyDetection: {
    label: 'anomaly detection for unauthorized key access',
    all: [['anomal*', 'unauthori* access', 'unauthori* use', 'suspicious', 'intrusion*', 'misuse', 'abnormal'], ['detect*', 'monitor*', 'alert*', 'siem', 'investigat*']],
  },
  controlReview: {
    label: 'periodic control review or internal audit',
    all: [['audit*', 'review*', 'assess*', 'verif*', 'walk thru*', 'walkthrough*', 'inspect*', 'self assessment*', 'reconcil*', 'compliance check*', 'penetration test*'], [...PERIODIC, 'internal audit*', 'external audit*', 'quarterly', 'at least annually']],
    // The document's own review cycle is no audit of the controls it sets: neither a statement whose subject is the
    // document ("The policy is reviewed annually", in any tense or voice) nor one that names it.
    none: ['policy review', 'this standard', 'this document', 'this procedure', 'this runbook', 'reviewed and updated', 'review and update'],
    subjectNone: ['policy', 'document', 'standard', 'procedure', 'runbook'],
    affirmative: true,
  },

  // CEK-01 auditing 8 / CEK-02 auditing 4 and 10.
  customerKeys: {
    label: 'customer key options (BYOK / HYOK)',
    all: [['byok', 'hyok', 'bring your own key*', 'hold your own key*', 'customer managed key*', 'customer managed encryption key*', 'customer supplied key*', 'customer provided key*', 'cmek', 'cmk', 'external key manager*', 'ekm', 'own keys', 'their own key*', 'own encryption key*'],
      ['customer*', 'tenant*', 'client*', 'subscriber*'],
      ['offer*', 'support*', 'provid*', 'enabl*', 'allow*', 'available', 'can', 'may', 'option*', 'choose', 'bring', 'hold', 'supply', 'import*', 'upload*', 'control their', 'own']],
    within: 16,
  },
  contractualGuarantees: {
    label: 'contractual encryption guarantees',
    all: [['contract', 'contracts', 'contractual*', 'contracted', 'agreement*', 'sla*', 'dpa', 'terms'], ['encrypt*', 'key*', 'crypt*'], ['customer*', 'tenant*', 'client*']],
  },

  // CEK-02 auditing 5.
  segregation: {
    label: 'segregation of duties or dual control',
    all: [['segregation of dut*', 'separation of dut*', 'segregat* dut*', 'separat* dut*', 'dual control', 'split knowledge', 'four eyes', 'two person*', 'two man', 'm of n', 'multi person control', 'multiple person*', 'no single individual', 'no single person', 'no one individual', 'no individual', 'unilateral', 'quorum', 'sod', 'held by different*', 'by different teams', 'by different people', 'by different individuals', 'separate teams', 'two authori* people', 'two authori* persons', 'two authori* individuals', 'two people', 'two individuals']],
  },
  // CEK-02 auditing 7.
  roleReview: {
    label: 'periodic review of role assignments',
    all: [ROLE_REVIEW_PHRASES, [...PERIODIC, 'upon', 'at least annually', 'change*', 'whenever', 'turnover']],
    none: ['exception*', 'log', 'logs'],
    within: 12,
  },
  // CEK-02 auditing 8.
  governanceBody: {
    label: 'governance body overseeing role assignment',
    all: [['committee*', 'board', 'council', 'steering', 'governance', 'forum', 'working group'], ['oversee*', 'oversight', 'review*', 'approv*', 'assess*', 'govern*', 'supervis*', 'monitor*'], ['role*', 'assignment*', 'responsibilit*', 'custodian*', 'personnel', 'duties', 'raci']],
  },
  // CEK-02 auditing 9.
  alternates: {
    label: 'alternates and succession for CEK roles',
    all: [['alternate*', 'deputy', 'deputies', 'deputis*', 'deputiz*', 'successor*', 'succession', 'stand in', 'stand ins', 'standby', 'cover for', 'cross train*', 'secondary custodian*', 'backup custodian*', 'backup personnel', 'backup staff', 'backup administrator*', 'backup person*', 'backup owner*', 'secondary owner*', 'substitute*', 'understud*', 'continuity of role*', 'primary backup*', 'primary and backup*', 'primary and a backup*', 'primary and secondary', 'primary secondary'],
      ['role*', 'personnel', 'staff', 'custodian*', 'administrator*', 'person*', 'people', 'individual*', 'team*', 'member*', 'holder*', 'officer*', 'function*', 'duties', 'absence', 'turnover', 'unavailab*', 'leave']],
  },
  // CEK-02 auditing 10.
  downstreamCoordination: {
    label: 'coordination with downstream customers or tenants',
    all: [['customer*', 'tenant*', 'client*', 'downstream', 'application provider*', 'subscriber*', 'ai customer*'], ['coordinat*', 'notif*', 'provision*', 'shared responsibilit*', 'shared control*', 'byok', 'hyok', 'support*', 'communicat*', 'agreement*', 'contract', 'contracts', 'contractual*', 'contracted', 'collaborat*', 'liais*', 'onboard*', 'enabl*'], ['key*', 'encrypt*', 'crypt*', 'certificat*', 'incident*', 'breach*', 'kms']],
  },
  upstreamCoordination: {
    label: 'coordination with upstream providers',
    all: [['cloud provider*', 'cloud service provider*', 'vendor*', 'supplier*', 'upstream', 'third party', 'third parties', 'model provider*', 'kms provider*', 'service provider*', 'provider s', 'providers', 'subprocessor*', 'sub processor*'], ['coordinat*', 'contract', 'contracts', 'contractual*', 'contracted', 'agreement*', 'due diligence', 'assess*', 'risk management', 'notif*', 'shared responsibilit*', 'rely', 'relies', 'depend*', 'evaluat*', 'approved', 'review*', 'obligation*'], ['key*', 'encrypt*', 'crypt*', 'kms', 'hsm*', 'security standard*']],
  },

  // Actor inference (SSRM): what the organisation is.
  customerData: {
    label: 'holds customer or tenant data',
    all: [['customer*', 'client*', 'tenant*', 'subscriber*', 'cloud service customer*', 'end customer*'], ['data', 'information', 'records', 'workspace*', 'environment*', 'credentials', 'content', 'secrets', 'files', 'account*', 'keys']],
    // "Customer-managed keys" (CMK/CMEK) are usually the organisation's own keys in a cloud KMS, not its customers'.
    none: ['customer service*', 'customer support', 'customer managed', 'customer master key*', 'customer managed key*', 'customer managed encryption key*'],
  },
  serviceOrganisation: {
    label: 'a service or platform for customers',
    all: [['soc 2', 'soc2', 'soc 1', 'tsc', 'trust services criteria', 'service organi*', 'saas', 'software as a service', 'paas', 'platform as a service', 'iaas', 'infrastructure as a service', 'multi tenant', 'multitenant', 'cloud based software', 'platform offering', 'our platform', 'our customers', 'hosted service*', 'managed service*', 'cloud service customer*', 'business associate*']],
    // SaaS the organisation buys (a vendor assessment of "SaaS applications") says nothing of what it offers.
    none: ['vendor assessment*', 'saas application*', 'saas tool*', 'third party saas', 'saas vendor*', 'saas subscription*'],
  },
  internalOrganisation: {
    label: 'secures its own systems and offers no service to others',
    all: [['university', 'universities', 'college', 'school', 'public body', 'public sector', 'public authorit*', 'government agenc*', 'government department*', 'government ministr*', 'government entit*', 'government organi*', 'ministry', 'federal agency', 'agency s', 'municipal*', 'council s', 'internal it', 'internal systems only', 'our own systems', 'corporate it', 'end user device*', 'end user encryption', 'staff laptops', 'employee devices', 'company owned devices', 'corporate devices']],
    none: ['customers of the', 'our customers', 'tenants', 'saas'],
  },
  aiMention: {
    label: 'AI or machine learning',
    all: [['llm', 'llms', 'large language model*', 'genai', 'gen ai', 'generative ai', 'ai', 'artificial intelligence', 'machine learning', 'ml model*', 'ml platform*', 'foundation model*', 'model training', 'model weights', 'inference', 'training data', 'fine tun*', 'embedding*', 'vector database*', 'rag', 'retrieval augmented', 'chatbot*', 'copilot*', 'agentic', 'ai agent*']],
  },
  aiProduct: {
    label: 'an AI product or platform',
    all: [['llm', 'llms', 'large language model*', 'genai', 'gen ai', 'generative ai', 'ai', 'artificial intelligence', 'machine learning', 'ml', 'foundation model*', 'chatbot*', 'copilot*', 'ai agent*'], ['platform*', 'product*', 'service*', 'system*', 'application*', 'app', 'apps', 'api', 'apis', 'model*', 'workload*', 'feature*', 'solution*', 'offering*', 'manager']],
    none: ['ai tools', 'ai tool', 'public ai', 'third party ai', 'chatgpt'],
  },
  trainsModels: {
    label: 'trains or fine-tunes models',
    all: [['model training', 'train* model*', 'training data', 'model weights', 'fine tun*', 'pre train*', 'pretrain*', 'training pipeline*', 'training run*', 'foundation model*']],
  },
  orchestration: {
    label: 'orchestrates AI services',
    all: [['orchestrat*', 'ai agent*', 'agentic', 'rag', 'retrieval augmented', 'tool calling', 'workflow automation'], ['ai', 'llm*', 'model*', 'agent*']],
  },
  infrastructure: {
    label: 'provides cloud infrastructure',
    all: [['iaas', 'infrastructure as a service', 'data center*', 'datacenter*', 'hypervisor*', 'bare metal', 'gpu cluster*', 'compute instance*', 'cloud infrastructure provider*']],
  },

  // A document that says it is a template or draft is not an established policy.
  templateNotice: {
    label: 'says it is a template or draft',
    all: [['placeholder policy', 'placeholder document', 'policy template', 'this template', 'template policy', 'sample policy', 'example policy', 'this is a template', 'this is a draft', 'draft policy', 'not yet approved', 'template document', 'complete all todo*', 'replace the placeholders']],
  },

  // Not a requirement of the policy: a disciplinary section, to tell sanctions from technical enforcement.
  sanctions: { label: 'sanctions for violations', all: [['disciplinary', 'termination', 'sanction*', 'penalt*', 'dismissal']] },
} satisfies Record<string, ConceptSpec>;

export type ConceptId = keyof typeof CONCEPTS;

/** Duty ids (SPEC) as people write them in a responsibility: any one spec establishes the duty. */
export const DUTY_PHRASES: Record<string, ConceptSpec[]> = {
  'policy-oversight': [
    { label: 'policy oversight', all: [['polic*', 'program*', 'programme*', 'governance', 'strateg*', 'standards', 'framework'], ['own*', 'oversee*', 'oversight', 'develop*', 'defin*', 'maintain*', 'approv*', 'govern*', 'lead*', 'accountab*', 'overall responsibilit*', 'sponsor*', 'author*']], within: 6 },
    { label: 'cryptographic oversight', all: [['oversee*', 'oversight', 'govern*'], ['crypt*', 'encrypt*', 'key*']], within: 6 },
  ],
  'key-generation': [
    { label: 'key generation', all: [KEY, ['generat*', 'creat*', 'ceremon*', 'issuance', 'issuing', 'provision*']], within: 6 },
    { label: 'key lifecycle', all: [['key lifecycle', 'key life cycle', 'key management lifecycle', 'lifecycle of key*', 'lifecycle management of key*']] },
  ],
  'key-rotation': [
    { label: 'key rotation', all: [['rotat*', 'rekey*', 're key*', 'renew*']] },
    { label: 'key lifecycle', all: [['key lifecycle', 'key life cycle', 'key management lifecycle', 'lifecycle of key*', 'lifecycle management of key*']] },
  ],
  'key-revocation': [
    { label: 'key revocation', all: [['revok*', 'revocation']] },
    { label: 'key lifecycle', all: [['key lifecycle', 'key life cycle', 'key management lifecycle', 'lifecycle of key*', 'lifecycle management of key*']] },
  ],
  'key-destruction': [
    { label: 'key destruction', all: [['destr*', 'zeroiz*', 'zerois*', 'dispos*', 'shred*', 'crypto shred*', 'eras*', 'sanitiz*'], [...KEY, 'media', 'material', 'data']], within: 6 },
    { label: 'key lifecycle', all: [['key lifecycle', 'key life cycle', 'key management lifecycle', 'lifecycle of key*', 'lifecycle management of key*']] },
  ],
  'kms-operation': [
    { label: 'KMS / HSM operation', all: [['kms', 'hsm', 'hsms', 'key management system*', 'key management service*', 'key management infrastructure', 'vault', 'key vault', 'key store*', 'keystore*', 'pki', 'certificate authorit*', 'secrets manag*', 'key service*'], ['operat*', 'manag*', 'administ*', 'implement*', 'configur*', 'maintain*', 'own', 'owns', 'ownership', 'run', 'runs', 'running', 'deploy*', 'provision*', 'host*', 'architect*']], within: 5 },
    { label: 'key management', all: [['manage~', 'administer*', 'operate~', 'custody', 'custodian*', 'escrow*', 'store~', 'safeguard*'], [...KEY, 'encryption keys', 'certificates']], within: 5 },
    { label: 'key custody', all: [['key custod*', 'key escrow']] },
  ],
  'encryption-enforcement': [
    { label: 'encryption enforcement', all: [['encrypt*', 'tls', 'cipher*', 'crypto*', 'cryptograph*', 'certificate*'], ['implement*', 'enforc*', 'configur*', 'deploy*', 'apply*', 'applies', 'ensur*', 'mandat*', 'require*']], within: 4 },
  ],
  'operational-support': [
    { label: 'operational support of AI workloads', all: [['operat*', 'support*', 'on call', 'run', 'runs', 'maintain*', 'sre', 'reliability'], ['ai workload*', 'ai service*', 'ai system*', 'ai platform*', 'model serving', 'inference', 'ml platform*', 'ml infrastructure', 'gpu*', 'training cluster*', 'model*', 'workload*']], within: 5 },
  ],
  'incident-response': [
    { label: 'incident response', all: [['incident*', 'compromis*', 'breach*', 'emergenc*'], ['respon*', 'handl*', 'investigat*', 'manag*', 'coordinat*', 'contain*', 'remediat*', 'lead*', 'triag*', 'recover*']], within: 5 },
  ],
  'byok-provisioning': [
    { label: 'BYOK / HYOK provisioning', all: [['byok', 'hyok', 'bring your own key*', 'hold your own key*', 'customer managed key*', 'customer key*', 'cmek', 'customer supplied key*', 'tenant key provisioning']] },
  ],
  'tenant-isolation': [
    { label: 'tenant isolation', all: [['tenant*', 'multi tenant', 'customer workspace*'], ['isolat*', 'separat*', 'segregat*', 'partition*']], within: 4 },
  ],
  'ai-workload-encryption': [
    { label: 'AI workload encryption', all: [['model*', 'ai', 'llm*', 'training data', 'inference', 'embedding*', 'prompt*', 'ml', 'vector*', 'dataset*'], ['encrypt*', 'key*', 'crypt*', 'protect*', 'secur*', 'isolat*']], none: ['threat model*', 'data model*'], within: 5 },
  ],
  'upstream-coordination': [
    { label: 'upstream coordination', all: [['vendor*', 'supplier*', 'cloud provider*', 'upstream', 'third part*', 'model provider*', 'kms provider*', 'service provider*', 'provider*'], ['coordinat*', 'manag*', 'liais*', 'assess*', 'contract', 'contracts', 'contractual*', 'contracted', 'relationship*', 'oversight', 'review*']], within: 6 },
  ],
  'downstream-coordination': [
    { label: 'downstream coordination', all: [['customer*', 'tenant*', 'client*', 'downstream'], ['coordinat*', 'support*', 'liais*', 'notif*', 'communicat*', 'provision*', 'onboard*', 'enabl*']], within: 6 },
  ],
};

/** What a heading is about, by its words (numbering and case ignored): sections are found by meaning, not a fixed list. */
export const HEADING_TOPICS = {
  scope: ['scope', 'applicab*', 'coverage', 'purpose and scope'],
  roles: ['role*', 'responsibilit*', 'accountabilit*', 'raci', 'organi* and responsibilit*', 'duties'],
  lifecycle: ['key lifecycle', 'key life cycle', 'key management', 'lifecycle', 'key generation', 'key rotation', 'key storage'],
  enforcement: ['enforcement', 'technical control*', 'implementation*', 'configuration*', 'baseline*', 'technical standard*', 'cryptographic standard*'],
  byok: ['byok', 'hyok', 'bring your own key*', 'hold your own key*', 'customer managed key*', 'customer key*', 'tenant key*', 'cmek', 'multi tenan*', 'tenant*'],
  monitoring: ['monitor*', 'audit*', 'logging', 'compliance', 'verification', 'oversight'],
  training: ['train*', 'awareness', 'education', 'competenc*'],
  communication: ['communicat*', 'distribution', 'dissemination', 'publication', 'awareness'],
  review: ['review*', 'maintenance', 'updates', 'document control'],
  governance: ['governance', 'oversight', 'committee*'],
  coordination: ['coordination', 'dependenc*', 'supply chain', 'third part*', 'upstream', 'downstream', 'shared responsibilit*', 'vendor*', 'supplier*', 'customers', 'tenants'],
  approval: ['approval*', 'sign off', 'authorisation', 'authorization'],
  owner: ['ownership', 'owner'],
  segregation: ['segregation of dut*', 'separation of dut*', 'dual control', 'key management principles'],
  continuity: ['continuity', 'succession', 'alternate*', 'backup personnel'],
  sanctions: ['enforcement', 'non compliance', 'violation*', 'consequence*', 'sanction*', 'disciplinary'],
  policy: ['policy', 'policy statement*', 'requirement*', 'principles'],
} satisfies Record<string, string[]>;

export type HeadingTopic = keyof typeof HEADING_TOPICS;

/** Column headers of a roles table, by what the column holds. */
export const ROLE_COLUMNS = {
  role: ['role', 'roles', 'role name', 'role title', 'position', 'function', 'party', 'stakeholder', 'who', 'role team', 'role / team', 'team role', 'actor'],
  team: ['team', 'teams', 'group', 'department', 'unit', 'organisation', 'organization', 'role holder', 'holder'],
  assignee: ['assignee', 'assigned to', 'name', 'names', 'person', 'owner', 'held by', 'responsible', 'contact', 'incumbent', 'assigned team', 'role holder'],
  id: ['id', 'role id'],
  duties: ['responsibility', 'responsibilities', 'duties', 'duty', 'tasks', 'task', 'accountability', 'accountabilities', 'key responsibilities', 'activities', 'responsibilities and duties', 'description', 'role description', 'mandate', 'authority', 'scope of authority'],
  alternates: ['alternate', 'alternates', 'backup', 'backups', 'deputy', 'deputies', 'substitute', 'stand in', 'successor', 'backup role'],
  trained: ['trained', 'last trained', 'training', 'training date', 'trained on'],
  reviewed: ['reviewed', 'last reviewed', 'review', 'reviewed on', 'last review'],
} satisfies Record<string, string[]>;

/** Column headers that assign the row to someone, in a table that is not a roles table (a key inventory, a schedule). */
export const ASSIGNMENT_COLUMNS = ['owner', 'owners', 'owned by', 'key owner', 'responsible', 'responsible team', 'responsible party', 'responsible role', 'accountable', 'accountable party', 'custodian', 'key custodian', 'performed by', 'handled by', 'done by', 'who'];

/** First-column headers of a RACI matrix. */
export const RACI_ACTIVITY_COLUMNS = ['activity', 'activities', 'task', 'tasks', 'process', 'step', 'steps', 'operation', 'operations', 'action', 'actions', 'decision', 'decisions', 'deliverable', 'function', 'responsibility'];

/** Words that make a phrase name a team or a role holder ("Security Operations", "Key Custodian", "the CISO"). */
export const TEAM_WORDS = [
  'team', 'teams', 'officer', 'officers', 'administrator', 'administrators', 'admin', 'admins', 'engineer', 'engineers', 'engineering',
  'manager', 'managers', 'management', 'owner', 'owners', 'custodian', 'custodians', 'group', 'department', 'committee', 'board',
  'operations', 'ops', 'secops', 'devops', 'ciso', 'cto', 'cio', 'ceo', 'cso', 'dpo', 'dba', 'dbas', 'lead', 'leads', 'architect',
  'architects', 'director', 'directors', 'personnel', 'staff', 'representative', 'representatives', 'developers', 'analyst', 'analysts',
  'specialist', 'specialists', 'council', 'office', 'function', 'unit', 'security', 'infosec', 'compliance', 'audit', 'auditors',
  'steward', 'stewards', 'sre', 'platform', 'infrastructure', 'it',
];

/** Verbs that open a responsibility after a team: "The Security Team is responsible for ...", "Key custodians shall ...". */
export const RESPONSIBILITY_VERBS = [
  // Forms of "be" share no stem with their lemma: written as they are.
  'is responsible for', 'are responsible for', 'is accountable for', 'are accountable for', 'shall', 'will', 'must', 'own~',
  'manage~', 'oversee~', 'perform~', 'maintain~', 'operate~', 'approve~', 'review~', 'handle~', 'lead~', 'coordinate~', 'administer~',
  'generate~', 'rotate~', 'revoke~', 'destroy~',
];

/** Written review cadences, in months. */
export const CADENCES: { words: string; months: number }[] = [
  { words: 'monthly', months: 1 },
  { words: 'every month', months: 1 },
  { words: 'quarterly', months: 3 },
  { words: 'every quarter', months: 3 },
  { words: 'semi annual', months: 6 },
  { words: 'semi annually', months: 6 },
  { words: 'semiannual', months: 6 },
  { words: 'semiannually', months: 6 },
  { words: 'half yearly', months: 6 },
  { words: 'twice a year', months: 6 },
  { words: 'twice yearly', months: 6 },
  { words: 'bi annual', months: 6 },
  { words: 'bi annually', months: 6 },
  { words: 'biannual', months: 6 },
  { words: 'biannually', months: 6 },
  { words: 'annual', months: 12 },
  { words: 'annually', months: 12 },
  { words: 'yearly', months: 12 },
  { words: 'every year', months: 12 },
  { words: 'each year', months: 12 },
  { words: 'once a year', months: 12 },
  { words: 'per year', months: 12 },
  { words: 'a year', months: 12 },
  { words: 'biennial', months: 24 },
  { words: 'biennially', months: 24 },
  { words: 'every other year', months: 24 },
  { words: 'triennial', months: 36 },
  { words: 'triennially', months: 36 },
];

/** Number words for "every two years". */
export const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, eighteen: 18, twenty: 20, 'twenty four': 24, thirty: 30, 'thirty six': 36 };

/** Policy metadata as organisations label it (normalised: lower case, no colon or numbering). */
export type MetaKey = 'id' | 'version' | 'status' | 'owner' | 'approvedBy' | 'approvalDate' | 'lastReviewed' | 'nextReview' | 'reviewCadence' | 'effectiveDate';

export const META_LABELS: Record<MetaKey, string[]> = {
  id: ['id', 'policy id', 'policy number', 'policy no', 'policy ref', 'policy reference', 'document id', 'document-id', 'document number', 'document no', 'doc id', 'reference', 'ref', 'document reference', 'control id'],
  version: ['version', 'revision', 'rev', 'document version', 'policy version', 'version number'],
  status: ['status', 'document status', 'policy status', 'live', 'state'],
  owner: ['owner', 'policy owner', 'document owner', 'owned by', 'policy owner role', 'accountable owner', 'responsible owner', 'process owner', 'owner role'],
  approvedBy: ['approved by', 'approver', 'approval', 'approving authority', 'approval authority', 'signed off by', 'sign off', 'authorised by', 'authorized by', 'approved'],
  approvalDate: ['approval date', 'approved on', 'date approved', 'date of approval', 'approved date', 'sign off date'],
  lastReviewed: ['last reviewed', 'last review', 'last review date', 'reviewed on', 'date reviewed', 'last reviewed on', 'reviewed'],
  nextReview: ['next review', 'next review date', 'review due', 'review date', 'next review due', 'due for review', 'review by', 'next scheduled review'],
  reviewCadence: ['review cadence', 'review frequency', 'review cycle', 'review interval', 'review period', 'review schedule', 'frequency of review'],
  effectiveDate: ['effective date', 'effective', 'effective from', 'effective on', 'date effective', 'issue date', 'date of issue', 'issued', 'published', 'publication date'],
};

/** Front matter (or YAML root) keys people use for the same facts (snake case as written). */
export const META_KEYS: Record<MetaKey, string[]> = {
  id: ['policy_id', 'policy_number', 'document_id', 'doc_id', 'reference'],
  version: ['revision', 'policy_version', 'document_version'],
  status: ['status', 'live', 'state', 'draft'],
  owner: ['policy_owner', 'document_owner', 'owner_name', 'owned_by'],
  approvedBy: ['approved_by', 'approver', 'approval_by'],
  approvalDate: ['approval_date', 'approved_on', 'approved_date', 'date_approved'],
  lastReviewed: ['last_reviewed', 'last_review', 'last_review_date', 'reviewed_on'],
  nextReview: ['next_review', 'next_review_date', 'review_due', 'review_date'],
  reviewCadence: ['review_cadence', 'review_frequency', 'review_cycle', 'review_interval'],
  effectiveDate: ['effective_date', 'effective', 'effective_on'],
};

/** Revision-history columns, and the words of a row that records an approval. */
export const REVISION_COLUMNS = {
  version: ['version', 'rev', 'revision', 'ver', 'v'],
  date: ['date', 'revision date', 'date of change', 'change date', 'modified', 'updated'],
  author: ['author', 'authors', 'by', 'responsible', 'editor', 'changed by', 'prepared by', 'owner'],
  approver: ['approver', 'approved by', 'approval', 'approvers'],
  change: ['description', 'changes', 'change', 'summary', 'comment', 'comments', 'description of changes', 'summary of change', 'summary of changes', 'notes', 'reason', 'details'],
};
export const APPROVAL_WORDS = ['approved', 'approval', 'ratified', 'signed off', 'endorsed', 'adopted'];

/** Status values that say the document is not in force. */
export const DRAFT_STATUSES = ['draft', 'template', 'in progress', 'proposed', 'under review', 'wip', 'not live', 'false', 'no', 'deprecated', 'retired', 'superseded'];

/**
 * How a statement is put (data for evidence/polarity.ts and evidence/reading.ts). A negating word denies what its
 * scope says ("keys must not be logged", "no key is shared"): the English reader marks the scope, and a negating
 * word denies only when its scope holds a verb or an adjective. Prohibiting words deny by their meaning;
 * tentative wording ("should consider", "may wish to") suggests without requiring; a section whose heading says it
 * lists prohibited practices holds what must not be done.
 */
export const POLARITY = {
  /**
   * Negating words as the reader sees them, and the fast prefilter: a statement holding none of these words nor a
   * prohibiting one is not negated, and is not read (`t` is what the word tokenizer leaves of "can't", "don't").
   */
  negations: ['not', 'never', 'no', 'none', 'nor', 'neither', 'nobody', 'nothing', 'cannot', 't'],
  /** Words that prohibit what they speak of (lemmas: "ban~" is ban, bans, banned). */
  prohibitions: ['prohibit*', 'forbid*', 'forbade', 'disallow*', 'ban~', 'barred'],
  /** Negation words that set a bound or widen a list rather than deny: "including but not limited to", "no later than". */
  neutral: ['not limited to', 'but not limited', 'not only', 'whether or not', 'not less than', 'no less than', 'not later than', 'no later than', 'not exceed*', 'not more than', 'no more than', 'not longer than', 'no longer than', 'if not sooner', 'not to exceed'],
  tentative: ['should consider', 'may consider', 'could consider', 'consider using', 'consider whether', 'may wish to', 'might', 'could be', 'may be considered', 'look into', 'explore', 'is encouraged to', 'are encouraged to', 'where feasible', 'if possible', 'ideally', 'optionally', 'nice to have'],
  prohibitedHeadings: ['prohibit*', 'forbidden', 'not permitted', 'not allowed', 'disallowed', 'banned', 'anti pattern*', 'don ts', 'donts', 'do not', 'must not', 'never', 'insecure practice*', 'bad practice*', 'unacceptable', 'unacceptable use'],
} satisfies Record<string, string[]>;

/**
 * Modal verbs by what they make of a statement (lemmas, as the reader gives them: "won't" is `will` then `not`).
 * A negated modal is a prohibition; "may ... only" is an obligation (evidence/reading.ts).
 */
export const MODALS = {
  obligation: ['must', 'shall', 'will', 'should', 'need', 'ought'],
  permission: ['may', 'can'],
  tentative: ['might', 'could', 'would'],
} satisfies Record<string, string[]>;

/** Words of a template placeholder that stands for the organisation (`[Company Name]`, `{{ meta-organisation.name }}`). */
export const IDENTITY_PLACEHOLDER_WORDS = ['company', 'organisation', 'organization', 'org', 'business', 'companyname', 'company_name', 'organisationname', 'organizationname', 'entity', 'firm', 'employer', 'institution', 'agency'];

/**
 * The commonest English function words: in English prose they make a quarter to a half of the words; in a
 * policy written in another language almost none (evidence/language.ts).
 */
export const ENGLISH_FUNCTION_WORDS = ['the', 'and', 'of', 'to', 'in', 'is', 'are', 'be', 'must', 'shall', 'for', 'with', 'by', 'on', 'or', 'all', 'that', 'this', 'a', 'an', 'as', 'at', 'from', 'will', 'should', 'not', 'any', 'each', 'which', 'it', 'its', 'their', 'when', 'where', 'have', 'has', 'been', 'used', 'using', 'keys', 'data'];
