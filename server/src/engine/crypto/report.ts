import type { Span } from '../types';
import type { CryptoAssessment } from './assess';
import { describeSource } from './describe';
import { ALGORITHM_BY_ID, type Parameter } from './registry';

/** One mention as the report and the hover show it (document offsets; lines are made at the edge). */
export interface CryptoSourceMention {
  span: Span;
  /** Where a size, curve or version written apart from the name is (a table cell, a sub-bullet). */
  parameterSpan?: Span;
  algorithm: string;
  parameter: Parameter;
  use: string;
  stance: string;
  status: string;
  until?: string;
  /** The source of the status, readable ("NIST SP 800-131A Rev. 2 §2 Table 1"). */
  source: string;
  strength?: number;
  next?: { status: string; from: string; source: string };
  note?: string;
  /** What the algorithm is ("AES block cipher (FIPS 197)"). */
  name: string;
  /** False when the status rests on a figure not checked against its primary source. */
  verified: boolean;
  /** Allowed without being named: the scanner grade the policy asks for tolerates it ("SSL Labs grade B"), and why. */
  impliedBy?: { grade: string; cap: string; since: string; until?: string; source: string };
}

export interface CryptographySource {
  profile: string;
  mentions: CryptoSourceMention[];
}

export function cryptographySource(assessment: CryptoAssessment): CryptographySource {
  const profile = assessment.choice.profile;
  return {
    profile: assessment.profile,
    mentions: assessment.mentions.map((mention) => {
      const judgement = mention.judgement;
      return {
        span: mention.span,
        ...(mention.parameterSpan && mention.parameterApart ? { parameterSpan: mention.parameterSpan } : {}),
        algorithm: mention.algorithm,
        parameter: mention.parameter,
        use: mention.use,
        stance: mention.stance,
        status: judgement.status,
        ...(judgement.until ? { until: judgement.until } : {}),
        source: describeSource(profile, judgement.source),
        ...(judgement.strength !== undefined ? { strength: judgement.strength } : {}),
        ...(judgement.next ? { next: { status: judgement.next.status, from: judgement.next.from, source: describeSource(profile, judgement.next.source) } } : {}),
        ...(judgement.note ? { note: judgement.note } : {}),
        name: ALGORITHM_BY_ID.get(mention.algorithm)?.name ?? mention.algorithm,
        verified: judgement.verified,
        ...(mention.implied ? { impliedBy: { grade: mention.implied.grade, cap: mention.implied.cap, since: mention.implied.since, ...(mention.implied.until ? { until: mention.implied.until } : {}), source: mention.implied.source } } : {}),
      };
    }),
  };
}

/** The hover of a mention: what it is, its strength, its status today, the next transition and the source. */
export function mentionHover(mention: CryptoSourceMention, profile: string, today: string): string {
  const parameter = mention.parameter === null ? '' : typeof mention.parameter === 'number' ? ` ${mention.parameter}-bit` : ` ${mention.parameter}`;
  const out = [`**${mention.algorithm}${parameter}**: ${mention.name}`, ''];
  if (mention.strength !== undefined) out.push(`Security strength: ${mention.strength} bits (SP 800-57 Part 1 Rev. 5 Tables 2–3).`, '');
  const stance = { approved: 'approves', prohibited: 'prohibits', legacy: 'keeps for legacy use', mentioned: 'mentions' }[mention.stance] ?? mention.stance;
  const implied = mention.impliedBy;
  if (implied) {
    out.push(implied.until
      ? `The policy does not name it, but before ${implied.until} the SSL Labs grade ${implied.grade} it asks for was open to a server that supports it (${implied.source}).`
      : `The policy does not name it, but the SSL Labs grade ${implied.grade} it asks for tolerates it: a server that supports it is capped at ${implied.cap} since ${implied.since} (${implied.source}).`, '');
  } else {
    out.push(`The policy ${stance} it${mention.use !== 'unspecified' ? ` (use: ${mention.use})` : ''}.`, '');
  }
  out.push(`Under \`${profile}\` on ${today}: **${mention.status}**${mention.note ? ` — ${mention.note}` : ''}.`, `Source: ${mention.source}${mention.verified ? '' : ' (figure not verified against the primary text)'}.`);
  if (mention.next) out.push('', `Next: **${mention.next.status}** from ${mention.next.from} (${mention.next.source}).`);
  return out.join('\n');
}
