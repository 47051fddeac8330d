import { stanceOf } from '../evidence/stance';
import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';
import { addBlock, gapsOf, partialBlock, placeAt, quoteList, speaksProse } from './helpers';

const MUST_BE_ON = ['key_usage_audit', 'anomaly_detection'];

export const monitoringMissing: Rule = {
  id: 'monitoring-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 7), g.impl('CEK-02', 5)],
  severity: 'error',
  description: 'The policy does not state how adherence is monitored: key usage logging or anomaly detection, and periodic control reviews or internal audit (`monitoring`, or statements such as "key usage is logged and monitored for anomalies; controls are audited annually").',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const template = { key_usage_audit: true, anomaly_detection: true, control_reviews: 'quarterly', internal_audit: 'annual' };
    const monitoring = context.policy.field('monitoring');
    if (monitoring) {
      const findings: RuleFinding[] = partialBlock(context, {
        key: 'monitoring', keys: ['key_usage_audit', 'anomaly_detection', 'control_reviews', 'internal_audit'], template,
        message: (missing) => `\`monitoring\` lacks ${quoteList(missing)}: CEK-01 expects automated key usage auditing, anomaly detection, periodic control reviews and internal audit.`,
      });
      if (monitoring.kind === 'map') {
        for (const entry of monitoring.entries) {
          if (MUST_BE_ON.includes(entry.key) && stanceOf(entry.value) === false) {
            findings.push({ span: entry.value.span, message: `\`monitoring.${entry.key}\` is off: CEK-01 expects ${entry.key === 'key_usage_audit' ? 'automated key usage auditing' : 'anomaly detection for unauthorized key access'}.` });
          }
        }
      }
      return findings;
    }
    const elements = [context.judgement.element('keyUsageAudit'), context.judgement.element('controlReview')];
    if (elements.every((element) => element.met)) return [];
    return [{
      span: placeAt(context, { topics: ['monitoring'] }),
      message: speaksProse(context)
        ? `The policy states ${gapsOf(elements)}. Add to the monitoring or audit section ${[
          elements[0].met ? '' : 'that key usage is logged and watched, e.g. "All use of keys in the KMS is logged and monitored for anomalous or unauthorized access."',
          elements[1].met ? '' : 'how often controls are reviewed or audited, e.g. "Key management controls are reviewed quarterly and audited annually."',
        ].filter(Boolean).join(' And add ')}`
        : `The policy states ${gapsOf(elements)}. Add \`monitoring: {key_usage_audit, anomaly_detection, control_reviews, internal_audit}\`.`,
      suggestions: () => [addBlock(context, 'monitoring', template)],
      data: { missing: elements.filter((element) => !element.met).map((element) => element.id) },
    }];
  },
};
