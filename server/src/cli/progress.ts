/** How long a run goes before it shows progress: a quick run prints nothing extra. */
const DELAY_MS = 1000;
/** At most this often: redrawing costs a write, and the eye reads no faster. */
const REDRAW_MS = 100;
const ERASE_LINE = '\r\u001b[K';

export interface ProgressTerminal {
  /** Raw write to stderr (no newline added). */
  write: (chunk: string) => void;
  /** Whether stderr is a terminal a person watches. */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  now: () => number;
}

/**
 * "checked 640/1000 files" on stderr, redrawn in place, for runs that take over a second; erased when the run
 * ends. Only on a terminal, never in CI (`CI` set) nor when stderr is piped or redirected.
 * CEK_POLICY_TEST_PROGRESS=1 stands in for a terminal and drops the delay: the CLI tests use it, as a test
 * cannot give a child process a real terminal portably.
 */
export class Progress {
  private readonly enabled: boolean;
  private readonly delay: number;
  private readonly start: number;
  private lastDraw = -Infinity;
  private shown = false;

  constructor(private readonly total: number, private readonly terminal: ProgressTerminal) {
    const test = terminal.env.CEK_POLICY_TEST_PROGRESS === '1';
    const ci = terminal.env.CI !== undefined && terminal.env.CI !== '' && terminal.env.CI !== 'false' && terminal.env.CI !== '0';
    this.enabled = (terminal.isTTY || test) && !ci && total > 0;
    this.delay = test ? 0 : DELAY_MS;
    this.start = terminal.now();
  }

  /** `done` files of the total are finished. */
  update(done: number): void {
    if (!this.enabled) return;
    const now = this.terminal.now();
    if (now - this.start < this.delay || (now - this.lastDraw < REDRAW_MS && done < this.total)) return;
    this.lastDraw = now;
    this.shown = true;
    this.terminal.write(`${ERASE_LINE}checked ${done}/${this.total} file${this.total === 1 ? '' : 's'}`);
  }

  /** Takes the line away, before other output to the terminal or at the end; a later update draws it again. */
  clear(): void {
    if (!this.shown) return;
    this.shown = false;
    this.terminal.write(ERASE_LINE);
  }
}
