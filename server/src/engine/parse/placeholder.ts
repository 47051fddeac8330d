/**
 * An unfilled template value never counts as evidence: `{{owner_name}}`, `[Company Name]`, `<owner>`,
 * `TBD`, `TODO`, `N/A`-style fillers, `null` and blanks.
 */
const FILLER_WORDS = new Set(['tbd', 'tba', 'todo', 'tbc', 'fixme', 'xxx', 'null', 'none', 'n/a', 'na', '-', '?', '...', '…', 'placeholder', 'changeme', 'to be determined', 'to be defined', 'to be confirmed']);

const MAX_FILLER_LENGTH = Math.max(...[...FILLER_WORDS].map((word) => word.length));

export function isPlaceholderText(value: string): boolean {
  const text = value.trim();
  if (text === '') return true;
  if (text.length <= MAX_FILLER_LENGTH && FILLER_WORDS.has(text.toLowerCase())) return true;
  // Each pattern below needs a character the text can be tested for first (most values have none of them).
  // Blank signature and form lines: `________`, `Date: ______`.
  if (text.includes('___') && /^[_.\s-]*_{3,}[_.\s-]*$/.test(text)) return true;
  const first = text[0];
  if (first === '$' && /^\$\{.*\}$/s.test(text)) return true;
  if (first === '[' && /^\[[^\]]*\]$/.test(text) && !/^\[[^\]]*\]\(/.test(text)) return true;
  if (first === '<' && /^<[^<>]+>$/.test(text)) return true;
  return text.includes('{{') && (/^\{\{.*\}\}$/s.test(text) || /\{\{[^}]*\}\}/.test(text));
}
