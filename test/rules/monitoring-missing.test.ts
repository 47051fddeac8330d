import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const MONITORING = 'monitoring: { key_usage_audit: true, anomaly_detection: true, control_reviews: quarterly, internal_audit: annual }';

ruleTester('monitoring-missing', {
  valid: [
    { name: 'complete YAML policy', code: yaml },
    { name: 'a Monitoring section', code: example('key-management-policy.md'), fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'no monitoring',
      code: edit(yaml, MONITORING + '\n', ''),
      errors: [{ range: [2, 1, 2, 5], text: 'kind', message: 'The policy states no key usage logging or anomaly detection; no periodic control review or internal audit. Add `monitoring: {key_usage_audit, anomaly_detection, control_reviews, internal_audit}`.' }],
      output: null,
      suggestions: [edit(yaml, MONITORING + '\n', 'monitoring:\n  key_usage_audit: true\n  anomaly_detection: true\n  control_reviews: quarterly\n  internal_audit: annual\n')],
    },
    {
      name: 'internal audit missing and anomaly detection off',
      code: edit(yaml, MONITORING, 'monitoring: { key_usage_audit: true, anomaly_detection: false, control_reviews: quarterly }'),
      errors: [
        { range: [25, 1, 25, 11], text: 'monitoring', message: /lacks `internal_audit`/ },
        { range: [25, 57, 25, 62], text: 'false', message: '`monitoring.anomaly_detection` is off: CEK-01 expects anomaly detection for unauthorized key access.' },
      ],
      suggestions: [edit(yaml, MONITORING, 'monitoring: { key_usage_audit: true, anomaly_detection: false, control_reviews: quarterly, internal_audit: annual }')],
    },
    {
      name: 'Markdown without a Monitoring section',
      code: (() => { const md = example('key-management-policy.md'); return md.slice(0, md.indexOf('## Monitoring')) + md.slice(md.indexOf('## Training')); })(),
      fileName: 'p.md',
      errors: [{ range: [2, 1, 2, 5], text: 'kind', message: /^The policy states no key usage logging or anomaly detection\. Add to the monitoring or audit section that key usage is logged/ }],
    },
  ],
});
