/**
 * The words a policy's title is read with when the file carries no `kind: crypto-policy` marker. Data only: adding
 * "charter" or "hsm" is a one-line change with a row in test/engine/detectPolicy.test.ts.
 *
 * Words are compared after the evidence tokenizer (lower case, punctuation and hyphens separate words); a word
 * ending in `*` matches any word that starts with it.
 */

/** What kind of document a title names: a governing document, not a guide about a topic. */
export const POLICY_KINDS = ['policy', 'policies', 'standard', 'standards', 'procedure', 'procedures', 'runbook', 'runbooks', 'matrix', 'matrices'];

/** What a title must be about: cryptography, encryption or keys. */
export const CRYPTO_TOPICS = ['crypt*', 'encrypt*', 'key', 'keys', 'keying', 'cipher*', 'pki', 'kms', 'hsm', 'hsms', 'secrets'];

/**
 * Titles of documents that talk about cryptography without governing it: an architecture decision, a threat model,
 * a changelog, release notes, a how-to, a README, a disclosure policy. Each is a sequence of words.
 */
export const NOT_POLICY_TITLES = [
  'adr', 'architecture decision', 'decision record', 'threat model', 'threat models', 'threat modelling', 'threat modeling', 'changelog',
  'change log', 'release notes', 'how to', 'howto', 'tutorial', 'readme', 'vulnerability disclosure', 'disclosure policy',
  'reporting a vulnerability', 'security advisory', 'getting started', 'faq',
];

/**
 * The CEK concepts of the evidence stage that count towards "the body establishes several CEK concepts": each key
 * lifecycle stage, the scope of encryption, protected key storage, the baseline and its enforcement, monitoring,
 * review, communication, training, customer keys and the CEK-02 role concepts. A roles section with content
 * counts as one more (`roles`).
 */
export const DETECTION_CONCEPTS = [
  'keyGeneration', 'keyDistribution', 'keyStorage', 'keyRotation', 'keyRevocation', 'keyDestruction', 'keyBackup',
  'atRest', 'inTransit', 'keyStore', 'tenantKeyIsolation', 'cryptoBaseline', 'technicalEnforcement',
  'keyUsageAudit', 'anomalyDetection', 'controlReview', 'policyReview', 'communication', 'training', 'customerKeys',
  'segregation', 'roleReview', 'governanceBody', 'alternates',
] as const;

/**
 * Distinct CEK concepts the body must establish. Three: the shortest real policy of the development corpus (one
 * paragraph of three sentences) states three (rotation, backup, compromise), every policy of the corpus states more,
 * and a document about one operation (a rotation runbook step, a how-to) states one or two.
 */
export const MIN_CONCEPTS = 3;

/**
 * A title that names a policy but not its topic ("System and Communications Protection Policy") counts when the body
 * is about cryptography: at least this share of its statements speak of keys, encryption or cryptography (a
 * general security policy or a vulnerability-disclosure policy has a few such statements among many).
 */
export const MIN_TOPIC_SHARE = 0.5;
