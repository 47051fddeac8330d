import type { Finding, Fix, TextEdit } from '../types';
import { append } from '../arrays';

/** Applies edits to text: sorted (stably, so inserts at one point keep their order), overlapping edits dropped. */
export function applyEdits(text: string, edits: TextEdit[]): { text: string; applied: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const applied: TextEdit[] = [];
  let lastEnd = -1;
  for (const edit of sorted) {
    if (edit.start < lastEnd || edit.start > text.length || edit.end > text.length) continue;
    applied.push(edit);
    lastEnd = edit.end;
  }
  let result = '';
  let cursor = 0;
  for (const edit of applied) {
    result += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return { text: result + text.slice(cursor), applied };
}

/** Edits of several fixes, keeping each fix whole: a fix any of whose edits overlaps an earlier fix is skipped. */
export function mergeFixes(fixes: Fix[]): TextEdit[] {
  return takeFixes(fixes).edits;
}

function takeFixes(fixes: Fix[]): { edits: TextEdit[]; count: number } {
  const taken: TextEdit[] = [];
  let count = 0;
  const overlaps = (a: TextEdit, b: TextEdit) => a.start < b.end && b.start < a.end || (a.start === b.start && a.end === a.start && b.end === b.start);
  for (const fix of fixes) {
    if (fix.edits.some((edit) => taken.some((other) => overlaps(edit, other)))) continue;
    append(taken, fix.edits);
    count++;
  }
  return { edits: taken, count };
}

/**
 * Applies safe fixes to a fixed point (re-checking between passes, as ESLint does), at most `maxPasses` times.
 * `check` returns the current findings for a text. Each fix was vetted alone; when the fixes of one pass break the
 * text together (two fixes adding the same key in two places), the pass is redone with its first fix only.
 */
export function fixAll(text: string, check: (text: string) => Finding[], maxPasses = 10): { text: string; passes: number; fixed: number } {
  const broken = (findings: Finding[]) => findings.some((finding) => finding.rule === 'parse-error' || finding.rule === 'document-too-complex');
  let current = text;
  let findings = check(current);
  let fixed = 0;
  for (let pass = 1; pass <= maxPasses; pass++) {
    const fixes = findings.filter((finding) => finding.fix && !finding.suppression).map((finding) => finding.fix as Fix);
    const { edits, count } = takeFixes(fixes);
    if (edits.length === 0) return { text: current, passes: pass - 1, fixed };
    let next = applyEdits(current, edits).text;
    let nextFindings = check(next);
    let applied = count;
    if (broken(nextFindings) && !broken(findings) && count > 1) {
      next = applyEdits(current, fixes[0].edits).text;
      nextFindings = check(next);
      applied = 1;
    }
    if (next === current || (broken(nextFindings) && !broken(findings))) return { text: current, passes: pass, fixed };
    fixed += applied;
    current = next;
    findings = nextFindings;
  }
  return { text: current, passes: maxPasses, fixed };
}
