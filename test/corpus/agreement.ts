import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkText } from '../../server/src/engine/engine';
import type { RequirementStatus } from '../../server/src/engine/requirements/types';

/** The hand-audited corpus lives next to the repository, never inside it (its texts belong to their authors). */
export const CORPUS_DIR = resolve(process.env.CEK_CORPUS_DIR ?? join(process.cwd(), '..', 'shared', 'corpus'));
/** The date the first eight documents were audited on; later ones carry their own review day in `_today`. */
export const AUDIT_DAY = '2026-11-24';

type Verdict = 'met' | 'not met' | 'n/a';

export interface Cell {
  file: string;
  guideline: string;
  auditor: Verdict;
  ours: RequirementStatus;
  agrees: boolean;
  debatable: boolean;
  reason: string;
}

export function corpusAvailable(): boolean {
  return existsSync(join(CORPUS_DIR, 'verdicts.json'));
}

/** Does our status say what the auditor said? Flagged (not-met, partial, not-assessed) matches "not met". */
export function agrees(auditor: Verdict, ours: RequirementStatus): boolean {
  if (auditor === 'met') return ours === 'met';
  if (auditor === 'n/a') return ours === 'not-applicable';
  return ours === 'not-met' || ours === 'partial' || ours === 'not-assessed';
}

/** Every audited cell of the corpus with our status for it. */
export function auditCells(): Cell[] {
  const verdicts = JSON.parse(readFileSync(join(CORPUS_DIR, 'verdicts.json'), 'utf8')) as Record<string, Record<string, unknown> & { _debatable: string[]; _today?: string }>;
  const cells: Cell[] = [];
  for (const [file, verdict] of Object.entries(verdicts)) {
    const result = checkText(readFileSync(join(CORPUS_DIR, file), 'utf8'), file, { today: verdict._today ?? AUDIT_DAY, force: true });
    for (const [guideline, auditor] of Object.entries(verdict)) {
      if (guideline.startsWith('_')) continue;
      const [control, number] = [guideline.split(' ')[0], Number(guideline.split('AG')[1])];
      const requirement = result.requirements.find((candidate) => candidate.ref.control === control && candidate.ref.kind === 'auditing' && candidate.ref.number === number);
      const ours = requirement?.status ?? 'not-assessed';
      cells.push({ file, guideline, auditor: auditor as Verdict, ours, agrees: agrees(auditor as Verdict, ours), debatable: verdict._debatable.includes(guideline), reason: requirement?.reason ?? '' });
    }
  }
  return cells;
}

export function agreement(cells: Cell[]): { agreed: number; total: number; percent: number } {
  const counted = cells.filter((cell) => !cell.debatable);
  const agreed = counted.filter((cell) => cell.agrees).length;
  return { agreed, total: counted.length, percent: counted.length === 0 ? 0 : (100 * agreed) / counted.length };
}
