import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';
import { missingAt } from './helpers';

const FIELDS = ['id', 'title', 'version'] as const;

export const identityMissing: Rule = {
  id: 'identity-missing',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 1), g.impl('CEK-02', 1)],
  severity: 'warning',
  description: 'The policy lacks an `id`, `title` or `version`: an established, documented policy can be referenced and versioned.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const missing = FIELDS.filter((field) => !context.policy.entry(field));
    // A Markdown policy's first heading is its title.
    const titled = context.doc.markdown?.firstHeadingSpan !== undefined;
    const reported = missing.filter((field) => !(field === 'title' && titled));
    return reported.map((field): RuleFinding => ({
      span: missingAt(context),
      message: `The policy has no \`${field}\`: give it an identifier, a title and a version so approvals and reviews can refer to it.`,
      suggestions: [context.edits.fix(`Add ${field}`, context.edits.insertRootField(field, field === 'version' ? '1.0' : 'TBD'))],
      data: { field },
    }));
  },
};
