import { addMonths } from '../parse/dates';
import { g, type Rule } from './rule';
import { effectiveInterval, hasFieldOrSection, isoDateOf, missingAt } from './helpers';

export const reviewMissing: Rule = {
  id: 'review-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2), g.ccm('CEK-01', 2), g.impl('CEK-02', 6)],
  severity: 'error',
  description: 'The policy states no review schedule (`review: {last, next, interval_months, triggers}` or a Review section); CEK-01 requires review at least annually.',
  fixable: 'safe',
  formats: ['yaml', 'markdown'],
  check(context) {
    const review = context.policy.field('review');
    const interval = effectiveInterval(context);
    if (review?.kind === 'map') {
      const has = (key: string) => review.entries.some((entry) => entry.key === key);
      if (has('next')) return [];
      const last = isoDateOf(context.policy.at('review', 'last'));
      if (has('last') && last) {
        const next = addMonths(last, interval);
        return [{
          span: missingAt(context, 'review'),
          message: `\`review\` has no \`next\` date: with the last review on ${last} and a ${interval}-month interval, the next is due ${next}.`,
          fix: context.edits.fix(`Set review.next to ${next}`, context.edits.insertMapField(review, 'next', next)),
          data: { next },
        }];
      }
      if (has('last')) return [];
      return [{
        span: missingAt(context, 'review'),
        message: '`review` has neither `last` nor `next`: state when the policy was last reviewed and when it is next due (at least annually).',
        suggestions: [context.edits.fix('Add review dates', context.edits.insertMapField(review, 'last', context.today), context.edits.insertMapField(review, 'next', addMonths(context.today, interval)))],
      }];
    }
    const { lastReviewed, nextReview, reviewCadence } = context.policy.meta;
    if (hasFieldOrSection(context, 'review', 'review') || lastReviewed || nextReview) return [];
    if (reviewCadence) {
      return [{ span: reviewCadence.span, message: `The policy states a review cadence (${reviewCadence.source}) but no review dates: record when it was last reviewed and when the next review is due.` }];
    }
    return [{
      span: missingAt(context),
      message: 'The policy states no review schedule. Add `review: {last, next, interval_months, triggers}`: CEK-01 requires review at least annually and upon significant change.',
      suggestions: [context.edits.fix('Add a review block', context.edits.insertRootField('review', {
        last: context.today,
        next: addMonths(context.today, interval),
        interval_months: interval,
        triggers: ['new key management service', 'encryption algorithm deprecation', 'regulatory or industry requirement change'],
      }))],
    }];
  },
};
