import type { Span } from '../types';

/**
 * A run of plain text (markup removed) that remembers where each character came from, so a word found in
 * the plain text maps back to an exact source range. Pieces whose value is not a verbatim copy of the
 * source (escapes, entities) map as a whole: a match inside one covers the whole piece.
 */
export interface TextPiece {
  /** Offset in the block's plain text. */
  at: number;
  length: number;
  sourceStart: number;
  sourceEnd: number;
  /** The plain text equals the source slice, character for character. */
  exact: boolean;
}

export class TextBuilder {
  private built = '';
  /** The last characters of the text: `endsWith` on the text itself flattens it each time (quadratic in a long row). */
  private tail = '';
  readonly pieces: TextPiece[] = [];

  get text(): string {
    return this.built;
  }

  /** Appends plain text whose pieces the caller adds (already shifted to this builder's offsets). */
  append(value: string): void {
    this.built += value;
    this.tail = value.length >= TAIL ? value.slice(-TAIL) : (this.tail + value).slice(-TAIL);
  }

  /** Appends text copied from the source at [start, end). */
  add(value: string, start: number, end: number, source: string): void {
    if (value === '') return;
    const exact = source.slice(start, end) === value;
    this.pieces.push({ at: this.built.length, length: value.length, sourceStart: start, sourceEnd: end, exact });
    this.append(value);
  }

  /** Appends a separator that has no source of its own (it maps to the nearest real text). */
  separator(value: string): void {
    if (this.built !== '' && !(value.length <= TAIL ? this.tail.endsWith(value) : this.built.endsWith(value))) this.append(value);
  }
}

const TAIL = 16;

/** Maps a half-open range of plain text back to a source span. */
export function sourceSpan(pieces: readonly TextPiece[], from: number, to: number): Span | undefined {
  const first = pieceAt(pieces, from, 'start');
  const last = pieceAt(pieces, Math.max(from, to - 1), 'end');
  if (!first || !last) return undefined;
  const start = first.exact ? first.sourceStart + Math.max(0, from - first.at) : first.sourceStart;
  const end = last.exact ? last.sourceStart + Math.min(last.length, to - last.at) : last.sourceEnd;
  return end >= start ? { start, end } : { start, end: start };
}

/** The piece holding plain offset `at` (a separator maps to the piece after it for starts, before it for ends). */
function pieceAt(pieces: readonly TextPiece[], at: number, side: 'start' | 'end'): TextPiece | undefined {
  let low = 0;
  let high = pieces.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (pieces[mid].at <= at) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  if (found < 0) return pieces[0];
  const piece = pieces[found];
  if (at < piece.at + piece.length) return piece;
  // `at` falls on a separator between pieces.
  return side === 'start' ? pieces[found + 1] ?? piece : piece;
}
