import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import { checkText } from '../engine/engine';
import { fixAll } from '../engine/fixes/fixes';
import { migrateMarkdown } from '../engine/fixes/migrate';
import type { Fix, TextEdit as EngineEdit } from '../engine/types';
import type { Analysis } from './analysis';
import { findingFor, type DiagnosticData } from './diagnostics';
import { toTextEdits } from './positions';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.cek-policy`;
export const MIGRATE_KIND = `${CodeActionKind.RefactorRewrite}.cek-policy.migrate`;

/** One edit covering only what differs (common prefix and suffix kept), so untouched text keeps its ranges. */
function minimalEdit(before: string, after: string): EngineEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, end: before.length - end, newText: after.slice(start, after.length - end) };
}

function action(analysis: Analysis, title: string, fix: Fix, kind: string, preferred: boolean, diagnostics?: CodeActionParams['context']['diagnostics']): CodeAction {
  return {
    title,
    kind,
    isPreferred: preferred || undefined,
    diagnostics,
    edit: { changes: { [analysis.uri]: toTextEdits(analysis.result.document.lines, fix.edits) } },
  };
}

export function codeActions(analysis: Analysis, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'cek-policy') continue;
      const finding = findingFor(analysis, diagnostic.data as Partial<DiagnosticData>);
      if (!finding) continue;
      const choices = [...(finding.fix ? [finding.fix] : []), ...(finding.suggestions ?? [])];
      choices.forEach((fix, index) => actions.push(action(analysis, fix.title, fix, CodeActionKind.QuickFix, index === 0 && (Boolean(finding.fix) || choices.length === 1), [diagnostic])));
      actions.push(action(analysis, `Disable ${finding.rule} for this line`, disableNextLine(analysis, finding.rule, finding.span.start), CodeActionKind.QuickFix, false, [diagnostic]));
      actions.push(action(analysis, `Disable ${finding.rule} for this file`, disableFile(analysis, finding.rule), CodeActionKind.QuickFix, false, [diagnostic]));
    }
  }
  if (wants(MIGRATE_KIND) && analysis.result.document.format === 'markdown') {
    const { text } = analysis.result.document;
    const migration = migrateMarkdown(text, analysis.result.document.fileName);
    if (migration.moved.length > 0) {
      actions.push(action(analysis, `Move recognised metadata into front matter (${migration.moved.join(', ')})`, { title: 'migrate', edits: [minimalEdit(text, migration.text)] }, MIGRATE_KIND, false));
    }
  }
  if (wants(FIX_ALL_KIND) && analysis.result.findings.some((finding) => finding.fix && !finding.suppression)) {
    const fixed = fixAllText(analysis);
    if (fixed !== analysis.result.document.text) {
      const lines = analysis.result.document.lines;
      actions.push({
        title: 'Fix all safely fixable cek-policy problems',
        kind: FIX_ALL_KIND,
        edit: { changes: { [analysis.uri]: [{ range: { start: { line: 0, character: 0 }, end: lines.positionAt(analysis.result.document.text.length) }, newText: fixed }] } },
      });
    }
  }
  return actions;
}

function fixAllText(analysis: Analysis): string {
  const { document } = analysis.result;
  const options = { today: analysis.today, config: analysis.loaded.config, catalog: analysis.loaded.catalog, format: document.format, force: analysis.result.isPolicy };
  return fixAll(document.text, (text) => checkText(text, document.fileName, options).findings).text;
}

/** Inside YAML (a YAML file or the front matter) the directive is a `#` comment, elsewhere an HTML comment. */
function inYaml(analysis: Analysis, offset: number): boolean {
  const { document } = analysis.result;
  if (document.format === 'yaml') return true;
  const front = document.markdown?.frontMatter;
  return Boolean(front && offset >= front.contentStart && offset <= front.contentEnd);
}

function directive(analysis: Analysis, offset: number, text: string): string {
  return inYaml(analysis, offset) ? `# ${text}` : `<!-- ${text} -->`;
}

function disableNextLine(analysis: Analysis, rule: string, offset: number): Fix {
  const { lines, text } = analysis.result.document;
  const line = lines.positionAt(offset).line;
  const start = lines.lineStart(line);
  const indent = /^[ \t]*/.exec(text.slice(start, lines.lineEnd(line)))![0];
  return { title: `Disable ${rule} for this line`, edits: [{ start, end: start, newText: `${indent}${directive(analysis, offset, `cek-policy-disable-next-line ${rule} -- reason`)}${lines.eol}` }] };
}

function disableFile(analysis: Analysis, rule: string): Fix {
  const { document } = analysis.result;
  const front = document.markdown?.frontMatter;
  const at = front ? front.contentStart : document.lines.lineStart(0);
  return { title: `Disable ${rule} for this file`, edits: [{ start: at, end: at, newText: `${directive(analysis, at, `cek-policy-disable ${rule} -- reason`)}${document.lines.eol}` }] };
}
