import type { CheckConfig } from '../config/config';
import type { PolicyDocument } from '../parse/document';
import type { Span } from '../types';
import { cryptographyOf, type CryptographyFacts, type CryptoMention } from './extract';
import { DEFAULT_PROFILE_CHOICE, judge, parseProfileName, profileLabel, type Judgement, type ProfileChoice } from './judge';

/** A mention with its status under the document's profile on the check's date. */
export interface AssessedMention extends CryptoMention {
  judgement: Judgement;
}

export interface CryptoAssessment {
  choice: ProfileChoice;
  /** `nist`, `nist+rev3+fips`. */
  profile: string;
  /** Set when the profile named in the policy or config is unknown (nist is used). */
  profileProblem?: { message: string; span?: Span };
  facts: CryptographyFacts;
  mentions: AssessedMention[];
  /**
   * The policy sets out its cryptography: a `cryptography:` section, or at least three different algorithms
   * approved in the text. Only then are missing cryptoperiods and key generation reported.
   */
  statesCryptography: boolean;
}

const cache = new WeakMap<PolicyDocument, Map<string, CryptoAssessment>>();

/** The profile a document is judged against: `--profile`, else the policy's `profile:`, else the config's, else nist. */
export function chooseProfile(facts: CryptographyFacts, config: CheckConfig): { choice: ProfileChoice; problem?: CryptoAssessment['profileProblem'] } {
  const candidates: { name: string; span?: Span }[] = [];
  if (config.profileOverride) candidates.push({ name: config.profileOverride });
  if (facts.profile) candidates.push({ name: facts.profile.value, span: facts.profile.span });
  if (config.profile) candidates.push({ name: config.profile });
  const first = candidates[0];
  if (!first) return { choice: DEFAULT_PROFILE_CHOICE };
  const choice = parseProfileName(first.name, config.cryptoProfiles ?? []);
  if (choice) return { choice };
  return { choice: DEFAULT_PROFILE_CHOICE, problem: { message: `Unknown cryptography profile \`${first.name}\`; the algorithms are judged against \`nist\`.`, ...(first.span ? { span: first.span } : {}) } };
}

export function assessCryptography(document: PolicyDocument, config: CheckConfig, today: string): CryptoAssessment {
  const facts = cryptographyOf(document);
  const { choice, problem } = chooseProfile(facts, config);
  const profile = profileLabel(choice);
  const key = `${profile}|${today}|${choice.profile === DEFAULT_PROFILE_CHOICE.profile ? '' : choice.profile.title}`;
  let byKey = cache.get(document);
  if (!byKey) {
    byKey = new Map();
    cache.set(document, byKey);
  }
  const cached = byKey.get(key);
  if (cached) return cached;
  // A version a grade tolerated only before its cap came in is allowed by the policy only on a day before that.
  const mentions = facts.mentions.filter((mention) => !mention.implied?.until || today < mention.implied.until).map((mention) => ({ ...mention, judgement: judge(choice, mention, today) }));
  const approved = new Set(mentions.filter((mention) => mention.stance === 'approved').map((mention) => mention.algorithm));
  const assessment: CryptoAssessment = {
    choice, profile, facts, mentions, statesCryptography: facts.section !== undefined || approved.size >= 3,
    ...(problem ? { profileProblem: problem } : {}),
  };
  byKey.set(key, assessment);
  return assessment;
}

/** "RSA 2048", "TLS 1.0", "ECDSA P-256", "3DES": a mention as a reader names it. */
export function mentionLabel(mention: { algorithm: string; parameter: CryptoMention['parameter'] }): string {
  if (mention.parameter === null) return mention.algorithm;
  if (typeof mention.parameter === 'number') return `${mention.algorithm}-${mention.parameter}`;
  return `${mention.algorithm} ${mention.parameter}`;
}
