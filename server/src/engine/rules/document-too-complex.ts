import { g, type Rule } from './rule';

/**
 * Reported by the engine when the Markdown parser's step budget runs out on a document built to be hard (see
 * MARKDOWN_STEP_BUDGET): the finding names what was too complex and stands where the parser stopped.
 */
export const documentTooComplex: Rule = {
  id: 'document-too-complex',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 1), g.ccm('CEK-02', 1)],
  severity: 'error',
  description: 'The Markdown is too complex to check within the parser\'s step budget (hundreds of thousands of blocks, or tens of thousands of links, brackets, code spans or HTML tags in one paragraph); the finding names what and where. Nothing else is checked until it is simplified.',
  fixable: false,
  formats: ['markdown'],
  summary: false,
  check: () => [],
};
