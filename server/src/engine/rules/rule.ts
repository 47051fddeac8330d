import type { GuidelineRef } from '../config/catalog';
import type { FixBuilder } from '../fixes/edits';
import type { Judgement } from '../requirements/assess';
import type { EvidenceContext } from '../requirements/types';
import type { Directive } from './suppressions';
import type { PolicySet } from '../sets/policySet';
import type { RuleFinding, Severity } from '../types';
import { ruleDocsBaseUrl } from '../../packageInfo';

/** From package.json `repository`/`homepage`: a fork or a rename moves every help link. */
export const DOCS_BASE_URL = ruleDocsBaseUrl();

export interface RuleContext extends EvidenceContext {
  /** The guidelines' elements as judged on this document: rules report what they find unmet. */
  judgement: Judgement;
  /** Duty ids that must be assigned, after actor and config. */
  requiredDuties: string[];
  /** Pairs of duties one assignee must not hold together. */
  segregation: [string, string][];
  edits: FixBuilder;
  /** The documents the policy refers to, when the caller resolves references (the CLI, the editor): see sets/policySet.ts. */
  policySet?: Pick<PolicySet, 'unresolved' | 'members'>;
}

export interface Rule {
  id: string;
  /** The control the rule checks: `CEK-01` to `CEK-21`. */
  control: string;
  /** For a control pack's rule: the pack (controls/<id>/) whose data made it. */
  pack?: string;
  /** A sentence that satisfies the rule (docs, messages). */
  example?: string;
  /** The seed guidelines the rule enforces. */
  guidelines: GuidelineRef[];
  severity: Severity;
  /** One sentence: what the rule reports. */
  description: string;
  /** `safe`: the fix goes into fix-all; `suggestion`: offered as a quick fix only. */
  fixable: 'safe' | 'suggestion' | false;
  /** Which formats the rule can report in. */
  formats: ('yaml' | 'markdown')[];
  /**
   * `false`: the findings cite their guidelines as context but do not decide those guidelines' statuses. The
   * cryptography rules speak for CEK-04, CEK-10 and CEK-12, whose guidelines the built-in catalog does not carry;
   * the CEK-01 guideline they cite (a policy that addresses cryptographic functions) is not judged on algorithm strength.
   */
  blocks?: false;
  /** Rules whose findings this rule's findings stand for (one finding per gap): theirs are dropped where it reports. */
  replaces?: string[];
  /** `false` for hygiene rules (parse errors, schema, suppressions) that are not requirements of the control's summary. */
  summary?: false;
  check(context: RuleContext): RuleFinding[];
  /** Rules about suppression directives see them after every other rule has run. */
  checkDirectives?(context: RuleContext, directives: Directive[], used: Set<Directive>): RuleFinding[];
}

/** The rule's doc on the project's web page, when package.json names one (`repository` or `homepage`). */
export function docsUrl(ruleId: string): string | undefined {
  return DOCS_BASE_URL === undefined ? undefined : `${DOCS_BASE_URL}${ruleId}.md`;
}

export const g = {
  impl: (control: string, number: number): GuidelineRef => ({ control, kind: 'implementation', number }),
  audit: (control: string, number: number): GuidelineRef => ({ control, kind: 'auditing', number }),
  ccm: (control: string, number: number): GuidelineRef => ({ control, kind: 'ccm', number }),
};
