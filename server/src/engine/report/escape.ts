/**
 * Characters that text from a checked file must not carry to a terminal or a rendered report as they are: C0 and
 * C1 controls and DEL (escape sequences clear the screen, set the window title, ring the bell; a line break starts
 * a line the tool did not write), the Unicode line and paragraph separators, and the bidirectional overrides and
 * isolates that make text read differently from what it is. One character class: linear on any input.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with each unsafe character written as its escape (`\u001b`), so it is shown, never acted on. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Untrusted text as plain Markdown text, on one line: every character that could start markup is escaped (so no
 * link, image, autolink, emphasis, code span, HTML or table cell break comes alive), controls as above.
 */
export function markdownText(text: string): string {
  return escapeControls(text.replace(/\r\n|\r|\n/g, ' '))
    .replace(/[\\`*_[\]|~@$]|:(?=\/)/g, (character) => `\\${character}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // GFM turns a bare https://…, www.… or e-mail address into a link: an escaped `:` before `/`, `.` after www
    // and `@` keep it text (a link written [..](..) or <..> has its brackets escaped above).
    .replace(/(www)\./gi, '$1\\.');
}

/** Untrusted text as a Markdown code span (a file name, a location): a fence longer than any backtick run inside. */
export function markdownCode(text: string): string {
  const safe = escapeControls(text.replace(/\r\n|\r|\n/g, ' ')).replace(/\|/g, '\\|');
  let longest = 0;
  let run = 0;
  for (const character of safe) {
    run = character === '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const fence = '`'.repeat(longest + 1);
  const pad = safe.startsWith('`') || safe.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${safe}${pad}${fence}`;
}
