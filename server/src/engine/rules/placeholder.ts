import { isPlaceholderText } from '../parse/placeholder';
import type { GuidelineRef } from '../config/catalog';
import type { MetaKey } from '../evidence/lexicon';
import { g, type Rule } from './rule';
import type { RuleFinding, Span } from '../types';
import { acceptsList } from '../model/schemaInfo';
import type { PNode } from '../parse/yamlModel';

/** The guideline an unfilled field leaves unmet, by the field's root key (role fields by their own key). */
const FIELD_GUIDELINES: Record<string, GuidelineRef[]> = {
  owner: [g.audit('CEK-01', 2)],
  approval: [g.audit('CEK-01', 2), g.ccm('CEK-01', 1), g.impl('CEK-02', 2)],
  review: [g.audit('CEK-01', 2), g.ccm('CEK-01', 2), g.impl('CEK-02', 6)],
  communication: [g.audit('CEK-01', 3), g.impl('CEK-02', 3)],
  scope: [g.audit('CEK-01', 1)],
  enforcement: [g.audit('CEK-01', 4), g.impl('CEK-02', 4)],
  monitoring: [g.audit('CEK-01', 7)],
  training: [g.audit('CEK-01', 6), g.audit('CEK-02', 6)],
  byok: [g.audit('CEK-01', 8)],
  governance: [g.audit('CEK-02', 8)],
  coordination: [g.audit('CEK-02', 10)],
  segregation: [g.audit('CEK-02', 5)],
  roles: [g.audit('CEK-02', 3), g.audit('CEK-01', 5), g.ccm('CEK-02', 2)],
  trained: [g.audit('CEK-02', 6)],
  reviewed: [g.audit('CEK-02', 7)],
  alternates: [g.audit('CEK-02', 9)],
};
const META_GUIDELINES: Partial<Record<MetaKey, GuidelineRef[]>> = {
  owner: FIELD_GUIDELINES.owner,
  approvedBy: FIELD_GUIDELINES.approval,
  approvalDate: FIELD_GUIDELINES.approval,
  lastReviewed: FIELD_GUIDELINES.review,
  nextReview: FIELD_GUIDELINES.review,
  reviewCadence: FIELD_GUIDELINES.review,
  effectiveDate: FIELD_GUIDELINES.review,
};
const DOCUMENT = [g.impl('CEK-02', 1)];

function guidelinesOf(keys: string[]): GuidelineRef[] {
  const own = keys[0] === 'roles' ? FIELD_GUIDELINES[keys[keys.length - 1]] ?? FIELD_GUIDELINES.roles : FIELD_GUIDELINES[keys[0]];
  return own ?? DOCUMENT;
}

export const placeholder: Rule = {
  id: 'placeholder',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 2), g.audit('CEK-02', 3)],
  severity: 'warning',
  description: 'A value is an unfilled template placeholder (`{{owner_name}}`, `[Company Name]`, `TBD`, `TODO`, `____`, `null`, empty): it never counts as an owner, approver, date or assignee, and the finding cites the guideline that value would meet.',
  fixable: false,
  formats: ['yaml', 'markdown'],
  check(context) {
    const findings: RuleFinding[] = [];
    const report = (path: string, guidelines: GuidelineRef[], value: string, span: Span) => {
      const shown = value.trim() === '' ? 'empty' : `\`${value.trim()}\``;
      findings.push({
        span,
        message: `\`${path}\` is unfilled (${shown}): replace the template value with the real one.`,
        control: guidelines[0].control,
        guidelines,
        data: { path },
      });
    };
    // Where a value sits, as a chain to the root: the path text and the key list are built only for a finding.
    type Where = { parent?: Where; key?: string; index?: number };
    const pathOf = (where: Where): string => {
      if (!where.parent) return '';
      const above = pathOf(where.parent);
      return where.key !== undefined ? (above ? `${above}.${where.key}` : where.key) : `${above}[${where.index}]`;
    };
    const keysOf = (where: Where): string[] => {
      const keys: string[] = [];
      for (let at: Where | undefined = where; at; at = at.parent) if (at.key !== undefined) keys.push(at.key);
      return keys.reverse();
    };
    const seen = new Set<PNode>();
    const visit = (node: PNode, where: Where, keySpan: Span | undefined) => {
      if (seen.has(node)) return;
      seen.add(node);
      // `assignee: [Company Name]` parses as a one-item list; where the schema wants a string it is a template bracket.
      if (node.kind === 'seq' && node.flow && node.items.length === 1 && node.items[0].kind === 'scalar' && typeof node.items[0].value === 'string') {
        const keys = keysOf(where);
        if (!acceptsList(keys)) {
          report(pathOf(where), guidelinesOf(keys), context.doc.text.slice(node.span.start, node.span.end), node.span);
          return;
        }
      }
      if (node.kind === 'scalar') {
        if (typeof node.value === 'boolean' || typeof node.value === 'number') return;
        const text = node.value === null ? '' : node.value;
        if (!isPlaceholderText(text)) return;
        const empty = node.span.start === node.span.end;
        report(pathOf(where), guidelinesOf(keysOf(where)), text, empty && keySpan ? keySpan : node.span);
      } else if (node.kind === 'seq') {
        node.items.forEach((item, index) => visit(item, { parent: where, index }, undefined));
      } else {
        for (const entry of node.entries) visit(entry.value, { parent: where, key: entry.key }, entry.keySpan);
      }
    };
    if (context.doc.root) visit(context.doc.root, {}, undefined);
    // Metadata kept in the body (labels, tables, revision history); front matter aliases were walked above.
    for (const [key, meta] of Object.entries(context.policy.meta) as [MetaKey, NonNullable<(typeof context.policy.meta)[MetaKey]>][]) {
      if (!meta.source.startsWith('front matter') && isPlaceholderText(meta.value)) report(`${key} (${meta.source})`, META_GUIDELINES[key] ?? DOCUMENT, meta.value, meta.span);
    }
    if (!context.policy.entry('roles')) {
      for (const role of context.policy.roles) {
        if (role.assignee && role.assignee !== role.title && isPlaceholderText(role.assignee.value)) report(`${role.title?.value ?? 'role'} assignee`, FIELD_GUIDELINES.roles, role.assignee.value, role.assignee.span);
      }
    }
    return findings;
  },
};
