import { g, type Rule } from './rule';
import { textList } from '../model/model';

const DEFAULT_TRIGGERS = ['new key management service', 'encryption algorithm deprecation', 'regulatory or industry requirement change'];
/** Words that show a Review section says when, besides the calendar, the policy is reviewed. */
const TRIGGER_WORDS = ['significant', 'change', 'deprecat', 'incident', 'upon', 'new key', 'regulat'];

export const reviewTriggersMissing: Rule = {
  id: 'review-triggers-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2), g.impl('CEK-02', 6)],
  severity: 'warning',
  description: 'The review schedule names no events that trigger an out-of-cycle review (new KMS, algorithm deprecation, regulatory change).',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const review = context.policy.field('review');
    if (review?.kind === 'map') {
      const entry = review.entries.find((candidate) => candidate.key === 'triggers');
      if (entry && textList(entry.value).length > 0) return [];
      const reviewKey = context.policy.entry('review')!.keySpan;
      return [{
        span: entry ? entry.keySpan : reviewKey,
        message: '`review` lists no `triggers`: name the significant changes that force a review before the annual date (e.g. a new KMS, algorithm deprecation, regulatory change).',
        suggestions: entry ? [context.edits.fix('List review triggers', context.edits.replaceValue(entry.value, DEFAULT_TRIGGERS))]
          : [context.edits.fix('Add review triggers', context.edits.insertMapField(review, 'triggers', DEFAULT_TRIGGERS))],
      }];
    }
    if (review) return [];
    const section = context.policy.filledSection('review');
    if (!section) return [];
    const body = section.bodyText.toLowerCase();
    if (TRIGGER_WORDS.some((word) => body.includes(word))) return [];
    return [{
      span: section.headingSpan,
      message: 'The Review section names no events that trigger an out-of-cycle review (e.g. a new KMS, algorithm deprecation, regulatory change).',
    }];
  },
};
