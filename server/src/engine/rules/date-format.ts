import { readDate } from '../parse/dates';
import { isPlaceholderText } from '../parse/placeholder';
import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';
import { dateFields } from './helpers';
import type { GuidelineRef } from '../config/catalog';

/** The guideline a broken date leaves unjudged, by what the date is. */
function guidelinesFor(path: string): GuidelineRef[] {
  if (path.endsWith('.trained')) return [g.audit('CEK-02', 6)];
  if (path.endsWith('.reviewed')) return [g.audit('CEK-02', 7)];
  if (/approv/i.test(path)) return [g.audit('CEK-01', 2), g.ccm('CEK-01', 1), g.impl('CEK-02', 2)];
  return [g.audit('CEK-01', 2), g.ccm('CEK-01', 2), g.impl('CEK-02', 6)];
}

export const dateFormat: Rule = {
  id: 'date-format',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2), g.audit('CEK-02', 7)],
  severity: 'error',
  description: 'A date is not an ISO `YYYY-MM-DD` calendar date. Unambiguous dates are fixed to ISO form; day/month order that could be either is never guessed. A month ("June 2026", `2026-06`) is accepted and stands for the whole month.',
  fixable: 'safe',
  formats: ['yaml', 'markdown'],
  summary: false,
  check(context) {
    const findings: RuleFinding[] = [];
    for (const { path, node } of dateFields(context)) {
      if (node.kind !== 'scalar') continue;
      if (node.value === null || (typeof node.value === 'string' && isPlaceholderText(node.value))) continue;
      const reading = readDate(String(node.value));
      // A month without a day ("June 2026") is a valid, coarser date: it stands for the whole month.
      if (reading.kind === 'iso' || reading.kind === 'month') continue;
      if (reading.kind === 'normalizable') {
        findings.push({
          span: node.span,
          message: `\`${path}\` should be an ISO date: write \`${reading.iso}\` instead of \`${String(node.value)}\`.`,
          fix: context.edits.fix(`Change ${path} to ${reading.iso}`, context.edits.replaceValue(node, reading.iso)),
          guidelines: guidelinesFor(path),
          data: { path, iso: reading.iso },
        });
      } else if (reading.kind === 'ambiguous') {
        const [first, second, year] = String(node.value).trim().split(/[/.-]/).map(Number);
        const readings = [
          { iso: iso(year, first, second), label: 'month/day' },
          { iso: iso(year, second, first), label: 'day/month' },
        ];
        findings.push({
          span: node.span,
          message: `\`${path}\` is ambiguous: ${reading.reason}. Write it as an ISO date (YYYY-MM-DD).`,
          suggestions: () => readings.map((option) => context.edits.fix(`Read as ${option.label}: ${option.iso}`, context.edits.replaceValue(node, option.iso))),
          guidelines: guidelinesFor(path),
          data: { path },
        });
      } else {
        findings.push({ span: node.span, message: `\`${path}\` must be a date (YYYY-MM-DD): ${reading.reason}.`, guidelines: guidelinesFor(path), data: { path } });
      }
    }
    return findings;
  },
};

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
