import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { BINARY_REFUSAL, fileKindRefusal, looksBinary, megabytes, SNIFF_BYTES, sizeRefusal, UTF16_REFUSAL, UTF8_REFUSAL } from './limits';

/**
 * Whether a path is the folder `root` or below it (both resolved the same way: real paths where links matter). The
 * one test of "inside the workspace" for every file read on the workspace's behalf: a name that merely starts with
 * two dots (`..notes.md`) is inside.
 */
export function isInside(root: string, path: string): boolean {
  const relativePath = relative(root, path);
  return relativePath === '' || (relativePath !== '..' && !relativePath.startsWith(`..${sep}`) && !isAbsolute(relativePath));
}

/** A file as the engine may read it: its text, or why it was refused (with its head, to tell whether it is a policy). */
export type Source =
  /** `encoding`: set when the file was not UTF-8 (a UTF-16 file with its byte order mark); --fix writes it back the same way. */
  | { kind: 'text'; text: string; encoding?: TextEncodingName }
  | { kind: 'refused'; message: string; head: string };

/** The encodings besides UTF-8 that a file is read in: UTF-16 marked by its byte order mark (Windows editors save it). */
export type TextEncodingName = 'utf-16le' | 'utf-16be';

export interface ReadOptions {
  /** Refuse a symbolic link rather than read what it leads to (the cache: a link there is never followed). */
  noFollow?: boolean;
}

/** What kind of thing a non-regular file is, in words. */
export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

/**
 * Reads a text file the safe way: opened without blocking (a FIFO would otherwise wait forever), checked with
 * fstat to be a regular file within `maxBytes` before anything is read, read no further than the limit (the file
 * may grow meanwhile), and decoded as strict UTF-8. I/O errors (missing file, no permission) are thrown as they
 * are; everything about the content is a refusal, never an exception.
 */
export function readSource(path: string, maxBytes: number, what = 'policies', options: ReadOptions = {}): Source {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0) | (options.noFollow ? constants.O_NOFOLLOW ?? 0 : 0));
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { kind: 'refused', message: fileKindRefusal(fileKind(stats)), head: '' };
    if (stats.size > maxBytes) return { kind: 'refused', message: sizeRefusal(stats.size, maxBytes, what), head: lenient(readUpTo(fd, SNIFF_BYTES)) };
    // Sized by fstat (one read for the usual file), still bounded by the limit if the file grows meanwhile.
    const bytes = readUpTo(fd, maxBytes + 1, stats.size + 1, true);
    if (bytes.length > maxBytes) return { kind: 'refused', message: sizeRefusal(bytes.length, maxBytes, what), head: lenient(bytes.subarray(0, SNIFF_BYTES)) };
    return decodeSource(bytes);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads an open descriptor (standard input) no further than `maxBytes`: endless input (`< /dev/zero`) is a
 * refusal once past the limit, never a process that fills its memory.
 */
export function readDescriptorSource(fd: number, maxBytes: number, what = 'policies'): Source {
  const bytes = readUpTo(fd, maxBytes + 1);
  if (bytes.length > maxBytes) return { kind: 'refused', message: `Standard input is over ${megabytes(maxBytes)}; cek-policy checks ${what} up to ${megabytes(maxBytes)}.`, head: lenient(bytes.subarray(0, SNIFF_BYTES)) };
  return decodeSource(bytes);
}

/**
 * Strict UTF-8 (a BOM is kept as U+FEFF: the engine handles it where text enters), or strict UTF-16 when the file
 * starts with a UTF-16 byte order mark (FF FE little-endian, FE FF big-endian), which is kept the same way.
 */
export function decodeSource(bytes: Uint8Array): Source {
  const utf16 = utf16Encoding(bytes);
  if (utf16) return decodeUtf16(bytes, utf16);
  if (bytes.subarray(0, 8192).includes(0)) return { kind: 'refused', message: BINARY_REFUSAL, head: lenient(bytes.subarray(0, SNIFF_BYTES)) };
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    return { kind: 'refused', message: UTF8_REFUSAL, head: lenient(bytes.subarray(0, SNIFF_BYTES)) };
  }
  if (looksBinary(text)) return { kind: 'refused', message: BINARY_REFUSAL, head: text.slice(0, SNIFF_BYTES) };
  return { kind: 'text', text };
}

/** The encoding of text to write back where `source` came from (UTF-8 unless it was read as UTF-16). */
export function encodeLike(text: string, encoding: TextEncodingName | undefined): Buffer {
  if (encoding === undefined) return Buffer.from(text, 'utf8');
  const bytes = Buffer.from(text, 'utf16le');
  return encoding === 'utf-16le' ? bytes : bytes.swap16();
}

function utf16Encoding(bytes: Uint8Array): TextEncodingName | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function decodeUtf16(bytes: Uint8Array, encoding: TextEncodingName): Source {
  let text: string;
  try {
    if (bytes.length % 2 !== 0) throw new Error('odd length');
    text = (encoding === 'utf-16le' ? STRICT_UTF16LE : STRICT_UTF16BE).decode(bytes);
  } catch {
    return { kind: 'refused', message: UTF16_REFUSAL, head: '' };
  }
  if (looksBinary(text)) return { kind: 'refused', message: BINARY_REFUSAL, head: text.slice(0, SNIFF_BYTES) };
  return { kind: 'text', text, encoding };
}

/** Decoders keep no state between whole-buffer `decode` calls: one of each serves every file. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LENIENT_UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const STRICT_UTF16LE = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const STRICT_UTF16BE = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true });

function lenient(bytes: Uint8Array): string {
  return LENIENT_UTF8.decode(bytes);
}

/**
 * Reads to the end or to `limit` bytes, whichever comes first; `expected` sizes the first read (fstat's size, plus one).
 * `regular`: a regular file, whose short read is its end (a pipe may read short and still have more).
 */
function readUpTo(fd: number, limit: number, expected = 64 * 1024, regular = false): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let size = Math.max(1, Math.min(expected, 64 * 1024));
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(size, limit - total));
    size = 64 * 1024;
    let read: number;
    try {
      read = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      // A non-blocking pipe with nothing in it yet (standard input): wait a little and read again.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      continue;
    }
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    total += read;
    // A regular file read short of its fstat size plus one is at its end: no read to learn it again.
    if (regular && read < chunk.length) break;
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}
