import type { Span } from '../types';
import { IDENTITY_PLACEHOLDER_WORDS } from './lexicon';
import { sourceSpan } from '../parse/textBlock';
import { tokenize } from './match';
import type { Statement } from './statements';

/** The longest placeholder read: `[Name of the Organisation]` fits, a bracketed sentence does not. */
const MAX_PLACEHOLDER = 48;
const PAIRS: [string, string][] = [['{{', '}}'], ['[', ']'], ['<', '>'], ['{', '}']];
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const OPEN_ANGLE = 0x3c;

/**
 * Placeholders that stand for the organisation itself in the body of a template (`[Company Name]`,
 * `{{ meta-organisation.name }}`, `<Organisation>`): a document that still has one is not yet anyone's policy.
 * A scanner over each statement's text (each opener looks at most MAX_PLACEHOLDER characters ahead): linear.
 */
export function identityPlaceholders(statements: readonly Statement[]): { span: Span; text: string }[] {
  const found: { span: Span; text: string }[] = [];
  for (const statement of statements) {
    const text = statement.text;
    for (let at = 0; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (code !== OPEN_BRACE && code !== OPEN_BRACKET && code !== OPEN_ANGLE) continue;
      const pair = PAIRS.find(([open]) => text.startsWith(open, at));
      if (!pair) continue;
      const [open, close] = pair;
      // The closer is looked for within reach only: an unclosed opener costs MAX_PLACEHOLDER characters, not the rest of the text.
      const within = text.slice(at + open.length, at + MAX_PLACEHOLDER + close.length).indexOf(close);
      if (within < 0) continue;
      const end = at + open.length + within;
      if (end - at > MAX_PLACEHOLDER) continue;
      // `[text](url)` is a link, not a placeholder.
      if (open === '[' && text[end + 1] === '(') continue;
      const inner = text.slice(at + open.length, end);
      if (namesTheOrganisation(inner)) {
        const span = spanIn(statement, at, end + close.length);
        found.push({ span, text: text.slice(at, end + close.length) });
      }
      at = end + close.length - 1;
    }
  }
  return found;
}

function namesTheOrganisation(inner: string): boolean {
  const words = tokenize(inner.replace(/[._-]/g, ' ')).map((token) => token.word);
  if (words.length === 0 || words.length > 6) return false;
  return words.some((word) => IDENTITY_PLACEHOLDER_WORDS.includes(word));
}

/** Source span of [from, to) of a statement's text, through its block's offset map. */
function spanIn(statement: Statement, from: number, to: number): Span {
  return sourceSpan(statement.block.pieces, statement.from + from, statement.from + to) ?? statement.span;
}
