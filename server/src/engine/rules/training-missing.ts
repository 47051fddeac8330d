import { g, type Rule } from './rule';
import { textList } from '../model/model';
import type { RuleFinding } from '../types';
import { addBlock, partialBlock, placeAt, quoteList, speaksProse } from './helpers';
import type { ConceptId } from '../evidence/lexicon';
import { conceptIn, conceptInStatement } from '../evidence/concepts';
import { append } from '../arrays';

/** CEK-01 auditing 6: awareness covers secure key generation, encryption management and incident response. */
const TOPICS: { name: string; concept: ConceptId }[] = [
  { name: 'secure key generation', concept: 'trainingTopicKeyGeneration' },
  { name: 'encryption management', concept: 'trainingTopicEncryption' },
  { name: 'incident response', concept: 'trainingTopicIncident' },
];

export const trainingMissing: Rule = {
  id: 'training-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 6), g.audit('CEK-02', 6), g.ccm('CEK-02', 2)],
  severity: 'error',
  description: 'No training for the people who hold CEK duties, or one less frequent than required, or one that misses secure key generation, encryption management or incident response (`training`, or a statement such as "key custodians complete annual key-management training").',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const { policy } = context;
    const template = { program: 'TBD', frequency_months: context.config.roles.trainingMonths, topics: TOPICS.map((topic) => topic.name) };
    const findings: RuleFinding[] = [];
    if (policy.field('training')) {
      append(findings, partialBlock(context, {
        key: 'training', keys: ['program', 'frequency_months', 'topics'], template,
        message: (missing) => `\`training\` lacks ${quoteList(missing)}.`,
      }));
      const frequency = policy.at('training', 'frequency_months');
      if (frequency?.kind === 'scalar' && typeof frequency.value === 'number' && frequency.value > context.config.roles.trainingMonths) {
        findings.push({ span: frequency.span, severity: 'warning', message: `Training every ${frequency.value} months is less often than the ${context.config.roles.trainingMonths} months required; staff must be current on cryptographic practice.` });
      }
      const topics = policy.at('training', 'topics');
      if (topics) {
        const listed = textList(topics).map((topic) => topic.value).join('; ');
        const missing = TOPICS.filter((topic) => !conceptIn(topic.concept, listed)).map((topic) => topic.name);
        if (missing.length > 0) findings.push({ span: topics.span, severity: 'warning', message: `Training topics do not cover ${missing.join(', ')} (CEK-01 auditing guideline 6).`, data: { missingTopics: missing } });
      }
      return findings;
    }
    const element = context.judgement.element('training');
    if (!element.met) {
      return [{
        span: placeAt(context, { topics: ['training', 'roles'] }),
        message: speaksProse(context)
          ? 'The policy requires no training for the people who hold CEK duties. Add a Training section or a sentence such as "Key custodians and KMS administrators complete key-management training before taking the role and annually, covering secure key generation, encryption management and incident response."'
          : 'The policy has no training program. Add `training: {program, frequency_months, topics}` covering secure key generation, encryption management and incident response.',
        suggestions: () => [addBlock(context, 'training', template)],
      }];
    }
    // Prose rarely lists topics: a missing one is advice, not a gap.
    const described = policy.evidence('training');
    if (described.length === 0) return findings;
    // A topic is one word of a kind ("incident", "breach"): some statement of the training names it, or none does.
    const missing = TOPICS.filter((topic) => !described.some((hit) => conceptInStatement(topic.concept, hit.statement))).map((topic) => topic.name);
    if (missing.length > 0) {
      findings.push({ span: placeAt(context, { topics: ['training'], evidence: element.evidence }), severity: 'info', message: `The training described does not mention ${missing.join(', ')} (CEK-01 auditing guideline 6 asks awareness programs to cover them).`, data: { missingTopics: missing } });
    }
    return findings;
  },
};
