import { g, type Rule } from './rule';
import { datedRoles, placeAt, speaksProse } from './helpers';

export const roleReviewMissing: Rule = {
  id: 'role-review-missing',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 7)],
  severity: 'error',
  description: 'The policy does not say that role assignments (who holds CEK roles and key access) are reviewed periodically: at least annually and upon major change.',
  fixable: false,
  formats: ['yaml', 'markdown'],
  check(context) {
    // Roles that record a review date each are judged one by one (role-review-overdue).
    if (datedRoles(context, 'reviewed').length > 0 || context.judgement.element('roleReview').met) return [];
    return [{
      span: placeAt(context, { topics: ['roles', 'governance'] }),
      message: speaksProse(context, 'roles')
        ? 'The policy does not say that role assignments are reviewed: add a sentence such as "Assignments to CEK roles and access to key material are reviewed quarterly and upon major change to the cryptographic infrastructure", or a Reviewed column in the roles table.'
        : 'The policy does not say that role assignments are reviewed: record `reviewed:` dates on the roles, or `governance.review_months`.',
    }];
  },
};
