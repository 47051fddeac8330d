import type { Position, Range, TextEdit } from 'vscode-languageserver';
import type { LineIndex } from '../engine/parse/text';
import type { Span, TextEdit as EngineEdit } from '../engine/types';

/** The one place document offsets become LSP positions (UTF-16, as LSP requires) and back. */
export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

export function toOffset(lines: LineIndex, position: Position): number {
  return lines.offsetAt(position);
}

export function toTextEdits(lines: LineIndex, edits: EngineEdit[]): TextEdit[] {
  return edits.map((edit) => ({ range: toRange(lines, edit), newText: edit.newText }));
}
