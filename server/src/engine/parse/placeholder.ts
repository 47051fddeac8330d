/**
 * An unfilled template value never counts as evidence: `{{owner_name}}`, `[Company Name]`, `<owner>`,
 * `TBD`, `TODO`, `N/A`-style fillers, `null` and blanks.
 */
const FILLER_WORDS = new Set(['tbd', 'tba', 'todo', 'tbc', 'fixme', 'xxx', 'null', 'none', 'n/a', 'na', '-', '?', '...', '…', 'placeholder', 'changeme', 'to be determined', 'to be defined', 'to be confirmed']);

const MAX_FILLER_LENGTH = [...FILLER_WORDS].reduce((longest, word) => Math.max(longest, word.length), 0);

export function isPlaceholderText(value: string): boolean {
  const text = value.trim();
  if (text === '') return true;
  if (text.length <= MAX_FILLER_LENGTH && FILLER_WORDS.has(text.toLowerCase())) return true;
  // Each pattern below needs a character the text can be tested for first (most values have none of them).
  // Blank signature and form lines: `________`, `Date: ______`.
  // (`___` somewhere, and nothing but `_`, `.`, `-` and white space: one class, so the test is linear.)
  if (text.includes('___') && /^[_.\s-]*$/.test(text)) return true;
  const first = text[0];
  if (first === '$' && /^\$\{.*\}$/s.test(text)) return true;
  if (first === '[' && /^\[[^\]]*\]$/.test(text) && !/^\[[^\]]*\]\(/.test(text)) return true;
  if (first === '<' && /^<[^<>]+>$/.test(text)) return true;
  return text.includes('{{') && ((text.endsWith('}}') && text.startsWith('{{')) || hasMustache(text));
}

/**
 * Whether the text holds `{{…}}` with no `}` inside (as `/\{\{[^}]*\}\}/`, which is quadratic on a run of `{`): from
 * an opening `{{`, the first `}` must start `}}`; if not, no `{{` before that `}` can close either.
 */
function hasMustache(text: string): boolean {
  for (let open = text.indexOf('{{'); open >= 0; ) {
    const close = text.indexOf('}', open + 2);
    if (close < 0) return false;
    if (text[close + 1] === '}') return true;
    open = text.indexOf('{{', close + 1);
  }
  return false;
}
