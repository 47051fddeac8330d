import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseMarkdown, type MarkdownInfo } from '../../server/src/engine/parse/markdown';
import { parseMarkdownTree } from '../../server/src/engine/parse/markdownTree';
import { CORPUS_DIR, corpusAvailable } from '../corpus/agreement';
import { ROOT } from '../helpers/ruleTester';

const slice = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

/** Every exact piece of every block maps to the very characters it holds. */
function assertPiecesExact(text: string, info: MarkdownInfo): void {
  for (const block of info.blocks) {
    for (const piece of block.pieces) {
      assert.ok(piece.sourceStart >= 0 && piece.sourceEnd <= text.length && piece.sourceStart <= piece.sourceEnd, `piece inside the text: ${block.text}`);
      if (piece.exact) assert.equal(text.slice(piece.sourceStart, piece.sourceEnd), block.text.slice(piece.at, piece.at + piece.length));
    }
  }
}

const POLICY = [
  '---',
  'kind: crypto-policy',
  '---',
  '# Key Management Policy',
  '',
  '**Owner:** Jane Doe | **Version:** 1.2',
  '**Last Update:** *June 2014*',
  '',
  '## 2. Roles &amp; Responsibilities',
  '',
  '| Role | Assignee | Duties |',
  '|---|---|---|',
  '| Key Custodian | | rotate keys | extra |',
  '| KMS Admin |',
  '',
  '> Keys are rotated',
  '> every year.',
  '',
  '- item one',
  '  continued',
  '',
].join('\n');

describe('Markdown syntax tree (lezer)', () => {
  it('reads CR LF and CR line ends as LF, with offsets into the original text', () => {
    const lf = parseMarkdown(POLICY);
    for (const eol of ['\r\n', '\r']) {
      const text = POLICY.replace(/\n/g, eol);
      const info = parseMarkdown(text);
      assert.deepEqual(info.sections.map((section) => section.heading), lf.sections.map((section) => section.heading), JSON.stringify(eol));
      assert.deepEqual(info.sections.map((section) => slice(text, section.headingSpan)), ['Key Management Policy', '2. Roles &amp; Responsibilities']);
      assert.deepEqual(info.tables[0].rows.map((row) => row.map((cell) => slice(text, cell.span))), [['Key Custodian', '', 'rotate keys'], ['KMS Admin', '', '']]);
      assert.equal(info.frontMatter?.fenced, true);
      assert.equal(slice(text, { start: info.frontMatter!.contentStart, end: info.frontMatter!.contentEnd }).trim(), 'kind: crypto-policy');
      assert.deepEqual(info.blocks.map((block) => block.kind), lf.blocks.map((block) => block.kind));
      assertPiecesExact(text, info);
    }
  });

  it('pads short table rows with empty cells after their pipe and drops cells past the header', () => {
    const info = parseMarkdown(POLICY);
    const [table] = info.tables;
    assert.deepEqual(table.header.map((cell) => cell.text), ['Role', 'Assignee', 'Duties']);
    assert.deepEqual(table.rows.map((row) => row.map((cell) => cell.text)), [['Key Custodian', '', 'rotate keys'], ['KMS Admin', '', '']]);
    const empty = table.rows[0][1].span;
    assert.equal(empty.start, empty.end);
    assert.equal(POLICY[empty.start - 1], '|', 'an empty cell starts right after its opening pipe');
    assert.equal(info.blocks.find((block) => block.kind === 'row')?.text, 'Role: Key Custodian; Duties: rotate keys');
  });

  it('decodes character references and escapes, mapping each back to its whole source', () => {
    const info = parseMarkdown(POLICY);
    assert.equal(info.sections[1].heading, '2. Roles & Responsibilities');
    const heading = info.blocks.find((block) => block.kind === 'heading' && block.text.includes('&'))!;
    const inexact = heading.pieces.filter((piece) => !piece.exact);
    assert.deepEqual(inexact.map((piece) => slice(POLICY, { start: piece.sourceStart, end: piece.sourceEnd })), ['&amp;']);
    const escaped = parseMarkdown('Keys \\*must\\* rotate &#35;1 and &#x41;.\n');
    assert.equal(escaped.blocks[0].text, 'Keys *must* rotate #1 and A.');
  });

  it('reads bold labels with their values, also across emphasis and separators', () => {
    const info = parseMarkdown(POLICY);
    assert.deepEqual(info.labels.map((label) => [label.normalized, label.value, slice(POLICY, label.valueSpan)]), [
      ['owner', 'Jane Doe', 'Jane Doe'],
      ['version', '1.2', '1.2'],
      ['last update', 'June 2014', 'June 2014'],
    ]);
  });

  it('keeps an undefined reference as text, brackets and all, and reads a defined one as a link', () => {
    const text = 'The [Company Name] policy, see [the standard][std] and [NIST].\n\n[std]: https://example.org\n';
    const info = parseMarkdown(text);
    assert.equal(info.blocks[0].text, 'The [Company Name] policy, see the standard and [NIST].');
    assertPiecesExact(text, info);
    const label = parseMarkdown('**Company:** [Company Name]\n').labels[0];
    assert.equal(label.value, '[Company Name]');
  });

  it('reads paragraph text without continuation indentation or block quote marks', () => {
    const info = parseMarkdown(POLICY);
    const quote = info.blocks.find((block) => block.text.startsWith('Keys are'))!;
    assert.equal(quote.text.replace(/\s+/g, ' '), 'Keys are rotated every year.');
    const item = info.blocks.find((block) => block.kind === 'item')!;
    assert.equal(item.text.replace(/\s+/g, ' '), 'item one continued');
    assert.ok(!/\n\s/.test(item.text), 'no indentation after the line break');
  });

  it('treats a byte order mark as white space, so the first line is still a heading or a fence', () => {
    const heading = parseMarkdown('\uFEFF# Title\n\nText.\n');
    assert.equal(heading.sections[0].heading, 'Title');
    assert.deepEqual(heading.sections[0].headingSpan, { start: 3, end: 8 });
    const fenced = parseMarkdown('\uFEFF---\nkind: crypto-policy\n---\n# T\n');
    assert.equal(fenced.frontMatter?.span.start, 1);
    assert.equal(fenced.sections[0].heading, 'T');
  });

  it('parses deep nesting without recursion', () => {
    const tree = parseMarkdownTree(`${'> '.repeat(3000)}deep\n`);
    assert.equal(tree.children.length, 1);
    const list = parseMarkdown(`${Array.from({ length: 400 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n')}\n`);
    assert.equal(list.blocks.length, 400);
  });

  it('maps every exact piece to its source in the examples and the corpus', () => {
    const texts = ['key-management-policy.md', 'gaps/application-policy-gaps.md'].map((name) => readFileSync(join(ROOT, 'examples', name), 'utf8'));
    if (corpusAvailable()) for (const name of readdirSync(CORPUS_DIR).filter((file) => file.endsWith('.md') && file !== 'README.md')) texts.push(readFileSync(join(CORPUS_DIR, name), 'utf8'));
    for (const text of texts) {
      const info = parseMarkdown(text);
      assertPiecesExact(text, info);
      for (const section of info.sections) assert.equal(slice(text, section.headingSpan).replace(/[*_`]/g, '').includes(section.heading.replace(/[*_`]/g, '').slice(0, 5)), true, section.heading);
    }
  });
});
