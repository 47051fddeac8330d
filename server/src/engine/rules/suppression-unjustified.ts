import { g, type Rule } from './rule';

export const suppressionUnjustified: Rule = {
  id: 'suppression-unjustified',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 7)],
  severity: 'warning',
  description: 'An inline `cek-policy-disable` comment gives no reason (`-- why`) or names no rule: an auditor cannot tell why a finding was accepted.',
  fixable: false,
  formats: ['yaml', 'markdown'],
  summary: false,
  check: () => [],
  checkDirectives(context, directives) {
    return directives
      .filter((directive) => directive.kind !== 'enable' && (!directive.justification || directive.rules.length === 0))
      .map((directive) => ({
        span: directive.span,
        message: directive.rules.length === 0
          ? 'This suppression names no rule, so it hides every finding it covers; name the rule(s) and give a reason after `--`.'
          : `Suppression of ${directive.rules.join(', ')} gives no reason: add \`-- <why this is accepted>\` (and \`(until YYYY-MM-DD)\` if it is temporary).`,
        data: { rules: directive.rules },
      }));
  },
};
