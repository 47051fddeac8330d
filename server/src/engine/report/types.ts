/** The compliance report (schemas/report.schema.json): what `cek-policy report --format json` prints and the language server's `cekPolicy/compliance` request returns. */

export type RequirementStatus = 'met' | 'partial' | 'not-met' | 'not-applicable' | 'not-assessed';

export interface ReportEvidence {
  line: number;
  text: string;
  matched?: string;
}

export interface ReportGap {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  line: number;
  column: number;
  message: string;
}

export interface ReportRequirement {
  guideline: string;
  control: string;
  kind: 'implementation' | 'auditing' | 'ccm';
  number: number;
  title?: string;
  text?: string;
  status: RequirementStatus;
  evidence: ReportEvidence[];
  findings: string[];
  gaps?: ReportGap[];
  reason?: string;
}

export interface ReportTally {
  met: number;
  partial: number;
  notMet: number;
  notApplicable: number;
  notAssessed: number;
  applicable: number;
}

export interface ReportControlSummary {
  control: string;
  title?: string;
  auditing: ReportTally;
  all: ReportTally;
}

export interface ReportCaiq {
  id: string;
  question: string;
  answer: 'Yes' | 'Partial' | 'No' | 'Not assessed';
  basis: string;
  requirements: { guideline: string; status: RequirementStatus }[];
}

export interface ReportActor {
  codes: ('CSP' | 'MP' | 'OSP' | 'AP' | 'AIC')[];
  basis: 'declared' | 'config' | 'inferred' | 'unknown';
  hostsCustomerData?: boolean;
  ai?: boolean;
  summary?: string;
  evidence: ReportEvidence[];
}

export interface ReportDocument {
  file: string;
  id?: string;
  title?: string;
  format: 'yaml' | 'markdown';
  actor: ReportActor;
  requirements: ReportRequirement[];
  controls: ReportControlSummary[];
  caiq: ReportCaiq[];
}

export interface ReportSetRequirement {
  guideline: string;
  control: string;
  kind: 'implementation' | 'auditing' | 'ccm';
  number: number;
  title?: string;
  status: RequirementStatus;
  documents: { file: string; status: RequirementStatus }[];
}

export interface ComplianceReport {
  tool: { name: 'cek-policy'; version: string };
  today: string;
  documents: ReportDocument[];
  set: { requirements: ReportSetRequirement[]; caiq: ReportCaiq[] };
}
