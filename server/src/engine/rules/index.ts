import type { Rule } from '../rule';
import { approvalDateFuture } from './approval-date-future';
import { approvalEvidenceMissing } from './approval-evidence-missing';
import { approvalMissing } from './approval-missing';
import { dateFormat } from './date-format';
import { identityMissing } from './identity-missing';
import { ownerMissing } from './owner-missing';
import { parseError } from './parse-error';
import { reviewDueSoon } from './review-due-soon';
import { reviewIntervalTooLong } from './review-interval-too-long';
import { reviewMissing } from './review-missing';
import { reviewOverdue } from './review-overdue';
import { reviewTriggersMissing } from './review-triggers-missing';
import { schema } from './schema';
// CEK-01 content rules
// CEK-02 rules
import { suppressionExpired } from './suppression-expired';
import { suppressionUnjustified } from './suppression-unjustified';
import { suppressionUnused } from './suppression-unused';
// Suppression rules

/** The registry: docs, SARIF rule metadata and the coverage test are generated from this list. */
export const rules: Rule[] = [
  parseError,
  schema,
  dateFormat,
  identityMissing,
  ownerMissing,
  approvalMissing,
  approvalEvidenceMissing,
  approvalDateFuture,
  reviewMissing,
  reviewOverdue,
  reviewDueSoon,
  reviewIntervalTooLong,
  reviewTriggersMissing,
  // CEK-01 content rules (list)
  // CEK-02 rules (list)
  suppressionUnjustified,
  suppressionExpired,
  suppressionUnused,
  // Suppression rules (list)
];

const byId = new Map(rules.map((rule) => [rule.id, rule]));

export function ruleById(id: string): Rule {
  const rule = byId.get(id);
  if (!rule) throw new Error(`Unknown rule ${id}`);
  return rule;
}

export function findRule(id: string): Rule | undefined {
  return byId.get(id);
}
