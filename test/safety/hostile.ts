/**
 * Hostile inputs of issue 23 (engine half), each a function of its size so that tests (small enough to stay quick
 * after the fix, large enough to hang before it), the fuzz run and `npm run bench:safety` share them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();
export const policyYaml = (): string => readFileSync(join(ROOT, 'examples/key-management-policy.yaml'), 'utf8');
export const policyMarkdown = (): string => readFileSync(join(ROOT, 'examples/key-management-policy.md'), 'utf8');

const FRONT = '---\nkind: crypto-policy\n---\n\n';

/** A suppression comment whose `(until …)` is followed by a long run of spaces (the old pattern was quadratic). */
export function untilSpaces(spaces: number): string {
  return `${policyYaml()}# cek-policy-disable owner-missing -- reason (until 2026-01-01${' '.repeat(spaces)}x\n`;
}

/** A Markdown title that looks like a document id, hyphenated and long (the old id pattern backtracked). */
export function longTitleId(length: number): string {
  return `${FRONT}# POL-${'1'.repeat(length)}_ Key Management\n\nKeys are rotated.\n`;
}

/** A YAML policy after `count` comment lines. */
export function yamlComments(count: number): string {
  return '# c\n'.repeat(count) + policyYaml();
}

/** A Markdown policy after `count` HTML comments. */
export function htmlComments(count: number): string {
  const markdown = policyMarkdown();
  const body = markdown.indexOf('\n---\n', 4) + 5;
  return `${markdown.slice(0, body)}${'<!-- c -->\n'.repeat(count)}${markdown.slice(body)}`;
}

/** A Markdown table of `rows` rows. */
export function tableRows(rows: number): string {
  return `${FRONT}# Roles\n\n| Role | Duty |\n|---|---|\n${'| a | b |\n'.repeat(rows)}`;
}

/** A Markdown table of `columns` columns and a few rows. */
export function tableColumns(columns: number): string {
  const row = (cell: string) => `${`|${cell}`.repeat(columns)}|\n`;
  return `${FRONT}# Roles\n\n${row('a')}${row('-')}${row('b').repeat(3)}`;
}

/** One paragraph of `count` inline links. */
export function links(count: number): string {
  return `${FRONT}# Policy\n\n${'[a](b) '.repeat(count)}\n`;
}

/** One paragraph of `depth` nested opening brackets. */
export function brackets(depth: number): string {
  return `${FRONT}# Policy\n\n${'['.repeat(depth)}a${']'.repeat(depth)}\n`;
}

/** One paragraph of `count` backtick pairs after a letter (one 40,000-letter word of code spans: its stems were looked up letter by letter). */
export function backticks(count: number): string {
  return `${FRONT}# Policy\n\n${'a``'.repeat(count)}\n`;
}

/** `count` one-word paragraphs. */
export function paragraphs(count: number): string {
  return `${FRONT}# Policy\n\n${'a\n\n'.repeat(count)}`;
}

/** A catalog file (our JSON format) of `count` entries, none valid. */
export function badCatalog(count: number): string {
  return JSON.stringify(Array.from({ length: count }, (_, index) => ({ id: `X-${index}` })));
}

/** A `files:` glob of `stars` stars that no long name matches, and such a name. */
export function starGlob(stars: number): { glob: string; fileName: string } {
  return { glob: `${'*a'.repeat(stars)}*b`, fileName: `${'a'.repeat(200)}.yaml` };
}
