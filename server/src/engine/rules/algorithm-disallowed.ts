import { assessCryptography, type AssessedMention, type CryptoAssessment } from '../crypto/assess';
import { describeSource, impliedNote, mentionPhrase } from '../crypto/describe';
import { successorFix } from '../crypto/fixes';
import { g, type Rule, type RuleContext } from './rule';
import type { RuleFinding, Severity } from '../types';

export const algorithmDisallowed: Rule = {
  id: 'algorithm-disallowed',
  control: 'CEK-04',
  guidelines: [g.audit('CEK-01', 1), g.audit('CEK-01', 4)],
  severity: 'error',
  description: 'The policy approves an algorithm, key size, mode or protocol version that its cryptography profile disallows today (or allows only for legacy use), or keeps a disallowed one for legacy use.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  blocks: false,
  check(context) {
    return mentionFindings(context, (mention, assessment, source) => {
      const status = mention.judgement.status;
      const approved = mention.stance === 'approved' && (status === 'disallowed' || status === 'legacy-use');
      const keptForLegacy = mention.stance === 'legacy' && status === 'disallowed';
      if (!approved && !keptForLegacy) return undefined;
      const what = mentionPhrase(mention);
      const message = keptForLegacy
        ? `The policy keeps ${what} for legacy use, but ${assessment.profile} disallows it (${source}): plan its removal.`
        : status === 'legacy-use'
          ? `${what} is allowed only for legacy use under ${assessment.profile} (decrypting or verifying existing data; ${source}), but the policy approves it.`
          : `${what} is disallowed under ${assessment.profile} (${source}), but the policy approves it.`;
      return { message, ...(keptForLegacy || status === 'legacy-use' ? { severity: 'warning' as const } : {}) };
    });
  },
};

/**
 * One finding per mention the rule selects (its message, and a severity where it differs): on the mention, with the
 * profile's successor as a suggestion and the mention's facts as data. The algorithm rules differ only in `select`.
 */
export function mentionFindings(context: RuleContext, select: (mention: AssessedMention, assessment: CryptoAssessment, source: string) => { message: string; severity?: Severity } | undefined): RuleFinding[] {
  const assessment = assessCryptography(context.doc, context.config, context.today);
  const findings: RuleFinding[] = [];
  for (const mention of assessment.mentions) {
    const selected = select(mention, assessment, describeSource(assessment.choice.profile, mention.judgement.source));
    if (!selected) continue;
    findings.push({
      span: spanOf(mention),
      ...selected,
      ...(mention.implied ? { message: `${selected.message} ${impliedNote(mention.implied)}` } : {}),
      suggestions: () => [successorFix(context.doc, context.edits, assessment.choice, mention)],
      data: dataOf(mention, assessment.profile),
    });
  }
  return findings;
}

export function spanOf(mention: AssessedMention): { start: number; end: number } {
  const end = mention.parameterSpan && !mention.parameterApart && mention.parameterSpan.start >= mention.span.end && mention.parameterSpan.start - mention.span.end <= 3 ? mention.parameterSpan.end : mention.span.end;
  return { start: mention.span.start, end };
}

export function dataOf(mention: AssessedMention, profile: string): Record<string, unknown> {
  return {
    algorithm: mention.algorithm, parameter: mention.parameter, use: mention.use, stance: mention.stance, status: mention.judgement.status, profile,
    ...(mention.judgement.until ? { until: mention.judgement.until } : {}),
  };
}
