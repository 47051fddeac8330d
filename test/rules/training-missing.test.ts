import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');
const TRAINING = 'training: { program: "Key custody", frequency_months: 12, topics: [secure key generation, encryption management, incident response] }';

ruleTester('training-missing', {
  valid: [
    { name: 'complete YAML policy', code: yaml },
    { name: 'a Training section covering the topics', code: markdown, fileName: 'p.md' },
    { name: 'training dates on every role are the training record', code: edit(yaml, TRAINING + '\n', '') },
  ],
  invalid: [
    {
      name: 'no training program and no training record',
      code: edit(yaml, TRAINING + '\n', '').replace(/    trained: .*\n/g, ''),
      errors: [{ range: [2, 1, 2, 5], text: 'kind', severity: 'error', message: /has no training program/ }],
      output: null,
      suggestions: [edit(yaml, TRAINING + '\n', 'training:\n  program: TBD\n  frequency_months: 12\n  topics:\n    - secure key generation\n    - encryption management\n    - incident response\n').replace(/    trained: .*\n/g, '')],
    },
    {
      name: 'every two years, without incident response',
      code: edit(yaml, TRAINING, 'training: { program: "Key custody", frequency_months: 24, topics: [secure key generation, encryption management] }'),
      errors: [
        { range: [26, 55, 26, 57], text: '24', severity: 'warning', message: 'Training every 24 months is less often than the 12 months required; staff must be current on cryptographic practice.' },
        { range: [26, 67, 26, 113], text: '[secure key generation, encryption management]', message: 'Training topics do not cover incident response (CEK-01 auditing guideline 6).' },
      ],
    },
    {
      name: 'a Training section that misses topics',
      code: edit(markdown, 'All engineers who handle keys complete the annual key custody course covering secure key generation,\nencryption management and incident response.', 'Engineers take the yearly secure coding course.'),
      fileName: 'p.md',
      errors: [{ range: [53, 4, 53, 12], text: 'Training', severity: 'info', message: 'The training described does not mention encryption management, incident response (CEK-01 auditing guideline 6 asks awareness programs to cover them).' }],
    },
  ],
});
