import { builtinProfile, NIST_PROFILE, type CryptoProfile, type CryptoStatus, type ProfilePhase, type ProfileRule } from './profiles';
import { ALGORITHM_BY_ID, strengthOf, type CryptoUse, type Parameter } from './registry';

/** The profile a check uses, with its options (`rev3`) and whether not-approved is an error (`fips`). */
export interface ProfileChoice {
  profile: CryptoProfile;
  options: string[];
  fips: boolean;
}

export const DEFAULT_PROFILE_CHOICE: ProfileChoice = { profile: NIST_PROFILE, options: [], fips: false };

export interface JudgedItem {
  algorithm: string;
  parameter: Parameter;
  use: CryptoUse;
  /** "only for non-security checksums": not a security use, nothing to judge. */
  nonSecurity?: boolean;
  /** "SSL" with no version meaning TLS: judged as TLS of no stated version. */
  meansTls?: boolean;
}

export interface Judgement {
  status: CryptoStatus;
  /** For a deprecated (or soon disallowed) item: the first day of its next, stricter status. */
  until?: string;
  next?: { status: CryptoStatus; from: string; source: string };
  /** Source of the current status: "sp800-131a-r2 §2 Table 1". */
  source: string;
  verified: boolean;
  note?: string;
  /** Security strength in bits, when known. */
  strength?: number;
}

/** The use a profile judges: the stated one, else the algorithm's own. */
export function effectiveUse(item: JudgedItem): CryptoUse {
  if (item.use !== 'unspecified') return item.use;
  return ALGORITHM_BY_ID.get(item.algorithm)?.defaultUse ?? 'unspecified';
}

/** "<2048" as the strength just below 2048 bits; "<1.2" as the version just below. */
function boundStrength(algorithm: string, parameter: Parameter): number | undefined {
  if (typeof parameter !== 'string' || !parameter.startsWith('<')) return strengthOf(algorithm, parameter);
  const bound = Number(parameter.slice(1));
  if (!Number.isFinite(bound)) return undefined;
  const at = strengthOf(algorithm, bound);
  return at === undefined ? undefined : at - 1;
}

const VERSIONS_BELOW: Record<string, string> = { '<1.3': '1.2', '<1.2': '1.1', '<1.1': '1.0', '<3.0': '2.0', '<2': '1' };

function versionOf(parameter: Parameter): string | undefined {
  if (typeof parameter !== 'string') return undefined;
  return parameter.startsWith('<') ? VERSIONS_BELOW[parameter] : parameter;
}

function ruleMatches(rule: ProfileRule, item: JudgedItem, use: CryptoUse, strength: number | undefined): boolean {
  if (!rule.algorithms.includes(item.algorithm) && !rule.algorithms.includes('*')) return false;
  if (rule.uses && !rule.uses.includes(use)) return false;
  if (rule.versions) {
    const version = versionOf(item.parameter);
    if (!version || !rule.versions.includes(version)) return false;
  }
  if (rule.parameters && !rule.parameters.includes(item.parameter as number | string)) return false;
  if (rule.unknownParameter && strength !== undefined) return false;
  if (rule.strength) {
    if (strength === undefined) return false;
    if (rule.strength.min !== undefined && strength < rule.strength.min) return false;
    if (rule.strength.max !== undefined && strength > rule.strength.max) return false;
  }
  return true;
}

/** The phase in force on `today` (ISO dates compare as strings) and the one after it. */
function phaseOn(timeline: ProfilePhase[], today: string): { current: ProfilePhase; next?: ProfilePhase } {
  let index = 0;
  for (let i = 0; i < timeline.length; i++) if (!timeline[i].from || timeline[i].from! <= today) index = i;
  return { current: timeline[index], next: timeline[index + 1] };
}

/** The rules tried, in order: the chosen options' rules first, then the profile's own. */
export function rulesOf(choice: ProfileChoice): ProfileRule[] {
  const optionRules = choice.options.flatMap((name) => choice.profile.options?.[name]?.rules ?? []);
  return [...optionRules, ...choice.profile.rules];
}

/** The status of one algorithm use under a profile on a given day. */
export function judge(choice: ProfileChoice, item: JudgedItem, today: string): Judgement {
  const strength = boundStrength(item.algorithm, item.parameter);
  if (item.nonSecurity) return { status: 'acceptable', source: 'not a security use', verified: true, note: 'allowed only for a non-security purpose (checksums, identifiers)', ...(strength !== undefined ? { strength } : {}) };
  if (item.meansTls) return { status: 'unknown', source: 'sp800-52-r2 §3.1', verified: true, note: '"SSL" here names the TLS setting; the TLS version is not stated' };
  const use = effectiveUse(item);
  const rule = rulesOf(choice).find((candidate) => ruleMatches(candidate, item, use, strength));
  if (!rule) return { status: 'unknown', source: `${choice.profile.id}: no rule for this algorithm or parameter`, verified: true, ...(strength !== undefined ? { strength } : {}) };
  const { current, next } = phaseOn(rule.timeline, today);
  const judgement: Judgement = { status: current.status, source: current.source, verified: current.verified !== false, ...(strength !== undefined ? { strength } : {}) };
  if (current.note) judgement.note = current.note;
  if (next?.from) {
    judgement.next = { status: next.status, from: next.from, source: next.source };
    if (next.status === 'disallowed' || next.status === 'deprecated') judgement.until = next.from;
  }
  return judgement;
}

/** `nist`, `nist+rev3`, `nist+fips`: a profile id with options after `+`. */
export function parseProfileName(name: string, userProfiles: CryptoProfile[] = []): ProfileChoice | undefined {
  const [id, ...options] = name.trim().split('+').map((part) => part.trim());
  const profile = userProfiles.find((candidate) => candidate.id === id) ?? builtinProfile(id);
  if (!profile) return undefined;
  const known = options.filter((option) => option === 'fips' || profile.options?.[option]);
  if (known.length !== options.length) return undefined;
  return { profile, options: known.filter((option) => option !== 'fips'), fips: known.includes('fips') };
}

export function profileLabel(choice: ProfileChoice): string {
  return [choice.profile.id, ...choice.options, ...(choice.fips ? ['fips'] : [])].join('+');
}
