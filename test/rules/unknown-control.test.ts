import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');

ruleTester('unknown-control', {
  valid: [
    { name: 'CEK-01 and CEK-02', code: yaml },
    { name: 'lower case and a CAIQ id', code: edit(yaml, 'controls: [CEK-01, CEK-02]', 'controls: [cek-01, CEK-01.2]') },
    { name: 'a single control as a string', code: edit(yaml, 'controls: [CEK-01, CEK-02]', 'controls: CEK-02') },
  ],
  invalid: [
    {
      name: 'near misses get a safe fix',
      code: edit(yaml, 'controls: [CEK-01, CEK-02]', 'controls: [CEK-1, CEK02]'),
      errors: [
        { range: [7, 12, 7, 17], text: 'CEK-1', severity: 'error', message: '`CEK-1` is not a control id; did you mean `CEK-01`?' },
        { range: [7, 19, 7, 24], text: 'CEK02', message: '`CEK02` is not a control id; did you mean `CEK-02`?' },
      ],
      output: yaml,
    },
    {
      name: 'an unknown control: no guess',
      code: edit(yaml, 'controls: [CEK-01, CEK-02]', 'controls: [CEK-01, DSP-07]'),
      errors: [{ range: [7, 20, 7, 26], text: 'DSP-07', message: '`DSP-07` is not a known control (known: CEK-01 to CEK-21); add its catalog in `.cekpolicy.yaml` (`catalogs:`) or correct it.' }],
      output: null,
    },
    {
      name: 'block list, CRLF',
      code: edit(yaml, 'controls: [CEK-01, CEK-02]', 'controls:\n  - CEK-01\n  - CEK-2').replace(/\n/g, '\r\n'),
      errors: [{ range: [9, 5, 9, 10], text: 'CEK-2' }],
      output: edit(yaml, 'controls: [CEK-01, CEK-02]', 'controls:\n  - CEK-01\n  - CEK-02').replace(/\n/g, '\r\n'),
    },
    {
      name: 'Markdown front matter',
      code: edit(example('key-management-policy.md'), 'controls: [CEK-01, CEK-02]', 'controls: [CEK-01, CEK-2]'),
      fileName: 'p.md',
      errors: [{ range: [7, 20, 7, 25], text: 'CEK-2' }],
      output: example('key-management-policy.md'),
    },
  ],
});
