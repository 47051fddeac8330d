import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');

ruleTester('identity-missing', {
  valid: [
    { name: 'complete YAML policy', code: yaml },
    { name: 'Markdown title comes from the first heading', code: edit(example('key-management-policy.md'), 'title: Encryption and Key Management Policy\n', ''), fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'no id and no version',
      code: edit(edit(yaml, 'id: POL-KM-01\n', ''), 'version: "1.3"\n', ''),
      errors: [
        { range: [2, 1, 2, 5], text: 'kind', severity: 'warning', message: 'The policy has no `id`: give it an identifier, a title and a version so approvals and reviews can refer to it.' },
        { range: [2, 1, 2, 5], text: 'kind', severity: 'warning', message: /no `version`/ },
      ],
      output: null,
      suggestions: [
        edit(edit(yaml, 'id: POL-KM-01\n', ''), 'version: "1.3"\n', '').replace('kind: crypto-policy\n', 'kind: crypto-policy\nid: TBD\n'),
      ],
    },
    {
      name: 'Markdown front matter without an id',
      code: edit(example('key-management-policy.md'), 'id: POL-KM-02\n', ''),
      fileName: 'p.md',
      errors: [{ range: [2, 1, 2, 5], text: 'kind', message: /has no id:/ }],
      suggestions: [example('key-management-policy.md').replace('id: POL-KM-02\n', 'id: TBD\n')],
    },
  ],
});
