import { g, type Rule } from './rule';

export const languageUnsupported: Rule = {
  id: 'language-unsupported',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 1)],
  severity: 'info',
  description: 'The policy is written in a language other than English, which cek-policy does not read: one finding says so, and its guidelines are not assessed (instead of a finding for every topic it seems to miss). Structured fields (YAML, front matter) are still checked.',
  fixable: false,
  formats: ['markdown'],
  summary: false,
  check(context) {
    const language = context.policy.language;
    if (language.english) return [];
    return [{
      span: context.doc.anchor,
      message: `The policy does not read as English (${Math.round(language.share * 100)}% of the ${language.words} words of prose read are common English words; English prose has 25% or more): cek-policy reads English only, so its guidelines are not assessed. Structured fields are still checked; an English translation can be checked as a policy of its own.`,
    }];
  },
};
