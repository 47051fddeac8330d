import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Tree } from '@lezer/common';
import { parser as commonMark, Table } from '@lezer/markdown';
import fc from 'fast-check';
import { Parser } from 'yaml';
import { parsePolicyDocument } from '../../server/src/engine/parse/document';
import { MARKDOWN_STEP_BUDGET, MARKDOWN_STEPS_PER_CHECKPOINT, YAML_TOKENS_PER_CHECKPOINT } from '../../server/src/engine/parse/limits';
import { markdownSteps, MarkdownTooComplex, syntaxTree } from '../../server/src/engine/parse/markdownTree';
import { cstTokens } from '../../server/src/engine/parse/yamlModel';
import { analyze, ConfigStore } from '../../server/src/features/analysis';
import { fuzzDocument } from '../fuzz/properties';
import { example } from '../helpers/ruleTester';

const SEED = 20261204;

/** Every node of a syntax tree with its span: two trees with the same list are the same tree. */
function nodes(tree: Tree): string[] {
  const list: string[] = [];
  tree.iterate({ enter: (node) => void list.push(`${node.name} ${node.from}-${node.to}`) });
  return list;
}

/** A YAML policy of about `lines` lines (the example's roles, again and again). */
function longYaml(lines: number): string {
  const roles = Array.from({ length: Math.ceil(lines / 4) }, (_, index) => `  - id: role-${index}\n    assignee: Team ${index}\n    responsibilities: [key-rotation]\n    trained: 2026-02-01`);
  return `kind: crypto-policy\nroles:\n${roles.join('\n')}\n`;
}

function longMarkdown(sections: number): string {
  return `---\nkind: crypto-policy\n---\n# Policy\n\n${Array.from({ length: sections }, (_, index) => `## Section ${index}\n\nKeys are rotated every ${index + 1} days.\n\n| Role | Duty |\n|---|---|\n| Custodian ${index} | rotate |\n`).join('\n')}`;
}

class GiveUp extends Error {}

describe('checkpoints while a document is parsed (the server gives up checks of versions nobody will see)', () => {
  it('the YAML tokens read between checkpoints are the tokens of yaml\'s own Parser.parse', () => {
    fc.assert(fc.property(fuzzDocument, ({ text }) => {
      let calls = 0;
      assert.deepEqual(cstTokens(text, () => void calls++), Array.from(new Parser().parse(text)));
      assert.ok(calls <= text.length / YAML_TOKENS_PER_CHECKPOINT + 1);
    }), { numRuns: 300, seed: SEED });
  });

  it('the Markdown tree built between checkpoints is the tree of the parser\'s own parse', () => {
    const markdownParser = commonMark.configure([Table]);
    let overBudget = 0;
    fc.assert(fc.property(fuzzDocument, ({ text }) => {
      let tree: Tree;
      try {
        tree = syntaxTree(text, () => undefined);
      } catch (error) {
        // Only a document whose parse takes more than the step budget is stopped (the fuzz adds hostile pieces).
        assert.ok(error instanceof MarkdownTooComplex);
        assert.ok(markdownSteps(text) > MARKDOWN_STEP_BUDGET);
        overBudget++;
        return;
      }
      assert.deepEqual(nodes(tree), nodes(markdownParser.parse(text)));
    }), { numRuns: 300, seed: SEED });
    assert.ok(overBudget < 30, `${overBudget} of 300 over the budget`);
  });

  it('a long document passes checkpoints all the way through its parse, YAML and Markdown alike', () => {
    const yaml = longYaml(4_000);
    let yamlCalls = 0;
    parsePolicyDocument(yaml, 'long.yaml', 'yaml', () => void yamlCalls++);
    // Some 40,000 lexemes (a key, an indicator, a space, a value and a line end a line): a checkpoint every 256.
    assert.ok(yamlCalls >= 4_000 * 5 / YAML_TOKENS_PER_CHECKPOINT, `${yamlCalls} checkpoints in a 4,000-line YAML parse`);

    const markdown = longMarkdown(400);
    let markdownCalls = 0;
    parsePolicyDocument(markdown, 'long.md', 'markdown', () => void markdownCalls++);
    // The parser takes a block or so a step: some 1,150 steps for 400 sections of a heading, a paragraph and a table.
    assert.ok(markdownCalls >= 1_000 / MARKDOWN_STEPS_PER_CHECKPOINT, `${markdownCalls} checkpoints in a 2,800-line Markdown parse`);
  });

  it('a checkpoint that throws stops the parse there, and the error is the caller\'s', () => {
    for (const [text, name] of [[longYaml(2_000), 'long.yaml'], [longMarkdown(200), 'long.md'], [`---\n${longYaml(2_000)}---\n# Policy\n`, 'front.md']] as const) {
      let calls = 0;
      assert.throws(() => parsePolicyDocument(text, name, undefined, () => {
        if (++calls === 3) throw new GiveUp();
      }), GiveUp, name);
      assert.equal(calls, 3, `${name}: no checkpoint after the one that threw`);
    }
  });

  it('a check passes one more checkpoint between parsing and the rules, however short the document', () => {
    const configs = new ConfigStore();
    let calls = 0;
    const analysis = analyze('untitled:policy.yaml', 1, example('key-management-policy.yaml'), 'yaml', configs, '2026-12-04', undefined, () => void calls++);
    assert.ok(calls >= 1 && analysis?.result.isPolicy);
    assert.throws(() => analyze('untitled:policy.yaml', 1, 'kind: crypto-policy\n', 'yaml', configs, '2026-12-04', undefined, () => {
      throw new GiveUp();
    }), GiveUp);
  });
});
