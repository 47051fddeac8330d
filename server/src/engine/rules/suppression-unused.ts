import { g, type Rule } from './rule';
import { findRule } from './index';

export const suppressionUnused: Rule = {
  id: 'suppression-unused',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 7)],
  severity: 'info',
  description: 'An inline suppression covers no finding (the gap was fixed, or the rule id is wrong): remove it so the audit trail stays true.',
  fixable: 'safe',
  formats: ['yaml', 'markdown'],
  summary: false,
  check: () => [],
  checkDirectives(context, directives, used) {
    const text = context.doc.text;
    return directives
      .filter((directive) => directive.kind !== 'enable' && !used.has(directive) && !(directive.until && directive.until < context.today))
      .map((directive) => {
        const unknown = directive.rules.filter((rule) => !findRule(rule));
        // Remove the whole comment line when the comment stands alone on it.
        const lines = context.doc.lines;
        const line = lines.positionAt(directive.span.start).line;
        const lineStart = lines.lineStart(line);
        const alone = text.slice(lineStart, directive.span.start).trim() === '' && lines.positionAt(directive.span.end).line === line && text.slice(directive.span.end, lines.lineEnd(line)).trim() === '';
        const edit = alone
          ? { start: lineStart, end: line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length, newText: '' }
          : { start: trimmedStart(text, directive.span.start), end: directive.span.end, newText: '' };
        return {
          span: directive.span,
          message: unknown.length > 0
            ? `This suppression names unknown rule ${unknown.map((rule) => `\`${rule}\``).join(', ')}; it suppresses nothing.`
            : `This suppression of ${directive.rules.join(', ') || 'every rule'} covers no finding; remove it so the audit trail stays accurate.`,
          fix: unknown.length > 0 ? undefined : { title: 'Remove the unused suppression', edits: [edit] },
          data: { rules: directive.rules },
        };
      });
  },
};

function trimmedStart(text: string, start: number): number {
  let at = start;
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  return at;
}
