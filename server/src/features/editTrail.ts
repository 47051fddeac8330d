import type { Hover, Position } from 'vscode-languageserver';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { CurrentText } from './completion';
import { hover } from './hover';
import { toRange } from './positions';
import type { FeatureView } from './view';

/** One replacement, in the offsets of the text it was applied to: `[start, end)` became `length` UTF-16 code units. */
interface Replacement {
  start: number;
  end: number;
  length: number;
}

/**
 * How offsets of an analysed version and of the current text correspond. An offset names the character that
 * starts there (the end of the text names the end): text inserted at an offset comes before that character.
 */
export interface OffsetMap {
  /** Where the character at a current offset was in the analysed text; undefined for a character typed since. */
  toAnalysed(offset: number): number | undefined;
  /** Where the character at an analysed offset is now; one replaced since is placed after its replacement. */
  toCurrent(offset: number): number;
}

export const IDENTITY: OffsetMap = { toAnalysed: (offset) => offset, toCurrent: (offset) => offset };

/** Changes kept per document since its last analysis: beyond them, requests no longer map and wait for a check instead. */
const MAX_STEPS = 512;

/**
 * The edits each open document went through, version by version, so an analysis of an older version can answer a
 * request about the current text while the new version waits for its check. Records are dropped once a newer
 * analysis exists (`forgetBefore`), so a trail holds only what happened since the last check.
 */
export class EditTrail {
  private readonly steps = new Map<string, { from: number; to: number; replacements: Replacement[] }[]>();

  /** `TextDocuments`' update: applies the changes one by one (as the protocol orders them), recording each. */
  readonly update = (document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument => {
    const from = document.version;
    const replacements: Replacement[] = [];
    for (const change of changes) {
      const length = change.text.length;
      if ('range' in change && change.range) {
        const start = document.offsetAt(change.range.start);
        replacements.push({ start, end: Math.max(start, document.offsetAt(change.range.end)), length });
      } else {
        replacements.push({ start: 0, end: document.getText().length, length });
      }
      TextDocument.update(document, [change], version);
    }
    let steps = this.steps.get(document.uri);
    if (!steps) this.steps.set(document.uri, (steps = []));
    steps.push({ from, to: version, replacements });
    if (steps.length > MAX_STEPS) steps.splice(0, steps.length - MAX_STEPS);
    return document;
  };

  /** The map from `version` to the document's current text, or undefined when the edits since are not all known. */
  since(uri: string, version: number, currentVersion: number): OffsetMap | undefined {
    if (version === currentVersion) return IDENTITY;
    const steps = this.steps.get(uri) ?? [];
    const first = steps.findIndex((step) => step.from === version);
    if (first === -1 || steps.at(-1)!.to !== currentVersion) return undefined;
    const replacements = steps.slice(first).flatMap((step) => step.replacements);
    return {
      toAnalysed(offset) {
        let at = offset;
        for (let index = replacements.length - 1; index >= 0; index--) {
          const { start, end, length } = replacements[index];
          if (at < start) continue;
          if (at < start + length) return undefined;
          at += end - start - length;
        }
        return at;
      },
      toCurrent(offset) {
        let at = offset;
        for (const { start, end, length } of replacements) {
          if (at < start) continue;
          at = at >= end ? at + length - (end - start) : start + length;
        }
        return at;
      },
    };
  }

  /** The analysis of `version` is the newest there is: the steps before it are no longer needed. */
  forgetBefore(uri: string, version: number): void {
    const steps = this.steps.get(uri);
    if (!steps) return;
    const keep = steps.findIndex((step) => step.from === version);
    if (keep === -1) steps.length = 0;
    else if (keep > 0) steps.splice(0, keep);
  }

  close(uri: string): void {
    this.steps.delete(uri);
  }
}

/**
 * A hover for the current text answered from the view of an earlier version, where that is still true: only
 * when the hovered line is unchanged since (anything typed on it means the next check answers instead, so `undefined`).
 * The range is placed in the current text.
 */
export function hoverSince(earlier: FeatureView, map: OffsetMap, current: CurrentText, position: Position): Hover | null | undefined {
  const { lines, text } = current;
  const start = lines.lineStart(position.line);
  const end = lines.lineEnd(position.line);
  const [analysedStart, analysedEnd, analysedOffset] = [start, end, lines.offsetAt(position)].map((offset) => map.toAnalysed(offset));
  if (analysedStart === undefined || analysedEnd === undefined || analysedOffset === undefined) return undefined;
  if (earlier.text.slice(analysedStart, analysedEnd) !== text.slice(start, end)) return undefined;
  const answer = hover(earlier, earlier.lines.positionAt(analysedOffset));
  if (!answer?.range) return answer;
  const span = { start: map.toCurrent(earlier.lines.offsetAt(answer.range.start)), end: map.toCurrent(earlier.lines.offsetAt(answer.range.end)) };
  return { ...answer, range: toRange(lines, span) };
}
