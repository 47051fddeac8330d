import { assessCryptography } from '../crypto/assess';
import { KEY_TYPE_BY_ID } from '../crypto/cryptoperiods';
import { describeSource } from '../crypto/describe';
import { NIST_PROFILE } from '../crypto/profiles';
import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';

export const cryptoperiodTooLong: Rule = {
  id: 'cryptoperiod-too-long',
  control: 'CEK-12',
  guidelines: [g.audit('CEK-01', 1)],
  severity: 'warning',
  description: 'A rotation period is longer than the upper end of the cryptoperiod SP 800-57 Part 1 Table 1 suggests for that key type (data-encryption and key-wrapping keys 2 years, private signature keys 3 years, master keys 1 year).',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  blocks: false,
  check(context) {
    const assessment = assessCryptography(context.doc, context.config, context.today);
    const findings: RuleFinding[] = [];
    for (const period of assessment.facts.cryptoperiods) {
      const type = KEY_TYPE_BY_ID.get(period.keyType);
      if (!type || type.maxMonths === null || period.months <= type.maxMonths) continue;
      const max = type.maxMonths;
      const written = context.doc.text.slice(period.span.start, period.span.end);
      findings.push({
        span: period.span,
        message: `A ${formatMonths(period.months)} cryptoperiod for a ${type.label} is longer than the ${formatMonths(max)} SP 800-57 Part 1 Rev. 5 suggests (${describeSource(NIST_PROFILE, type.source)}).`,
        suggestions: () => [period.node
          ? context.edits.fix(`Set months to ${max}`, context.edits.replaceValue(period.node, max))
          : context.edits.fix(`Rotate every ${max} months`, { start: period.span.start, end: period.span.end, newText: /^every\b/i.test(written) ? `every ${max} months` : `${max} months` })],
        data: { keyType: type.id, months: period.months, maxMonths: max },
      });
    }
    return findings;
  },
};

function formatMonths(months: number): string {
  if (months >= 12 && months % 12 === 0) return `${months / 12}-year`;
  return `${Math.round(months * 10) / 10}-month`;
}
