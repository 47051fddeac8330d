import type { Catalog, GuidelineRef } from '../config/catalog';
import type { CheckConfig } from '../config/config';
import type { PolicyModel } from '../model/model';
import type { PolicyDocument } from '../parse/document';
import type { Finding, Span } from '../types';

export type RequirementStatus = 'met' | 'partial' | 'not-met' | 'not-applicable' | 'not-assessed';

/** A piece of the document that establishes (part of) a guideline. */
export interface Evidence {
  span: Span;
  /** What the text was taken to establish: "key usage logging", "policy owner". */
  matched: string;
  /** Why the text was accepted as that: 'it says "rotated", "every 12 months"', 'the `owner` field'. */
  why?: string;
}

/** One thing a guideline asks an auditor to find, judged on the document. */
export interface ElementResult {
  id: string;
  /** "a designated policy owner" */
  label: string;
  met: boolean;
  /** Part of it found (one algorithm where a list is asked for): counts towards a partial requirement. */
  partial?: boolean;
  evidence: Evidence[];
  /** When not met: what is missing or wrong, in a few words ("no approval date"). */
  gap?: string;
  /**
   * When not met, for the rules that place their finding by it: which of the element's ways of failing applies
   * (the established element: `status`, `version`, `notice`, `identity`, `filler`, `untitled`; the approval: `unsigned`).
   */
  cause?: string;
}

/** Everything an element or a rule may read: the parsed document, its evidence, and the settings of the check. */
export interface EvidenceContext {
  doc: PolicyDocument;
  policy: PolicyModel;
  config: CheckConfig;
  catalog: Catalog;
  /** ISO date used as today: injected, never read from the clock here. */
  today: string;
}

export type Applicability =
  | { status: 'applies' }
  | { status: 'not-applicable'; reason: string }
  | { status: 'not-assessed'; reason: string };

/** How the checker judges one guideline: whether it applies, and the elements that make it met. */
export interface RequirementDefinition {
  applies?(context: EvidenceContext): Applicability;
  /** Element ids (see elements.ts), each of which must be met. */
  elements(context: EvidenceContext): string[];
  /** Must hold for every document of a policy set (approval, ownership, review, communication). */
  perDocument?: boolean;
}

export interface RequirementResult {
  ref: GuidelineRef;
  status: RequirementStatus;
  elements: ElementResult[];
  evidence: Evidence[];
  /** Open (not suppressed) error and warning findings that cite this guideline. */
  findings: Finding[];
  reason: string;
}
