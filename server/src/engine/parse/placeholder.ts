/**
 * An unfilled template value never counts as evidence: `{{owner_name}}`, `[Company Name]`, `<owner>`,
 * `TBD`, `TODO`, `N/A`-style fillers, `null` and blanks.
 */
const FILLER_WORDS = new Set(['tbd', 'tba', 'todo', 'tbc', 'fixme', 'xxx', 'null', 'none', 'n/a', 'na', '-', '?', '...', '…', 'placeholder', 'changeme', 'to be determined', 'to be defined', 'to be confirmed']);

export function isPlaceholderText(value: string): boolean {
  const text = value.trim();
  if (text === '') return true;
  if (FILLER_WORDS.has(text.toLowerCase())) return true;
  // Blank signature and form lines: `________`, `Date: ______`.
  if (/^[_.\s-]*_{3,}[_.\s-]*$/.test(text)) return true;
  if (/^\{\{.*\}\}$/s.test(text) || /^\$\{.*\}$/s.test(text)) return true;
  if (/^\[[^\]]*\]$/.test(text) && !/^\[[^\]]*\]\(/.test(text)) return true;
  if (/^<[^<>]+>$/.test(text)) return true;
  return /\{\{[^}]*\}\}/.test(text);
}
