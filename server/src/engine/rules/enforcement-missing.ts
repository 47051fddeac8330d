import { g, type Rule } from './rule';
import { addBlock, gapsOf, partialBlock, placeAt, quoteList, speaksProse } from './helpers';

export const enforcementMissing: Rule = {
  id: 'enforcement-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 4), g.impl('CEK-02', 4)],
  severity: 'error',
  description: 'The policy does not state a technical baseline (algorithms, key sizes, encryption defaults) and how it is enforced or verified technically (configuration checks, KMS/HSM configuration, automation, CI/CD, scanning). Sanctions for violations are not technical enforcement.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const template = { baselines: 'TBD', defaults: 'TBD', kms_hsm_config: 'TBD', cicd: 'TBD' };
    if (context.policy.field('enforcement')) {
      return partialBlock(context, {
        key: 'enforcement', keys: ['baselines', 'defaults', 'kms_hsm_config', 'cicd'], template, severity: 'warning',
        message: (missing) => `\`enforcement\` lacks ${quoteList(missing)}: an auditor validates enforcement through baselines, encryption defaults, KMS/HSM configuration and CI/CD checks.`,
      });
    }
    const elements = [context.judgement.element('baseline'), context.judgement.element('mechanism')];
    if (elements.every((element) => element.met)) return [];
    const onlyBaseline = elements[0].met;
    return [{
      span: placeAt(context, { topics: ['enforcement'], evidence: elements[0].evidence }),
      message: speaksProse(context)
        ? `The policy states ${gapsOf(elements)}. ${onlyBaseline ? 'Say how the baseline is enforced or verified technically' : 'State the approved algorithms and key sizes, and how they are enforced'}, e.g. "Encryption defaults (AES-256 at rest, TLS 1.2+ in transit) are enforced by configuration baselines and verified by automated scans in CI/CD."`
        : `The policy states ${gapsOf(elements)}. Add \`enforcement: {baselines, defaults, kms_hsm_config, cicd}\`: the configuration baselines, encryption defaults, KMS/HSM settings and pipeline checks an auditor will inspect.`,
      suggestions: () => [addBlock(context, 'enforcement', template)],
      data: { missing: elements.filter((element) => !element.met).map((element) => element.id) },
    }];
  },
};
