import { DUTY_IDS } from '../model/duties';
import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';
import { nearMiss, roleName } from './helpers';

export const unknownDuty: Rule = {
  id: 'unknown-duty',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 1)],
  severity: 'error',
  description: 'In a list of duty ids (a roles list, or a table column of ids), an entry is not a known duty id (or one added in config), so it cannot be checked for assignment or segregation; near misses are fixed. Free-text responsibilities are read by meaning instead.',
  fixable: 'safe',
  formats: ['yaml', 'markdown'],
  summary: false,
  check(context) {
    const known = [...new Set<string>([...DUTY_IDS, ...(context.config.duties.required ?? []), ...context.config.duties.add])];
    const findings: RuleFinding[] = [];
    // Only lists of duty ids can hold an unknown id; free-text responsibilities are read by meaning.
    for (const role of context.policy.roles.filter((candidate) => candidate.structured)) {
      for (const duty of role.responsibilities) {
        if (known.includes(duty.value)) continue;
        const source = context.doc.text.slice(duty.span.start, duty.span.end);
        const suggestion = nearMiss(role.source === 'table' ? source.replace(/[`*_]/g, '') : duty.value, known);
        findings.push({
          span: duty.span,
          message: suggestion
            ? `\`${source}\` is not a duty id; did you mean \`${suggestion}\`?`
            : `\`${source}\` (role \`${roleName(role)}\`) is not a duty id. Use one of: ${known.join(', ')}; or add custom duties in \`.cekpolicy.yaml\` (\`duties.add\`).`,
          fix: suggestion ? { title: `Change to ${suggestion}`, edits: [{ start: duty.span.start, end: duty.span.end, newText: suggestion }] } : undefined,
          data: { duty: duty.value, suggestion },
        });
      }
    }
    return findings;
  },
};
