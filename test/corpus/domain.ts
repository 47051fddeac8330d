import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText } from '../../server/src/engine/engine';
import type { RequirementStatus } from '../../server/src/engine/requirements/types';
import { CORPUS_DIR } from './agreement';

/** The review day of documents without `_today` in verdicts.json. */
export const DEFAULT_REVIEW_DAY = '2026-11-24';

type DomainVerdict = 'met' | 'partial' | 'not met' | 'n/a';

export interface DomainCell {
  file: string;
  control: string;
  auditor: DomainVerdict;
  ours: RequirementStatus;
  /** Met against a gap (partial, not met): the two sides agree. */
  metVsGap: boolean;
  exact: boolean;
  debatable: boolean;
  reason: string;
}

export function domainVerdictsAvailable(): boolean {
  try {
    readFileSync(join(CORPUS_DIR, 'domain-verdicts.json'));
    return true;
  } catch {
    return false;
  }
}

const SAME: Record<DomainVerdict, RequirementStatus[]> = { met: ['met'], partial: ['partial'], 'not met': ['not-met', 'not-assessed'], 'n/a': ['not-applicable'] };

/** Met-vs-gap: met is met, n/a is not applicable, partial and not met are both a gap. */
export function metVsGap(auditor: DomainVerdict, ours: RequirementStatus): boolean {
  if (auditor === 'met') return ours === 'met';
  if (auditor === 'n/a') return ours === 'not-applicable';
  return ours === 'partial' || ours === 'not-met' || ours === 'not-assessed';
}

/** Every cell of domain-verdicts.json with our control status, each document checked on its review day. */
export function domainCells(): DomainCell[] {
  const verdicts = JSON.parse(readFileSync(join(CORPUS_DIR, 'domain-verdicts.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  const days = JSON.parse(readFileSync(join(CORPUS_DIR, 'verdicts.json'), 'utf8')) as Record<string, { _today?: string }>;
  const cells: DomainCell[] = [];
  for (const [file, verdict] of Object.entries(verdicts)) {
    if (file.startsWith('_')) continue;
    const today = days[file]?._today ?? DEFAULT_REVIEW_DAY;
    const result = checkText(readFileSync(join(CORPUS_DIR, file), 'utf8'), file, { today, force: true });
    const debatable = (verdict._debatable as string[] | undefined) ?? [];
    for (const [control, value] of Object.entries(verdict)) {
      if (!/^CEK-\d\d$/.test(control)) continue;
      const auditor = value as DomainVerdict;
      const found = result.controls.find((candidate) => candidate.control === control);
      const ours = found?.status ?? 'not-assessed';
      cells.push({ file, control, auditor, ours, metVsGap: metVsGap(auditor, ours), exact: SAME[auditor].includes(ours), debatable: debatable.includes(control), reason: found?.reason ?? '' });
    }
  }
  return cells;
}

/** Agreement on firm (non-debatable) cells. */
export function domainAgreement(cells: DomainCell[]): { metVsGap: number; exact: number; total: number } {
  const firm = cells.filter((cell) => !cell.debatable);
  const percent = (count: number) => (firm.length === 0 ? 0 : (100 * count) / firm.length);
  return { metVsGap: percent(firm.filter((cell) => cell.metVsGap).length), exact: percent(firm.filter((cell) => cell.exact).length), total: firm.length };
}
