import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { EditMap } from 'micromark-util-edit-map';
import { consumeInPlace, originalConsume } from '../../server/src/engine/parse/editMapInPlace';
import { CORPUS_DIR, corpusAvailable } from '../corpus/agreement';
import { ROOT } from '../helpers/ruleTester';

const parse = (text: string) => fromMarkdown(text, { extensions: [frontmatter(['yaml']), gfmTable()], mdastExtensions: [frontmatterFromMarkdown(['yaml']), gfmTableFromMarkdown()] });

/** Lists, nested lists, block quotes, lazy lines, tables and code: the containers whose closing edits the event list. */
const TRICKY = [
  '- a\n- b\n  - c\n    - d\n\n> quote\nlazy line\n> > nested\n\n1. one\n2. two\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n',
  '* item\n\n  continued\n\n* item\n> q\n- x\n\n    indented code\n',
  '---\nkind: crypto-policy\n---\n# T\n\n- **A:** b\n- **C:** d\n\n## S\n\n| Role | Responsibilities |\n|---|---|\n| X | y |\n',
];

describe('micromark edit maps applied in place', () => {
  it('gives exactly the tree of the original, positions included', () => {
    const texts = [...TRICKY];
    for (const name of ['key-management-policy.md', 'gaps/application-policy-gaps.md']) texts.push(readFileSync(join(ROOT, 'examples', name), 'utf8'));
    if (corpusAvailable()) for (const name of readdirSync(CORPUS_DIR).filter((file) => file.endsWith('.md'))) texts.push(readFileSync(join(CORPUS_DIR, name), 'utf8'));
    texts.push(texts.join('\n\n'));
    const installed = EditMap.prototype.consume;
    assert.notEqual(consumeInPlace, originalConsume);
    try {
      for (const text of texts) {
        EditMap.prototype.consume = originalConsume;
        const expected = parse(text);
        EditMap.prototype.consume = consumeInPlace;
        assert.deepEqual(parse(text), expected, text.slice(0, 60));
      }
    } finally {
      EditMap.prototype.consume = installed;
    }
  });
});
