import { isIsoDate } from '../parse/dates';
import type { PolicyDocument } from '../parse/document';
import type { Span } from '../types';

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

/** One `cek-policy-disable…` comment, read from a YAML `#` comment or a Markdown HTML comment. */
export interface Directive {
  kind: DirectiveKind;
  /** Rule ids; empty means every rule. */
  rules: string[];
  justification?: string;
  until?: string;
  /** The `(until …)` text when it is not an ISO date. */
  badUntil?: string;
  span: Span;
  /** Zero-based lines the directive covers: [from, to] inclusive. */
  lines: [number, number];
}

const DIRECTIVE = /^\s*cek-policy-(disable-next-line|disable-line|disable|enable)(?=\s|$)(.*)$/s;

/** Reads the directives of a document. The grammar is our own comment syntax, not YAML or Markdown. */
export function readDirectives(doc: PolicyDocument): Directive[] {
  const directives: Directive[] = [];
  const lastLine = doc.lines.lineCount - 1;
  const sorted = [...doc.comments].sort((a, b) => a.span.start - b.span.start);
  for (const comment of sorted) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const kind = match[1] as DirectiveKind;
    let rest = match[2].trim();
    let justification: string | undefined;
    const separator = rest.search(/(^|\s)--(\s|$)/);
    if (separator >= 0) {
      justification = rest.slice(separator).replace(/^\s*--\s*/, '').trim();
      rest = rest.slice(0, separator);
    }
    let until: string | undefined;
    let badUntil: string | undefined;
    if (justification) {
      const untilMatch = /\(\s*until\s+([^)]*?)\s*\)\s*$/i.exec(justification);
      if (untilMatch) {
        if (isIsoDate(untilMatch[1])) until = untilMatch[1];
        else badUntil = untilMatch[1];
        justification = justification.slice(0, untilMatch.index).trim();
      }
      if (justification === '') justification = undefined;
    }
    const rules = rest.split(/[\s,]+/).filter(Boolean);
    const line = doc.lines.positionAt(comment.span.start).line;
    const endLine = doc.lines.positionAt(comment.span.end).line;
    const lines: [number, number] =
      kind === 'disable-line' ? [line, endLine]
        : kind === 'disable-next-line' ? [endLine + 1, endLine + 1]
          : [line, lastLine];
    directives.push({ kind, rules, justification, until, badUntil, span: comment.span, lines });
  }
  // `enable` ends the ranges of earlier block `disable`s for the same rules.
  for (const enable of directives.filter((directive) => directive.kind === 'enable')) {
    for (const directive of directives) {
      if (directive.kind !== 'disable' || directive.span.start > enable.span.start || directive.lines[1] < enable.lines[0]) continue;
      const covers = enable.rules.length === 0 || directive.rules.every((rule) => enable.rules.includes(rule));
      if (covers) directive.lines = [directive.lines[0], enable.lines[0]];
    }
  }
  return directives;
}

export function directiveCovers(directive: Directive, rule: string, line: number): boolean {
  if (directive.kind === 'enable') return false;
  if (line < directive.lines[0] || line > directive.lines[1]) return false;
  return directive.rules.length === 0 || directive.rules.includes(rule);
}
