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

/** In the order they are tried: a longer kind before the kind it starts with. */
const KINDS: DirectiveKind[] = ['disable-next-line', 'disable-line', 'disable', 'enable'];
const PREFIX = 'cek-policy-';

/** Whether the character at `index` is white space as `\s` and `String.prototype.trim` read it. */
function isSpace(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  return code > 127 && text[index].trim() === '';
}

/** `cek-policy-<kind>` after leading white space and before white space or the end; the rest of the text. A scan, not a pattern (comments are untrusted). */
export function directiveHead(text: string): { kind: DirectiveKind; rest: string } | undefined {
  let at = 0;
  while (at < text.length && isSpace(text, at)) at++;
  if (!text.startsWith(PREFIX, at)) return undefined;
  at += PREFIX.length;
  for (const kind of KINDS) {
    const end = at + kind.length;
    if (text.startsWith(kind, at) && (end === text.length || isSpace(text, end))) return { kind, rest: text.slice(end) };
  }
  return undefined;
}

/**
 * A justification's closing `(until <date>)`: the text inside (trimmed) and where the `(` is. The same as the
 * pattern `/\(\s*until\s+([^)]*?)\s*\)\s*$/i`, in one pass: that pattern is quadratic on a run of spaces.
 */
export function untilClause(text: string): { value: string; index: number } | undefined {
  let close = text.length - 1;
  while (close >= 0 && isSpace(text, close)) close--;
  if (close < 0 || text[close] !== ')') return undefined;
  // The clause holds no `)`: its `(` is after the one before the last.
  const from = text.lastIndexOf(')', close - 1) + 1;
  for (let open = text.indexOf('(', from); open >= 0 && open < close; open = text.indexOf('(', open + 1)) {
    let at = open + 1;
    while (at < close && isSpace(text, at)) at++;
    if (!/^until$/i.test(text.slice(at, at + 5)) || !isSpace(text, at + 5) || at + 5 >= close) continue;
    return { value: text.slice(at + 5, close).trim(), index: open };
  }
  return undefined;
}

/** Reads the directives of a document. The grammar is our own comment syntax, not YAML or Markdown. */
export function readDirectives(doc: PolicyDocument): Directive[] {
  const directives: Directive[] = [];
  const lastLine = doc.lines.lineCount - 1;
  const sorted = [...doc.comments].sort((a, b) => a.span.start - b.span.start);
  for (const comment of sorted) {
    const head = directiveHead(comment.text);
    if (!head) continue;
    const kind = head.kind;
    let rest = head.rest.trim();
    let justification: string | undefined;
    const separator = rest.search(/(^|\s)--(\s|$)/);
    if (separator >= 0) {
      justification = rest.slice(separator).replace(/^\s*--\s*/, '').trim();
      rest = rest.slice(0, separator);
    }
    let until: string | undefined;
    let badUntil: string | undefined;
    if (justification) {
      const clause = untilClause(justification);
      if (clause) {
        if (isIsoDate(clause.value)) until = clause.value;
        else badUntil = clause.value;
        justification = justification.slice(0, clause.index).trim();
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
