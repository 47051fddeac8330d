import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';
import { quoteList, requireBlock } from './helpers';

const MUST_BE_ON = ['key_usage_audit', 'anomaly_detection'];

export const monitoringMissing: Rule = {
  id: 'monitoring-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 7), g.impl('CEK-02', 5)],
  severity: 'error',
  description: 'The policy does not state how adherence is monitored: key usage auditing, anomaly detection, periodic control reviews and internal audit (`monitoring` or a Monitoring section).',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const findings: RuleFinding[] = requireBlock(context, {
      key: 'monitoring',
      section: 'monitoring',
      keys: ['key_usage_audit', 'anomaly_detection', 'control_reviews', 'internal_audit'],
      template: { key_usage_audit: true, anomaly_detection: true, control_reviews: 'quarterly', internal_audit: 'annual' },
      missingMessage: 'The policy does not state how adherence is monitored. Add `monitoring: {key_usage_audit, anomaly_detection, control_reviews, internal_audit}`.',
      partialMessage: (missing) => `\`monitoring\` lacks ${quoteList(missing)}: CEK-01 expects automated key usage auditing, anomaly detection, periodic control reviews and internal audit.`,
    });
    const monitoring = context.policy.field('monitoring');
    if (monitoring?.kind === 'map') {
      for (const entry of monitoring.entries) {
        if (MUST_BE_ON.includes(entry.key) && entry.value.kind === 'scalar' && entry.value.value === false) {
          findings.push({ span: entry.value.span, message: `\`monitoring.${entry.key}\` is off: CEK-01 expects ${entry.key === 'key_usage_audit' ? 'automated key usage auditing' : 'anomaly detection for unauthorized key access'}.` });
        }
      }
    }
    return findings;
  },
};
