import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');

ruleTester('unknown-duty', {
  valid: [
    { name: 'known duty ids', code: yaml },
    { name: 'known ids in the table', code: markdown, fileName: 'p.md' },
    { name: 'a custom duty added in config', code: edit(yaml, '[incident-response]', '[incident-response, forensics]'), config: { duties: { add: ['forensics'], remove: [] } } },
  ],
  invalid: [
    {
      name: 'a typo: safe fix, CRLF kept',
      code: edit(yaml, '[incident-response]', '[incident-reponse]').replace(/\n/g, '\r\n'),
      errors: [{ range: [57, 24, 57, 40], text: 'incident-reponse', severity: 'error', message: '`incident-reponse` is not a duty id; did you mean `incident-response`?' }],
      output: yaml.replace(/\n/g, '\r\n'),
    },
    {
      name: 'free text in the table is normalised, and fixed in place',
      code: edit(markdown, '| incident-response |', '| Incident Response |'),
      fileName: 'p.md',
      errors: [],
    },
    {
      name: 'an unknown duty: no guess',
      code: edit(yaml, '[incident-response]', '[incident-response, coffee]'),
      errors: [{ range: [57, 43, 57, 49], text: 'coffee', message: /^`coffee` \(role `incident-lead`\) is not a duty id\. Use one of: policy-oversight, / }],
      output: null,
    },
    {
      name: 'a near miss in the Markdown table',
      code: edit(markdown, '| incident-response |', '| incident-respons |'),
      fileName: 'p.md',
      errors: [{ range: [31, 41, 31, 57], text: 'incident-respons' }],
      output: markdown,
    },
  ],
});
