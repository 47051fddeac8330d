import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';
import { nearMiss, roleName } from './helpers';
import { MAX_LISTED_IDS, MAX_SUGGESTION_CANDIDATES } from '../parse/limits';

export const unknownRole: Rule = {
  id: 'unknown-role',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 9)],
  severity: 'error',
  description: 'An alternate names no role of the policy (near misses are fixed), or two roles share an id, so the succession plan points nowhere.',
  fixable: 'safe',
  formats: ['yaml', 'markdown'],
  summary: false,
  check(context) {
    const roles = context.policy.roles;
    // Sets, not lists: a policy with thousands of roles is checked in linear time.
    const ids = new Set<string>();
    const findings: RuleFinding[] = [];
    for (const role of roles) {
      if (!role.id) continue;
      if (ids.has(role.id.value)) {
        findings.push({ span: role.id.span, message: `Role id \`${role.id.value}\` is used twice: alternates cannot tell the roles apart; give each role its own id.` });
      }
      ids.add(role.id.value);
    }
    const known = [...ids];
    const listed = known.length === 0 ? 'none' : `${known.slice(0, MAX_LISTED_IDS).join(', ')}${known.length > MAX_LISTED_IDS ? `, and ${(known.length - MAX_LISTED_IDS).toLocaleString('en')} more` : ''}`;
    for (const role of roles) {
      for (const alternate of role.alternates) {
        if (ids.has(alternate.value)) continue;
        const suggestion = suggestRole(alternate.value, role.id?.value, ids, known);
        const source = context.doc.text.slice(alternate.span.start, alternate.span.end);
        findings.push({
          span: alternate.span,
          message: suggestion
            ? `Alternate \`${source}\` of role \`${roleName(role)}\` is not a role id; did you mean \`${suggestion}\`?`
            : `Alternate \`${source}\` of role \`${roleName(role)}\` names no role of this policy (roles: ${listed}).`,
          fix: suggestion && role.source === 'yaml' ? { title: `Change to ${suggestion}`, edits: [context.edits.replaceValue(alternate, suggestion)] } : undefined,
          data: { alternate: alternate.value, suggestion },
        });
      }
    }
    return findings;
  },
};

/** The role an alternate means, never the role itself: a near miss among few roles, an exact one (case, spacing) among many. */
function suggestRole(value: string, own: string | undefined, ids: Set<string>, known: string[]): string | undefined {
  if (known.length > MAX_SUGGESTION_CANDIDATES) {
    const normalized = value.trim().toLowerCase().replace(/[\s_]+/g, '-');
    return normalized !== value && normalized !== own && ids.has(normalized) ? normalized : undefined;
  }
  return nearMiss(value, own === undefined ? known : known.filter((id) => id !== own));
}
