import { g, type Rule } from './rule';
import { textList } from '../model/model';
import { reviewFacts } from '../requirements/review';

const DEFAULT_TRIGGERS = ['new key management service', 'encryption algorithm deprecation', 'regulatory or industry requirement change'];

export const reviewTriggersMissing: Rule = {
  id: 'review-triggers-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2), g.impl('CEK-02', 6)],
  severity: 'info',
  description: 'The review schedule names no events that trigger an out-of-cycle review (new KMS, algorithm deprecation, regulatory change). Advice: the annual review alone meets the guideline.',
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
        suggestions: () => entry ? [context.edits.fix('List review triggers', context.edits.replaceValue(entry.value, DEFAULT_TRIGGERS))]
          : [context.edits.fix('Add review triggers', context.edits.insertMapField(review, 'triggers', DEFAULT_TRIGGERS))],
      }];
    }
    if (review) return [];
    const facts = reviewFacts(context);
    if (!facts.interval || context.policy.evidence('reviewTriggers').length > 0) return [];
    return [{
      span: facts.interval.span,
      message: 'The review schedule names no events that trigger an out-of-cycle review: add "and upon significant change (a new KMS, algorithm deprecation, a regulatory change)".',
    }];
  },
};
