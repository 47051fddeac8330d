import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import { checkText } from '../engine/engine';
import { fixAll } from '../engine/fixes/fixes';
import { migrateMarkdown } from '../engine/fixes/migrate';
import type { Fix, TextEdit as EngineEdit } from '../engine/types';
import type { DocumentSettings } from './analysis';
import { findingFor, type DiagnosticData } from './diagnostics';
import { toTextEdits } from './positions';
import type { FeatureView } from './view';

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

/** The code actions that run the engine again: the main thread asks the check worker for them. */
export interface EngineActions {
  /** The text with every safe fix applied, re-checked between passes; undefined when nothing would change. */
  fixAll(view: FeatureView): Promise<string | undefined>;
  /** A Markdown policy's metadata moved into front matter, as one edit; undefined when nothing is recognised. */
  migrate(view: FeatureView): Promise<Migration | undefined>;
}

export interface Migration {
  /** The fields written into front matter. */
  moved: string[];
  edit: EngineEdit;
}

function action(view: FeatureView, title: string, fix: Fix, kind: string, preferred: boolean, diagnostics?: CodeActionParams['context']['diagnostics']): CodeAction {
  return {
    title,
    kind,
    isPreferred: preferred || undefined,
    diagnostics,
    edit: { changes: { [view.uri]: toTextEdits(view.lines, fix.edits) } },
  };
}

/** Quick fixes from the view; the migration and fix-all, which need the engine, from `engine`. */
export async function codeActions(view: FeatureView, params: CodeActionParams, engine: EngineActions): Promise<CodeAction[]> {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'cek-policy') continue;
      const finding = findingFor(view, diagnostic.data as Partial<DiagnosticData>);
      if (!finding) continue;
      const choices = [...(finding.fix ? [finding.fix] : []), ...(finding.suggestions ?? [])];
      choices.forEach((fix, index) => actions.push(action(view, fix.title, fix, CodeActionKind.QuickFix, index === 0 && (Boolean(finding.fix) || choices.length === 1), [diagnostic])));
      actions.push(action(view, `Disable ${finding.rule} for this line`, disableNextLine(view, finding.rule, finding.span.start), CodeActionKind.QuickFix, false, [diagnostic]));
      actions.push(action(view, `Disable ${finding.rule} for this file`, disableFile(view, finding.rule), CodeActionKind.QuickFix, false, [diagnostic]));
    }
  }
  const [migration, fixed] = await Promise.all([
    wants(MIGRATE_KIND) && view.format === 'markdown' ? engine.migrate(view) : undefined,
    wants(FIX_ALL_KIND) && view.findings.some((finding) => finding.fix && !finding.suppression) ? engine.fixAll(view) : undefined,
  ]);
  if (migration) {
    actions.push(action(view, `Move recognised metadata into front matter (${migration.moved.join(', ')})`, { title: 'migrate', edits: [migration.edit] }, MIGRATE_KIND, false));
  }
  if (fixed !== undefined) {
    actions.push({
      title: 'Fix all safely fixable cek-policy problems',
      kind: FIX_ALL_KIND,
      edit: { changes: { [view.uri]: [{ range: { start: { line: 0, character: 0 }, end: view.lines.positionAt(view.text.length) }, newText: fixed }] } },
    });
  }
  return actions;
}

/** In the check worker: the text with every safe fix applied, re-checking between passes (undefined: no change). */
export function fixAllText(text: string, fileName: string, settings: DocumentSettings): string | undefined {
  // Asked only about a policy with a safe fix, so it is checked as one whatever the fixes do to its marker.
  // Fix-all reads only the safe fixes: no guideline statuses, no suggestions.
  const options = { today: settings.today, config: settings.loaded.config, catalog: settings.loaded.catalog, format: settings.format, force: true, requirements: false, suggestions: false };
  const fixed = fixAll(text, (current) => checkText(current, fileName, options).findings).text;
  return fixed === text ? undefined : fixed;
}

/** In the check worker: the front matter migration of a Markdown policy as one minimal edit, when it moves anything. */
export function migration(text: string, fileName: string): Migration | undefined {
  const migrated = migrateMarkdown(text, fileName);
  return migrated.moved.length > 0 ? { moved: migrated.moved, edit: minimalEdit(text, migrated.text) } : undefined;
}

/** Inside YAML (a YAML file or the front matter) the directive is a `#` comment, elsewhere an HTML comment. */
function inYaml(view: FeatureView, offset: number): boolean {
  if (view.format === 'yaml') return true;
  const front = view.markdown?.frontMatter;
  return Boolean(front && offset >= front.contentStart && offset <= front.contentEnd);
}

function directive(view: FeatureView, offset: number, text: string): string {
  return inYaml(view, offset) ? `# ${text}` : `<!-- ${text} -->`;
}

function disableNextLine(view: FeatureView, rule: string, offset: number): Fix {
  const { lines, text } = view;
  const line = lines.positionAt(offset).line;
  const start = lines.lineStart(line);
  const indent = /^[ \t]*/.exec(text.slice(start, lines.lineEnd(line)))![0];
  return { title: `Disable ${rule} for this line`, edits: [{ start, end: start, newText: `${indent}${directive(view, offset, `cek-policy-disable-next-line ${rule} -- reason`)}${lines.eol}` }] };
}

function disableFile(view: FeatureView, rule: string): Fix {
  const front = view.markdown?.frontMatter;
  const at = front ? front.contentStart : view.lines.lineStart(0);
  return { title: `Disable ${rule} for this file`, edits: [{ start: at, end: at, newText: `${directive(view, at, `cek-policy-disable ${rule} -- reason`)}${view.lines.eol}` }] };
}
