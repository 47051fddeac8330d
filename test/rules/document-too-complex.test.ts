import assert from 'node:assert/strict';
import { it } from 'node:test';
import { markdownSteps } from '../../server/src/engine/parse/markdownTree';
import { MARKDOWN_STEP_BUDGET } from '../../server/src/engine/parse/limits';
import { example, ruleTester, run } from '../helpers/ruleTester';
import { brackets, links, paragraphs, tableRows } from '../safety/hostile';

const MESSAGE = (what: string) => `This document is too complex to check: ${what} (the Markdown parser's work is limited to 4,000,000 steps per document, and a long policy needs a few hundred thousand). Split or simplify it there; nothing else in this file is checked until then.`;

ruleTester('document-too-complex', {
  valid: [
    { name: 'the example policy', code: example('key-management-policy.md'), fileName: 'p.md' },
    { name: 'a paragraph of 1,000 links', code: links(1_000), fileName: 'p.md' },
    { name: 'brackets nested 1,000 deep', code: brackets(1_000), fileName: 'p.md' },
    { name: 'a table of 10,000 rows', code: tableRows(10_000), fileName: 'p.md' },
    { name: 'YAML is not parsed as Markdown', code: example('key-management-policy.yaml') },
  ],
  invalid: [
    {
      name: '5,000 links in one paragraph: stops at the ] of the 2,828th',
      code: links(5_000),
      fileName: 'p.md',
      errors: [{ range: [7, 19_792, 7, 19_792], text: '', severity: 'error', message: MESSAGE('a paragraph with too many links or brackets') }],
      output: null,
    },
    {
      name: 'brackets nested 5,000 deep',
      code: brackets(5_000),
      fileName: 'p.md',
      errors: [{ range: [7, 5_801, 7, 5_801], message: MESSAGE('a paragraph with too many links or brackets') }],
    },
    {
      name: '200,000 one-word paragraphs: stops after 160,000',
      code: paragraphs(200_000),
      fileName: 'p.md',
      errors: [{ range: [320_005, 1, 320_005, 1], message: MESSAGE('too many blocks, lines and table cells') }],
    },
    {
      name: 'a table of 120,000 rows: stops in a cell of the 100,000th',
      code: tableRows(120_000),
      fileName: 'p.md',
      errors: [{ range: [100_007, 3, 100_007, 3], message: MESSAGE('too many blocks, lines and table cells') }],
    },
  ],
});

it('the finding is alone: nothing else is judged on a document the parser did not finish', () => {
  const findings = run({ name: 'links', code: links(5_000), fileName: 'p.md' });
  assert.deepEqual(findings.map((finding) => finding.rule), ['document-too-complex']);
});

it('the budget is far above what real policies take', () => {
  const steps = markdownSteps(example('key-management-policy.md'));
  assert.ok(steps * 100 < MARKDOWN_STEP_BUDGET, `${steps} steps`);
});
