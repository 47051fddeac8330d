import { g, type Rule } from './rule';
import { textList } from '../model/model';
import type { RuleFinding } from '../types';
import { quoteList, requireBlock } from './helpers';

/** CEK-01 auditing 6: awareness covers secure key generation, encryption management and incident response. */
const TOPICS: { name: string; words: string[] }[] = [
  { name: 'secure key generation', words: ['key gen', 'key-gen', 'generation'] },
  { name: 'encryption management', words: ['encrypt'] },
  { name: 'incident response', words: ['incident'] },
];

function missingTopics(text: string): string[] {
  const lower = text.toLowerCase();
  return TOPICS.filter((topic) => !topic.words.some((word) => lower.includes(word))).map((topic) => topic.name);
}

export const trainingMissing: Rule = {
  id: 'training-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 6), g.audit('CEK-02', 6), g.ccm('CEK-02', 2)],
  severity: 'error',
  description: 'No training program for CEK personnel, or one that is less frequent than required or misses secure key generation, encryption management or incident response.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const findings: RuleFinding[] = requireBlock(context, {
      key: 'training',
      section: 'training',
      keys: ['program', 'frequency_months', 'topics'],
      template: { program: 'TBD', frequency_months: context.config.roles.trainingMonths, topics: TOPICS.map((topic) => topic.name) },
      missingMessage: 'The policy has no training program. Add `training: {program, frequency_months, topics}` covering secure key generation, encryption management and incident response.',
      partialMessage: (missing) => `\`training\` lacks ${quoteList(missing)}.`,
    });
    const frequency = context.policy.at('training', 'frequency_months');
    if (frequency?.kind === 'scalar' && typeof frequency.value === 'number' && frequency.value > context.config.roles.trainingMonths) {
      findings.push({ span: frequency.span, severity: 'warning', message: `Training every ${frequency.value} months is less often than the ${context.config.roles.trainingMonths} months required; staff must be current on cryptographic practice.` });
    }
    const topicsEntry = context.policy.at('training', 'topics');
    if (topicsEntry) {
      const missing = missingTopics(textList(topicsEntry).map((topic) => topic.value).join(' '));
      if (missing.length > 0) findings.push({ span: topicsEntry.span, severity: 'warning', message: `Training topics do not cover ${missing.join(', ')} (CEK-01 auditing guideline 6).`, data: { missingTopics: missing } });
    } else if (!context.policy.entry('training')) {
      const section = context.policy.filledSection('training');
      const missing = section ? missingTopics(section.bodyText) : [];
      if (section && missing.length > 0) findings.push({ span: section.headingSpan, severity: 'warning', message: `The Training section does not cover ${missing.join(', ')} (CEK-01 auditing guideline 6).`, data: { missingTopics: missing } });
    }
    return findings;
  },
};
