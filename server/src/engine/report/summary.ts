import type { Catalog } from '../config/catalog';
import type { CheckResult } from '../engine';
import { PolicyModel, isFilled } from '../model/model';
import type { Finding } from '../types';

export interface ControlStatus {
  control: string;
  title?: string;
  /** Requirements (rules) of this control with no open finding. */
  met: number;
  total: number;
  /** Rule ids with an open finding, in registry order. */
  failing: string[];
}

/** Per-control status, e.g. "CEK-01: 9/12 met": each requirement rule that ran counts once. */
export function controlSummary(result: CheckResult, catalog: Catalog): ControlStatus[] {
  const open = result.findings.filter((finding) => !finding.suppression && finding.severity !== 'info');
  return ['CEK-01', 'CEK-02'].map((control) => {
    const requirements = result.rulesRun.filter((rule) => rule.control === control && rule.summary !== false);
    const failing = requirements.filter((rule) => open.some((finding) => finding.rule === rule.id)).map((rule) => rule.id);
    return { control, title: catalog.get(control)?.title, met: requirements.length - failing.length, total: requirements.length, failing };
  });
}

export function formatSummary(statuses: ControlStatus[]): string {
  return statuses.map((status) => `${status.control}: ${status.met}/${status.total} met`).join(' · ');
}

/** Which rules answer each CAIQ question, and which fields are its evidence. */
export const CAIQ_MAPPING: Record<string, { rules: string[]; evidence: string[][] }> = {
  'CEK-01.1': {
    rules: ['identity-missing', 'owner-missing', 'approval-missing', 'approval-evidence-missing', 'approval-date-future', 'communication-missing', 'scope-incomplete', 'enforcement-missing', 'monitoring-missing', 'training-missing', 'byok-missing', 'byok-incomplete'],
    evidence: [['id'], ['version'], ['owner'], ['approval'], ['communication', 'evidence'], ['enforcement'], ['monitoring']],
  },
  'CEK-01.2': {
    rules: ['review-missing', 'review-overdue', 'review-interval-too-long', 'review-triggers-missing'],
    evidence: [['review', 'last'], ['review', 'next'], ['review', 'interval_months'], ['review', 'triggers']],
  },
  'CEK-02.1': {
    rules: ['roles-missing', 'duty-unassigned', 'role-unassigned', 'sod-conflict', 'alternate-missing', 'role-training-missing', 'role-review-overdue', 'governance-missing', 'coordination-missing'],
    evidence: [['roles'], ['segregation'], ['governance'], ['coordination']],
  },
};

export interface CaiqAnswer {
  id: string;
  question: string;
  answer: 'Yes' | 'Partial' | 'No';
  /** Field path and the text found there. */
  evidence: { field: string; value: string; line: number }[];
  findings: Finding[];
}

export function caiqAnswers(result: CheckResult, catalog: Catalog): CaiqAnswer[] {
  const open = result.findings.filter((finding) => !finding.suppression && finding.severity !== 'info');
  const ran = new Set(result.rulesRun.map((rule) => rule.id));
  return Object.entries(CAIQ_MAPPING).map(([id, mapping]) => {
    const question = catalog.caiq(id)?.question ?? id;
    const rules = mapping.rules.filter((rule) => ran.has(rule));
    const findings = open.filter((finding) => mapping.rules.includes(finding.rule));
    const failing = new Set(findings.filter((finding) => finding.severity === 'error').map((finding) => finding.rule));
    const answer = result.policy === undefined || (rules.length > 0 && failing.size === rules.length) ? 'No' : findings.length === 0 ? 'Yes' : 'Partial';
    return { id, question, answer, evidence: evidenceOf(result.policy, mapping.evidence, result), findings };
  });
}

function evidenceOf(policy: PolicyModel | undefined, paths: string[][], result: CheckResult): CaiqAnswer['evidence'] {
  if (!policy) return [];
  const found: CaiqAnswer['evidence'] = [];
  for (const path of paths) {
    const node = policy.at(...path);
    if (!node || !isFilled(node)) continue;
    const text = result.document.text.slice(node.span.start, node.span.end).replace(/\s+/g, ' ').trim();
    found.push({ field: path.join('.'), value: text.length > 120 ? `${text.slice(0, 117)}...` : text, line: result.document.lines.positionAt(node.span.start).line + 1 });
  }
  if (policy.roles.length > 0 && paths.some((path) => path[0] === 'roles') && policy.doc.format === 'markdown' && !policy.entry('roles')) {
    found.push({ field: 'Roles and Responsibilities table', value: `${policy.roles.length} roles`, line: result.document.lines.positionAt(policy.roles[0].span.start).line + 1 });
  }
  return found;
}
