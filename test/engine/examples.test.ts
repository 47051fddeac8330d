import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mergeConfig } from '../../server/src/engine/config/config';
import { checkText } from '../../server/src/engine/engine';
import { parsePolicyDocument } from '../../server/src/engine/parse/document';
import { ROOT, TODAY } from '../helpers/ruleTester';

/**
 * Each gap example states its findings in comments: `# expect: rule, rule` at the end of a YAML line, or
 * `expect: LINE rule, rule` lines inside a Markdown HTML comment. The check must report exactly those.
 */
function expectations(text: string, fileName: string): string[] {
  const document = parsePolicyDocument(text, fileName);
  const expected: string[] = [];
  for (const comment of document.comments) {
    const inline = /^\s*expect:\s*(.+)$/.exec(comment.text);
    if (inline && document.format === 'yaml') {
      const line = document.lines.positionAt(comment.span.start).line + 1;
      for (const rule of inline[1].split(',')) expected.push(`${line} ${rule.trim()}`);
      continue;
    }
    for (const match of comment.text.matchAll(/^expect:\s*(\d+)\s+(.+)$/gm)) {
      for (const rule of match[2].split(',')) expected.push(`${match[1]} ${rule.trim()}`);
    }
  }
  return expected.sort();
}

describe('bundled examples', () => {
  const gaps = join(ROOT, 'examples', 'gaps');
  for (const name of readdirSync(gaps)) {
    it(`${name} reports exactly the findings its comments state`, () => {
      const text = readFileSync(join(gaps, name), 'utf8');
      const expected = expectations(text, name);
      assert.ok(expected.length >= 10, 'the example documents its gaps');
      // The gap examples document CEK-01/02 gaps; the domain's packs (CEK-03..CEK-21) have their own tests.
      const result = checkText(text, name, { today: TODAY, config: mergeConfig({ controls: ['CEK-01', 'CEK-02'] }) });
      const actual = result.findings.filter((finding) => !finding.suppression).map((finding) => `${result.document.lines.positionAt(finding.span.start).line + 1} ${finding.rule}`).sort();
      assert.deepEqual(actual, expected);
    });
  }
});
