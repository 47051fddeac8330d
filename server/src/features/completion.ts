import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver';
import { ACTOR_NAMES, ACTORS, DUTY_DESCRIPTIONS, DUTY_IDS } from '../engine/model/duties';
import type { LineIndex } from '../engine/parse/text';
import { toOffset } from './positions';
import { propertiesAt } from '../engine/model/schemaInfo';
import { keysAt } from './outline';
import type { FeatureView, ViewRole } from './view';

const DATE_KEYS = new Set(['date', 'last', 'next', 'trained', 'reviewed', 'effective_date']);

/** The text a request is about, with its line index: the analysed text, or the current one when typing is ahead of the check. */
export interface CurrentText {
  text: string;
  lines: LineIndex;
}

/**
 * Completion from the parse tree where the cursor is inside a value, and from indentation where the line is
 * still being typed (the tree has no node for `  rev|` yet). `current` is the text as it is now when the view
 * is of an earlier version (typing ahead of the check): the line and the indentation are read from it, role ids
 * and the keys already present from the view (which, while the document does not parse, has the parser's
 * recovered tree and its roles).
 */
export function completion(view: FeatureView, position: Position, current: CurrentText = view): CompletionItem[] | CompletionList {
  const { text, lines } = current;
  const offset = toOffset(lines, position);
  const lineStart = lines.lineStart(position.line);
  const before = text.slice(lineStart, offset);
  const keyMatch = /^(\s*)(?:-\s+)?([A-Za-z_]*)$/.exec(before);
  const valueMatch = /^\s*(?:-\s+)?([A-Za-z_]+):(.*)$/.exec(before);
  const path = pathByIndentation(text, lines, position.line, (keyMatch?.[1] ?? /^\s*/.exec(before)![0]).length);

  if (valueMatch) {
    const key = valueMatch[1];
    const value = valueMatch[2].trimStart();
    const inFlowList = value.lastIndexOf('[') > value.lastIndexOf(']');
    if (key === 'actor') return ACTORS.map((actor) => ({ label: actor, kind: CompletionItemKind.EnumMember, detail: ACTOR_NAMES[actor] }));
    if (key === 'controls') return view.catalog.all().map((control) => ({ label: control.id, kind: CompletionItemKind.Reference, detail: control.title }));
    if (key === 'responsibilities') return DUTY_IDS.map((duty) => ({ label: duty, kind: CompletionItemKind.EnumMember, detail: DUTY_DESCRIPTIONS[duty].text }));
    if (key === 'alternates') return roleIds(view.roles, lastWord(value));
    if (DATE_KEYS.has(key) && !inFlowList) return [{ label: view.today, kind: CompletionItemKind.Value, detail: 'today' }];
  }
  if (keyMatch) {
    // The indentation path is the truth for a line being typed; the parser may have glued it to the next line.
    const parent = path;
    const present = new Set(view.outline ? keysAt(view.outline, parent) : []);
    return Object.entries(propertiesAt(parent))
      .filter(([name]) => !present.has(name) && name.startsWith(keyMatch[2]))
      .map(([name, schema]) => ({
        label: name,
        kind: CompletionItemKind.Property,
        documentation: schema.markdownDescription ? { kind: 'markdown', value: schema.markdownDescription } : undefined,
        insertText: `${name}: $0`,
        insertTextFormat: InsertTextFormat.Snippet,
      }));
  }
  return [];
}

/** Role ids offered in one answer; a policy with more gets those matching what is typed, and is asked again as typing goes on. */
const MAX_ROLE_ITEMS = 100;

function roleIds(all: ViewRole[], typed: string): CompletionItem[] | CompletionList {
  const roles = all.filter((role) => role.id);
  const item = (role: (typeof roles)[number]): CompletionItem => ({ label: role.id!.value, kind: CompletionItemKind.Reference, detail: role.title?.value });
  if (roles.length <= MAX_ROLE_ITEMS) return roles.map(item);
  const needle = typed.toLowerCase();
  const items: CompletionItem[] = [];
  for (const role of roles) {
    if (items.length === MAX_ROLE_ITEMS) break;
    if (role.id!.value.toLowerCase().includes(needle)) items.push(item(role));
  }
  return { isIncomplete: true, items };
}

/** Keys on the path to a line, read from the indentation of the lines above it. */
function pathByIndentation(text: string, lines: LineIndex, line: number, indent: number): string[] {
  const path: string[] = [];
  let current = indent;
  for (let index = line - 1; index >= 0 && current > 0; index--) {
    // Lines indented at least as deep are skipped on their indentation alone: no slice, no pattern (a line deep in a
    // 5,000-line list walks up past thousands of them).
    const start = lines.lineStart(index);
    const end = lines.lineEnd(index);
    let at = start;
    while (at < end && isSpace(text.charCodeAt(at))) at++;
    const lineIndent = at - start;
    if (at === end || lineIndent >= current) continue;
    const content = text.slice(start, end);
    if (content.trim().startsWith('#') || content.trim() === '---') continue;
    const match = /^(\s*)(-\s+)?([A-Za-z_]+):/.exec(content);
    // `- id: x` starts a list item: its key is a sibling, the list's own key is further up.
    if (match && !match[2]) path.unshift(match[3]);
    current = lineIndent;
  }
  return path;
}

/** White space as `\s` has it (the pattern reads the key after it). */
function isSpace(code: number): boolean {
  if (code === 32 || code === 9) return true;
  return code > 127 || (code >= 10 && code <= 13) ? /\s/.test(String.fromCharCode(code)) : false;
}

/** The word being typed at the end of a flow list: after the last white space, `,`, `[` or `]`. */
function lastWord(text: string): string {
  let start = text.length;
  while (start > 0 && !/[\s,[\]]/.test(text[start - 1])) start--;
  return text.slice(start);
}
