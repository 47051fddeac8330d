import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';

export const suppressionExpired: Rule = {
  id: 'suppression-expired',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 7)],
  severity: 'warning',
  description: 'An inline suppression is past its `(until YYYY-MM-DD)` date (or the date cannot be read): it no longer suppresses anything.',
  fixable: false,
  formats: ['yaml', 'markdown'],
  summary: false,
  check: () => [],
  checkDirectives(context, directives) {
    const findings: RuleFinding[] = [];
    for (const directive of directives) {
      if (directive.badUntil !== undefined) {
        findings.push({ span: directive.span, message: `The suppression's end date "${directive.badUntil}" is not a date (YYYY-MM-DD); the suppression still applies until it is corrected.` });
      } else if (directive.until && directive.until < context.today) {
        findings.push({
          span: directive.span,
          message: `This suppression of ${directive.rules.join(', ') || 'every rule'} expired on ${directive.until}; the findings it covered are reported again. Fix them or renew the suppression with a new reason.`,
          data: { until: directive.until, rules: directive.rules },
        });
      }
    }
    return findings;
  },
};
