import { isPlaceholderText } from '../parse/placeholder';
import { g, type Rule } from './rule';
import type { RuleFinding, Span } from '../types';
import { acceptsList } from '../model/schemaInfo';
import type { PNode } from '../parse/yamlModel';

/** Root fields that belong to CEK-02 (roles and their governance); everything else is CEK-01's. */
const CEK02_FIELDS = new Set(['roles', 'segregation', 'governance', 'coordination']);

export const placeholder: Rule = {
  id: 'placeholder',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 1), g.audit('CEK-02', 3)],
  severity: 'warning',
  description: 'A value is an unfilled template placeholder (`{{owner_name}}`, `[Company Name]`, `TBD`, `TODO`, `null`, empty): it never counts as an owner, approver, date or assignee.',
  fixable: false,
  formats: ['yaml', 'markdown'],
  check(context) {
    const findings: RuleFinding[] = [];
    const report = (path: string, rootKey: string, value: string, span: Span) => {
      const shown = value.trim() === '' ? 'empty' : `\`${value.trim()}\``;
      findings.push({
        span,
        message: `\`${path}\` is unfilled (${shown}): replace the template value with the real one.`,
        control: CEK02_FIELDS.has(rootKey) ? 'CEK-02' : 'CEK-01',
        guidelines: CEK02_FIELDS.has(rootKey) ? [g.audit('CEK-02', 3)] : [g.audit('CEK-01', 1)],
        data: { path },
      });
    };
    const visit = (node: PNode, path: string, rootKey: string, keySpan: Span | undefined, seen: Set<PNode>, keys: string[] = []) => {
      if (seen.has(node)) return;
      seen.add(node);
      // `assignee: [Company Name]` parses as a one-item list; where the schema wants a string it is a template bracket.
      if (node.kind === 'seq' && node.flow && node.items.length === 1 && node.items[0].kind === 'scalar' && typeof node.items[0].value === 'string' && !acceptsList(keys)) {
        report(path, rootKey, context.doc.text.slice(node.span.start, node.span.end), node.span);
        return;
      }
      if (node.kind === 'scalar') {
        if (typeof node.value === 'boolean' || typeof node.value === 'number') return;
        const text = node.value === null ? '' : node.value;
        if (!isPlaceholderText(text)) return;
        const empty = node.span.start === node.span.end;
        report(path, rootKey, text, empty && keySpan ? keySpan : node.span);
      } else if (node.kind === 'seq') {
        node.items.forEach((item, index) => visit(item, `${path}[${index}]`, rootKey, undefined, seen, keys));
      } else {
        for (const entry of node.entries) visit(entry.value, path ? `${path}.${entry.key}` : entry.key, rootKey || entry.key, entry.keySpan, seen, [...keys, entry.key]);
      }
    };
    if (context.doc.root) visit(context.doc.root, '', '', undefined, new Set());
    // Metadata kept in the body (bold header, revision table); front matter aliases were walked above.
    for (const [key, meta] of Object.entries(context.policy.meta)) {
      if (meta && !meta.source.startsWith('front matter') && isPlaceholderText(meta.value)) report(`${key} (${meta.source})`, '', meta.value, meta.span);
    }
    if (!context.policy.entry('roles')) {
      for (const role of context.policy.roles) {
        if (role.assignee && isPlaceholderText(role.assignee.value)) report(`${role.title?.value ?? 'role'} assignee`, 'roles', role.assignee.value, role.assignee.span);
      }
    }
    return findings;
  },
};
