import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';
import { missingAt, speaksProse } from './helpers';

const FIELDS = ['id', 'title', 'version'] as const;
const LABELS: Record<(typeof FIELDS)[number], string> = { id: '**Document ID:** POL-KM-01', title: 'a title heading', version: '**Version:** 1.0' };

export const identityMissing: Rule = {
  id: 'identity-missing',
  control: 'CEK-01',
  guidelines: [g.impl('CEK-02', 1)],
  severity: 'warning',
  description: 'The policy has no id, title or version (a field, a label such as **Policy Number**, a document-control row, an id in the title, or the revision history): a documented policy can be referenced and versioned.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const { policy } = context;
    const found = {
      id: Boolean(policy.entry('id') || policy.meta.id),
      title: Boolean(policy.entry('title') || context.doc.markdown?.firstHeadingSpan),
      version: Boolean(policy.entry('version') || policy.meta.version),
    };
    return FIELDS.filter((field) => !found[field]).map((field): RuleFinding => ({
      span: missingAt(context),
      message: speaksProse(context, field)
        ? `The policy has no ${field}: add ${LABELS[field]} (or \`${field}:\` in the front matter) so approvals and reviews can refer to it.`
        : `The policy has no \`${field}\`: give it an identifier, a title and a version so approvals and reviews can refer to it.`,
      suggestions: () => [context.edits.fix(`Add ${field}`, context.edits.insertRootField(field, field === 'version' ? '1.0' : 'TBD'))],
      data: { field },
    }));
  },
};
