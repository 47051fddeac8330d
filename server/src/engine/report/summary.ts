import { formatGuidelineRef, type Catalog, type GuidelineRef } from '../config/catalog';
import type { CheckResult } from '../engine';
import type { RequirementResult, RequirementStatus } from '../requirements/types';
import type { ControlResult } from '../requirements/domain';
import type { CaiqReport, StatusTally } from './types';

export interface ControlStatus {
  control: string;
  title?: string;
  auditing: StatusTally;
  all: StatusTally;
}

export function tally(statuses: RequirementStatus[]): StatusTally {
  const count = (status: RequirementStatus) => statuses.filter((candidate) => candidate === status).length;
  const notApplicable = count('not-applicable');
  return { met: count('met'), partial: count('partial'), notMet: count('not-met'), notApplicable, notAssessed: count('not-assessed'), applicable: statuses.length - notApplicable };
}

/** Per claimed control: how its guidelines stand, for auditing guidelines alone (the code lens) and for all. */
export function controlSummary(requirements: Pick<RequirementResult, 'ref' | 'status'>[], catalog: Catalog): ControlStatus[] {
  const controls = [...new Set(requirements.map((requirement) => requirement.ref.control))];
  return controls.map((control) => {
    const own = requirements.filter((requirement) => requirement.ref.control === control);
    return {
      control,
      title: catalog.get(control)?.title,
      auditing: tally(own.filter((requirement) => requirement.ref.kind === 'auditing').map((requirement) => requirement.status)),
      all: tally(own.map((requirement) => requirement.status)),
    };
  });
}

/** "CEK-01: 6/8 auditing guidelines met · CEK-02: 7/9 (1 n/a)": met over applicable auditing guidelines. */
export function formatSummary(statuses: ControlStatus[]): string {
  return statuses.map((status, index) => {
    const { met, applicable, notApplicable, notAssessed } = status.auditing;
    const extra = [notApplicable ? `${notApplicable} n/a` : '', notAssessed ? `${notAssessed} not assessed` : ''].filter(Boolean).join(', ');
    return `${status.control}: ${met}/${applicable}${index === 0 ? ' auditing guidelines' : ''} met${extra ? ` (${extra})` : ''}`;
  }).join(' · ');
}

/**
 * "CEK domain: 11/21 controls met (1 n/a)" over the judged controls of the CEK domain, and the first that is not
 * met; undefined when the document is judged on CEK-01 and CEK-02 alone (their own lens says it all).
 */
export function domainSummary(controls: Pick<ControlResult, 'control' | 'status'>[]): { title: string; firstOpen?: string } | undefined {
  const domain = controls.filter((control) => /^CEK-\d\d$/.test(control.control));
  if (!domain.some((control) => control.control !== 'CEK-01' && control.control !== 'CEK-02')) return undefined;
  const notApplicable = domain.filter((control) => control.status === 'not-applicable').length;
  const met = domain.filter((control) => control.status === 'met').length;
  return {
    title: `CEK domain: ${met}/${domain.length - notApplicable} controls met${notApplicable ? ` (${notApplicable} n/a)` : ''}`,
    firstOpen: domain.find((control) => control.status !== 'met' && control.status !== 'not-applicable')?.control,
  };
}

const a = (control: string, number: number): GuidelineRef => ({ control, kind: 'auditing', number });
const c = (control: string, number: number): GuidelineRef => ({ control, kind: 'ccm', number });

/**
 * How each AI-CAIQ answer derives from guideline statuses. Not-applicable guidelines are left out;
 * "Yes" needs every remaining one met, "No" means none of them is even partly met (or, for CEK-02.1,
 * that no roles are defined), "Not assessed" that none could be judged; anything else is "Partial".
 */
export const CAIQ_BASIS: Record<string, { requirements: GuidelineRef[]; basis: string; decisive?: GuidelineRef[] }> = {
  'CEK-01.1': {
    requirements: [a('CEK-01', 1), c('CEK-01', 1), a('CEK-01', 3), a('CEK-01', 4), a('CEK-01', 7), a('CEK-01', 2)],
    basis: 'Established and documented: CEK-01 auditing 1; approved: CCM auditing 1; communicated: auditing 3; applied: auditing 4; evaluated: auditing 7; maintained: auditing 2. Yes when all are met, No when none is even partly met, Partial otherwise.',
  },
  'CEK-01.2': {
    requirements: [c('CEK-01', 2)],
    basis: 'Reviewed at least annually and not overdue: CEK-01 CCM auditing guideline 2. Yes when met, No when not met.',
  },
  'CEK-02.1': {
    requirements: [a('CEK-02', 1), a('CEK-02', 2), a('CEK-02', 3), a('CEK-02', 4), a('CEK-02', 5), a('CEK-02', 6), a('CEK-02', 7), a('CEK-02', 8), a('CEK-02', 9), a('CEK-02', 10)],
    decisive: [a('CEK-02', 1), a('CEK-02', 3)],
    basis: 'Defined: CEK-02 auditing 1-4 (roles for cryptographic operations and AI duties, mapped to teams); implemented: auditing 5-10 (segregation, training, review, governance, continuity, coordination). Yes when every applicable guideline is met; No when roles are neither defined nor mapped to teams (auditing 1 and 3 not met); Partial otherwise.',
  },
};

function same(a: GuidelineRef, b: GuidelineRef): boolean {
  return a.control === b.control && a.kind === b.kind && a.number === b.number;
}

/** The AI-CAIQ answers of one document (or of a set, given the set's statuses), derived from guideline statuses. */
export function caiqAnswers(statusOf: (ref: GuidelineRef) => RequirementStatus | undefined, catalog: Catalog): CaiqReport[] {
  return Object.entries(CAIQ_BASIS).flatMap(([id, mapping]) => {
    const question = catalog.caiq(id)?.question;
    const entries = mapping.requirements.map((ref) => ({ ref, status: statusOf(ref) })).filter((entry): entry is { ref: GuidelineRef; status: RequirementStatus } => entry.status !== undefined);
    if (!question || entries.length === 0) return [];
    const judged = entries.filter((entry) => entry.status !== 'not-applicable');
    const assessed = judged.filter((entry) => entry.status !== 'not-assessed');
    let answer: CaiqReport['answer'];
    if (judged.length > 0 && assessed.length === 0) answer = 'Not assessed';
    else if (assessed.length === judged.length && assessed.every((entry) => entry.status === 'met')) answer = 'Yes';
    else if (assessed.every((entry) => entry.status === 'not-met') || (mapping.decisive && mapping.decisive.every((ref) => entries.find((entry) => same(entry.ref, ref))?.status === 'not-met'))) answer = 'No';
    else answer = 'Partial';
    return [{ id, question, answer, basis: mapping.basis, requirements: entries.map((entry) => ({ guideline: formatGuidelineRef(entry.ref), status: entry.status })) }];
  });
}

/**
 * CAIQ answers for the judged controls beyond CEK-01 and CEK-02 whose questions the catalog holds (your copy of
 * CSA's AICM-CAIQ): every question of a control is answered from the control's status. Not-applicable controls
 * get no answer.
 */
export function controlCaiqAnswers(controls: { control: string; status: RequirementStatus }[], catalog: Catalog): CaiqReport[] {
  const answers: CaiqReport[] = [];
  for (const { control, status } of controls) {
    if (control === 'CEK-01' || control === 'CEK-02' || status === 'not-applicable') continue;
    for (const question of catalog.get(control)?.caiq ?? []) {
      const answer: CaiqReport['answer'] = status === 'met' ? 'Yes' : status === 'partial' ? 'Partial' : status === 'not-met' ? 'No' : 'Not assessed';
      answers.push({ id: question.id, question: question.question, answer, basis: `From ${control}'s status: Yes when met, Partial when partial, No when not met.`, requirements: [{ guideline: `${control} control`, status }] });
    }
  }
  return answers;
}

/** The CAIQ answers of one checked document. */
export function documentCaiq(result: CheckResult, catalog: Catalog): CaiqReport[] {
  return caiqAnswers((ref) => result.requirements.find((requirement) => same(requirement.ref, ref))?.status, catalog);
}
