import { g, type Rule } from './rule';
import { quoteList, requireBlock } from './helpers';

export const enforcementMissing: Rule = {
  id: 'enforcement-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 4), g.impl('CEK-02', 4)],
  severity: 'error',
  description: 'The policy does not say how it is enforced technically: configuration baselines, encryption defaults, KMS/HSM configuration and CI/CD checks (`enforcement` or a Key Lifecycle / Enforcement section).',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    return requireBlock(context, {
      key: 'enforcement',
      section: 'enforcement',
      keys: ['baselines', 'defaults', 'kms_hsm_config', 'cicd'],
      template: { baselines: 'TBD', defaults: 'TBD', kms_hsm_config: 'TBD', cicd: 'TBD' },
      missingMessage: 'The policy does not say how it is enforced. Add `enforcement: {baselines, defaults, kms_hsm_config, cicd}`: the configuration baselines, encryption defaults, KMS/HSM settings and pipeline checks an auditor will inspect.',
      partialMessage: (missing) => `\`enforcement\` lacks ${quoteList(missing)}: an auditor validates enforcement through baselines, encryption defaults, KMS/HSM configuration and CI/CD checks.`,
      partialSeverity: 'warning',
    });
  },
};
