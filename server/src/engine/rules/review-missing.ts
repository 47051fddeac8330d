import { addMonths } from '../parse/dates';
import { effectiveInterval, reviewFacts } from '../requirements/review';
import { g, type Rule } from './rule';
import { addBlock, isoDateOf, missingAt, placeAt, speaksProse } from './helpers';

const TRIGGERS = ['new key management service', 'encryption algorithm deprecation', 'regulatory or industry requirement change'];

export const reviewMissing: Rule = {
  id: 'review-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2), g.ccm('CEK-01', 2), g.impl('CEK-02', 6)],
  severity: 'error',
  description: 'The policy states no review schedule, or states a cadence but no review date to count from (`review: {last, next, interval_months, triggers}`, Last/Next Review labels, or "reviewed at least annually" with a date).',
  fixable: 'safe',
  formats: ['yaml', 'markdown'],
  check(context) {
    const review = context.policy.field('review');
    const facts = reviewFacts(context);
    const interval = effectiveInterval(context, facts);
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
        suggestions: () => [context.edits.fix('Add review dates', context.edits.insertMapField(review, 'last', context.today), context.edits.insertMapField(review, 'next', addMonths(context.today, interval)))],
      }];
    }
    if (review) return [];
    if (facts.next || facts.last) return [];
    if (facts.interval) {
      if (facts.anchor?.latest) return [];
      return [{
        span: facts.interval.span,
        message: `The policy says it is reviewed every ${facts.interval.months} months (${facts.interval.source}) but records no review or approval date to count from: record when it was last reviewed and when the next review is due.`,
        data: { interval: facts.interval.months },
      }];
    }
    return [{
      span: placeAt(context, { topics: ['review'] }),
      message: speaksProse(context)
        ? 'The policy states no review schedule. Add a Review section saying it is reviewed at least annually and upon significant change, and record the dates (e.g. `**Last Review:** 2026-03-10`, `**Next Review:** 2027-03-10`).'
        : 'The policy states no review schedule. Add `review: {last, next, interval_months, triggers}`: CEK-01 requires review at least annually and upon significant change.',
      suggestions: () => [addBlock(context, 'review', { last: context.today, next: addMonths(context.today, interval), interval_months: interval, triggers: TRIGGERS })],
    }];
  },
};
