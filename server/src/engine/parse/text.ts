/**
 * Converts document offsets to zero-based line/UTF-16 character positions and back. LF, CRLF and a lone CR all end a
 * line, everywhere in the engine. A leading byte order mark is not a column: line 0 starts after it, as every
 * editor shows it, and no position or edit can land before it (so fixes keep it).
 */
export interface Position {
  line: number;
  character: number;
}

const BOM = 0xfeff;

/** Length of a leading byte order mark (0 or 1 UTF-16 unit). */
export function bomLength(text: string): number {
  return text.charCodeAt(0) === BOM ? 1 : 0;
}

/**
 * The text the parsers read: every lone CR becomes LF, so the YAML parser, the Markdown parser and the line index
 * agree on what a line is. The length is unchanged, so every parser offset is a document offset.
 */
export function parserText(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** True when `offset` sits between a CR and its LF, or between the two halves of a surrogate pair. */
export function splitsUnit(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  if (before === 13 && after === 10) return true;
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** The nearest offset at or before `offset` that lies inside the text, after the BOM, and on a boundary. */
export function snapOffset(text: string, offset: number): number {
  let snapped = Math.max(bomLength(text), Math.min(Number.isFinite(offset) ? Math.trunc(offset) : 0, text.length));
  if (splitsUnit(text, snapped)) snapped--;
  return snapped;
}

export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [bomLength(text)];
    // The search for line breaks is the string's own (native even before the engine's code is optimised).
    if (!text.includes('\r')) {
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    } else {
      const breaks = /\r\n?|\n/g;
      for (let match = breaks.exec(text); match; match = breaks.exec(text)) starts.push(match.index + match[0].length);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = snapOffset(this.text, offset);
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: Math.min(clamped, this.lineEnd(low)) - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    const line = Number.isFinite(position.line) ? Math.trunc(position.line) : 0;
    if (line < 0) return this.lineStarts[0];
    if (line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[line];
    const character = Number.isFinite(position.character) ? Math.trunc(position.character) : 0;
    return snapOffset(this.text, Math.min(start + Math.max(0, character), this.lineEnd(line)));
  }

  /** Offset where a line's content starts (after the BOM on line 0). */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The document's own line break (the first one it uses), so inserted lines match it. */
  get eol(): string {
    const first = this.text.search(/[\r\n]/);
    if (first < 0 || this.text[first] === '\n') return '\n';
    return this.text[first + 1] === '\n' ? '\r\n' : '\r';
  }
}
