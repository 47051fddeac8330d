/**
 * The compliance report as data: the TypeScript face of `schemas/report.schema.json` (a test validates real
 * reports against the schema). `cek-policy report`, the renderers and the `cekPolicy/compliance` request all
 * speak this shape; nothing here knows the engine.
 */

/** met: established (with evidence); partial: some of it; not-met: none of it (findings say what is missing);
 * not-applicable: does not apply to this organisation (reason); not-assessed: cannot be judged (reason). */
export type RequirementStatus = 'met' | 'partial' | 'not-met' | 'not-applicable' | 'not-assessed';

export const REQUIREMENT_STATUSES: readonly RequirementStatus[] = ['met', 'partial', 'not-met', 'not-applicable', 'not-assessed'];

export type ReportGuidelineKind = 'implementation' | 'auditing' | 'ccm' | 'requirement';

export type ActorCode = 'CSP' | 'MP' | 'OSP' | 'AP' | 'AIC';

export interface ReportEvidence {
  /** 1-based line of the evidence. */
  line: number;
  /** The quoted source text (whitespace collapsed, at most 200 characters). */
  text: string;
  /** What the text was taken to establish, e.g. "key usage logging". */
  matched?: string;
  /** Why it was accepted as that: the words that say it, the field it is in, the document of the set it comes from. */
  why?: string;
  /** Set when the evidence is in another document of the policy set: that document (`line` and `text` are in it). */
  file?: string;
}

/** A reference of a policy to another document (a link, a document id, a title), and what it resolved to. */
export interface ReportReference {
  kind: 'link' | 'id' | 'title';
  target: string;
  /** 1-based line of the reference in the policy. */
  line: number;
  /** The document it resolved to; absent when it resolved to nothing. */
  resolved?: string;
}

/** A document the policy's references reached: part of its set, judged as a policy only when it is one. */
export interface ReportSetMember {
  file: string;
  /** It is a CEK policy itself (marker or content). */
  policy: boolean;
  /** Its status on the guidelines that must hold for every document of a set (approval, ownership, review, communication). */
  requirements: { guideline: string; status: RequirementStatus }[];
}

/** An open finding that blocks a requirement, with its position (1-based line, UTF-16 column). */
export interface ReportGap {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  line: number;
  column: number;
  message: string;
}

export interface GuidelineIdentity {
  /** e.g. "CEK-01 auditing guideline 2". */
  guideline: string;
  control: string;
  kind: ReportGuidelineKind;
  number: number;
  /** The guideline's own title where the seed gives one ("Governance"). */
  title?: string;
}

export interface RequirementReport extends GuidelineIdentity {
  /** The guideline text from the catalog. */
  text?: string;
  status: RequirementStatus;
  evidence: ReportEvidence[];
  /** Ids of the rules whose open findings block this guideline. */
  findings: string[];
  gaps?: ReportGap[];
  /** Why the status is what it is, in one or two sentences. */
  reason?: string;
  /** For a control pack's requirement: the elements an auditor must find, and which were found (a set combines them). */
  elements?: { id: string; label: string; met: boolean }[];
}

export type CaiqAnswerText = 'Yes' | 'Partial' | 'No' | 'Not assessed';

export interface CaiqReport {
  /** e.g. "CEK-01.2". */
  id: string;
  question: string;
  answer: CaiqAnswerText;
  /** The documented rule that derives the answer from the guidelines' statuses. */
  basis: string;
  requirements: { guideline: string; status: RequirementStatus }[];
}

export interface StatusTally {
  met: number;
  partial: number;
  notMet: number;
  notApplicable: number;
  notAssessed: number;
  /** All guidelines minus the not-applicable ones: the denominator of "n/m met". */
  applicable: number;
}

export interface ControlTally {
  control: string;
  title?: string;
  /** Auditing guidelines only (what the code lens shows). */
  auditing: StatusTally;
  /** Implementation, auditing and CCM auditing guidelines (a pack's requirements). */
  all: StatusTally;
  /** The control's status on the document: all its requirements met, none, or part of them. */
  status?: RequirementStatus;
  /** `guidelines`: CEK-01/02 judged by their guidelines; `pack`: a built-in control pack; `catalog`: your catalog's definitions. */
  basis?: 'guidelines' | 'pack' | 'catalog';
  reason?: string;
  evidence?: ReportEvidence[];
  /** A pack's requirements with their statuses and evidence (CEK-01/02's guidelines are in `requirements`). */
  requirements?: RequirementReport[];
  /** Where the control text shown comes from: `catalog` (CSA's, from your catalog, with its edition) or `summary` (cek-policy's own words). */
  text?: { source: 'catalog' | 'summary'; framework?: string; edition?: string; specification: string };
}

export type ActorBasis = 'declared' | 'config' | 'inferred' | 'unknown';

export interface ActorReport {
  codes: ActorCode[];
  /** declared: the document's `actor:`; config: `.cekpolicy.yaml` or the editor setting; inferred: from the text
   * (see evidence); unknown: neither. */
  basis: ActorBasis;
  hostsCustomerData?: boolean;
  ai?: boolean;
  summary?: string;
  evidence: ReportEvidence[];
}

/** One algorithm mention: where, what, the policy's stance and its status under the profile on the report's date. */
export interface CryptoMentionReport {
  line: number;
  /** The name as written. */
  text: string;
  /** Canonical id: AES, 3DES, SHA-256, RSA, ECDSA, TLS ... */
  algorithm: string;
  /** Key size in bits, a curve ("P-256"), a version ("1.2"), or a prohibited bound ("<2048"). */
  parameter: number | string | null;
  use: string;
  stance: 'approved' | 'prohibited' | 'legacy' | 'mentioned' | string;
  status: 'acceptable' | 'deprecated' | 'legacy-use' | 'disallowed' | 'not-approved' | 'unknown' | string;
  /** For a deprecated item: the day it becomes disallowed. */
  until?: string;
  source: string;
}

export interface CryptographyReport {
  /** The profile judged against: `nist`, `nist+rev3+fips`, `cnsa-2.0`, `bsi-tr-02102-1`, or a user profile id. */
  profile: string;
  mentions: CryptoMentionReport[];
}

export interface DocumentReport {
  /** Path as given (relative to the working directory), or the document URI in the editor. */
  file: string;
  id?: string;
  title?: string;
  format: 'yaml' | 'markdown';
  actor: ActorReport;
  requirements: RequirementReport[];
  /** The cryptography the policy allows, judged against its profile. */
  cryptography?: CryptographyReport;
  controls: ControlTally[];
  caiq: CaiqReport[];
  /** Its policy set, when references were resolved: what it refers to, and the documents reached. */
  references?: ReportReference[];
  members?: ReportSetMember[];
}

export interface SetRequirement extends GuidelineIdentity {
  status: RequirementStatus;
  documents: { file: string; status: RequirementStatus }[];
}

export interface SetControl {
  control: string;
  title?: string;
  status: RequirementStatus;
  documents: { file: string; status: RequirementStatus }[];
}

export interface ComplianceReport {
  tool: { name: 'cek-policy'; version: string };
  /** The date the report was judged on (YYYY-MM-DD). */
  today: string;
  documents: DocumentReport[];
  /** The policy set as a whole: document-level guidelines must hold for every document, content guidelines for some. */
  set: { requirements: SetRequirement[]; controls?: SetControl[]; caiq: CaiqReport[] };
}

/** What each status means, for readers who have never seen the tool (HTML legend, CSV header note, tree tooltips). */
export const STATUS_MEANING: Record<RequirementStatus, { label: string; meaning: string }> = {
  met: { label: 'Met', meaning: 'The policy establishes what the guideline asks; the evidence quotes where.' },
  partial: { label: 'Partial', meaning: 'The policy establishes some of what the guideline asks; the findings say what is missing.' },
  'not-met': { label: 'Not met', meaning: 'The policy does not establish what the guideline asks; the findings say what is missing.' },
  'not-applicable': { label: 'Not applicable', meaning: 'The guideline does not apply to this organisation; the reason says why.' },
  'not-assessed': { label: 'Not assessed', meaning: 'The guideline cannot be judged from the document; the reason says what would make it assessable.' },
};

export const ACTOR_BASIS_MEANING: Record<ActorBasis, string> = {
  declared: 'declared in the document (its actor field)',
  config: 'taken from the configuration (.cekpolicy.yaml or the editor setting)',
  inferred: 'inferred from the text (see the evidence)',
  unknown: 'not declared and not inferable',
};

/** "met 9 of 12" for a tally: met over applicable. */
export function formatTally(tally: StatusTally): string {
  return `${tally.met}/${tally.applicable}`;
}
