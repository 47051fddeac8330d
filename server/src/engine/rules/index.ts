import type { Rule } from './rule';
import { approvalDateFuture } from './approval-date-future';
import { approvalEvidenceMissing } from './approval-evidence-missing';
import { approvalMissing } from './approval-missing';
import { dateFormat } from './date-format';
import { identityMissing } from './identity-missing';
import { internalError } from './internal-error';
import { ownerMissing } from './owner-missing';
import { parseError } from './parse-error';
import { documentTooComplex } from './document-too-complex';
import { reviewDueSoon } from './review-due-soon';
import { reviewIntervalTooLong } from './review-interval-too-long';
import { reviewMissing } from './review-missing';
import { reviewOverdue } from './review-overdue';
import { reviewTriggersMissing } from './review-triggers-missing';
import { schema } from './schema';
import { communicationMissing } from './communication-missing';
import { scopeIncomplete } from './scope-incomplete';
import { enforcementMissing } from './enforcement-missing';
import { monitoringMissing } from './monitoring-missing';
import { trainingMissing } from './training-missing';
import { byokMissing } from './byok-missing';
import { byokIncomplete } from './byok-incomplete';
import { unknownControl } from './unknown-control';
import { placeholder } from './placeholder';
import { draftPolicy } from './draft-policy';
import { actorUnknown } from './actor-unknown';
import { languageUnsupported } from './language-unsupported';
// CEK-01 content rules
import { rolesMissing } from './roles-missing';
import { dutyUnassigned } from './duty-unassigned';
import { roleUnassigned } from './role-unassigned';
import { sodConflict } from './sod-conflict';
import { alternateMissing } from './alternate-missing';
import { roleTrainingMissing } from './role-training-missing';
import { roleReviewOverdue } from './role-review-overdue';
import { governanceMissing } from './governance-missing';
import { unknownDuty } from './unknown-duty';
import { unknownRole } from './unknown-role';
import { coordinationMissing } from './coordination-missing';
import { segregationMissing } from './segregation-missing';
import { roleReviewMissing } from './role-review-missing';
import { referenceUnresolved } from './reference-unresolved';
// CEK-02 rules
import { suppressionExpired } from './suppression-expired';
import { suppressionUnjustified } from './suppression-unjustified';
import { suppressionUnused } from './suppression-unused';
// Suppression rules
import { algorithmDisallowed } from './algorithm-disallowed';
import { algorithmDeprecated } from './algorithm-deprecated';
import { algorithmNotApproved } from './algorithm-not-approved';
import { quantumVulnerable } from './quantum-vulnerable';
import { cryptoperiodTooLong } from './cryptoperiod-too-long';
import { cryptoperiodMissing } from './cryptoperiod-missing';
import { keyGenerationUnspecified } from './key-generation-unspecified';
import { unknownProfile } from './unknown-profile';
// Cryptography rules (CEK-04, CEK-10, CEK-12)

import { controlRequirementMissing, domainRules } from './domain-controls';
/** The registry: docs, SARIF rule metadata and the coverage test are generated from this list. */
export const rules: Rule[] = [
  parseError,
  documentTooComplex,
  internalError,
  schema,
  dateFormat,
  identityMissing,
  draftPolicy,
  actorUnknown,
  languageUnsupported,
  ownerMissing,
  approvalMissing,
  approvalEvidenceMissing,
  approvalDateFuture,
  reviewMissing,
  reviewOverdue,
  reviewDueSoon,
  reviewIntervalTooLong,
  reviewTriggersMissing,
  communicationMissing,
  scopeIncomplete,
  enforcementMissing,
  monitoringMissing,
  trainingMissing,
  byokMissing,
  byokIncomplete,
  unknownControl,
  placeholder,
  // CEK-01 content rules (list)
  rolesMissing,
  dutyUnassigned,
  roleUnassigned,
  sodConflict,
  segregationMissing,
  alternateMissing,
  roleTrainingMissing,
  roleReviewOverdue,
  roleReviewMissing,
  governanceMissing,
  unknownDuty,
  unknownRole,
  coordinationMissing,
  // CEK-02 rules (list)
  referenceUnresolved,
  // Policy sets (list)
  suppressionUnjustified,
  suppressionExpired,
  suppressionUnused,
  // Suppression rules (list)
  algorithmDisallowed,
  algorithmDeprecated,
  algorithmNotApproved,
  quantumVulnerable,
  cryptoperiodTooLong,
  cryptoperiodMissing,
  keyGenerationUnspecified,
  unknownProfile,
  // Cryptography rules (list)
  ...domainRules,
  controlRequirementMissing,
  // CEK-03..CEK-21: one rule per control pack (controls/CEK-NN/control.json), and user catalogs' controls
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
