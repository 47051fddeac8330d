/**
 * The language server's guard on its own input: the LSP base protocol frames each message with a `Content-Length`
 * header, and a stream whose framing is broken cannot be read further (vscode-jsonrpc's reader then waits forever
 * for a body that never comes, or drops the header and loses its place, and the server stays alive and silent).
 * The guard reads the same bytes as the reader, before it, and calls `onBroken` on the first header that is not a
 * sane frame: the server then ends with a message, so that the client sees a dead server and starts a new one.
 */

/**
 * The largest message accepted: far above any document an editor synchronises (a policy is checked up to 4 MB,
 * at most 24 MB once escaped as JSON), far below what would exhaust memory while the reader buffers it.
 */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
/** Header bytes before the blank line that ends them: real headers are two short lines. */
export const MAX_HEADER_BYTES = 8 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');

export class FramingGuard {
  private header: Buffer = Buffer.alloc(0);
  /** Body bytes still to come of the current message; headers are read while it is 0 and `inBody` is false. */
  private remaining = 0;
  private inBody = false;
  private broken = false;

  constructor(private readonly onBroken: (reason: string) => void) {}

  /** Reads one chunk of input; false once the framing is broken (`onBroken` was called, once). */
  push(chunk: Buffer): boolean {
    let offset = 0;
    while (!this.broken && offset < chunk.length) {
      if (this.inBody) {
        const taken = Math.min(this.remaining, chunk.length - offset);
        this.remaining -= taken;
        offset += taken;
        if (this.remaining === 0) this.inBody = false;
        continue;
      }
      const searchFrom = Math.max(0, this.header.length - (HEADER_END.length - 1));
      this.header = this.header.length === 0 ? chunk.subarray(offset) : Buffer.concat([this.header, chunk.subarray(offset)]);
      const end = this.header.indexOf(HEADER_END, searchFrom);
      if (end < 0) {
        if (this.header.length > MAX_HEADER_BYTES) this.fail(`a message header longer than ${MAX_HEADER_BYTES} bytes without the blank line that ends it`);
        else this.header = Buffer.from(this.header); // kept past this chunk: a copy, not a view of the reader's buffer
        return !this.broken;
      }
      if (end > MAX_HEADER_BYTES) return this.fail(`a message header longer than ${MAX_HEADER_BYTES} bytes`);
      const length = this.contentLength(this.header.subarray(0, end).toString('latin1'));
      if (length === undefined) return false;
      // What followed the header in this chunk is the body's start.
      offset = chunk.length - (this.header.length - (end + HEADER_END.length));
      this.header = Buffer.alloc(0);
      this.remaining = length;
      this.inBody = length > 0;
    }
    return !this.broken;
  }

  private contentLength(header: string): number | undefined {
    let value: string | undefined;
    for (const line of header.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) {
        this.fail(`a message header line without a name and a colon (${JSON.stringify(line.slice(0, 80))})`);
        return undefined;
      }
      if (line.slice(0, colon).trim().toLowerCase() === 'content-length') value = line.slice(colon + 1).trim();
    }
    if (value === undefined) {
      this.fail('a message without a Content-Length header');
      return undefined;
    }
    if (!/^[0-9]+$/.test(value)) {
      this.fail(`a Content-Length that is not a byte count (${JSON.stringify(value.slice(0, 40))})`);
      return undefined;
    }
    const length = Number(value);
    if (length > MAX_MESSAGE_BYTES) {
      this.fail(`a Content-Length of ${value.length > 20 ? `${value.slice(0, 20)}…` : length.toLocaleString('en')} bytes, over the ${MAX_MESSAGE_BYTES / 1024 / 1024} MB a message may have`);
      return undefined;
    }
    return length;
  }

  private fail(reason: string): false {
    if (!this.broken) {
      this.broken = true;
      this.onBroken(reason);
    }
    return false;
  }
}

/**
 * Watches `input` (the server's standard input) ahead of the LSP reader: called before the connection is created,
 * so its listener runs first on every chunk; `onBroken` must end the process (the reader never sees that chunk).
 */
export function guardFraming(input: NodeJS.ReadableStream, onBroken: (reason: string) => void): void {
  const guard = new FramingGuard(onBroken);
  input.on('data', (chunk: Buffer | string) => {
    guard.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  });
}
