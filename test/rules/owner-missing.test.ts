import { edit, example, ruleTester } from '../helpers/ruleTester';

const yaml = example('key-management-policy.yaml');
const markdown = example('key-management-policy.md');
const OWNER = 'owner: { name: Lena Okafor, role: Head of Security }\n';
/** Without the owner field, and without the Policy Owner role that would designate one. */
const noOwner = edit(edit(yaml, OWNER, ''), 'title: Policy Owner', 'title: Policy Steward');
const NO_OWNER_ROLE = ['| Policy Owner | CISO Office |', '| Policy Steward | CISO Office |'];

ruleTester('owner-missing', {
  valid: [
    { name: 'complete YAML policy', code: yaml },
    { name: 'complete Markdown policy', code: markdown, fileName: 'p.md' },
    { name: 'owner as a plain name', code: edit(yaml, OWNER, 'owner: Lena Okafor\n') },
    { name: 'an Ownership section in Markdown', code: edit(edit(markdown, 'owner: { name: Samir Haddad, role: CISO }\n', ''), NO_OWNER_ROLE[0], NO_OWNER_ROLE[1]) + '\n## Ownership\n\nThe CISO, Samir Haddad, owns this policy.\n', fileName: 'p.md' },
    { name: 'a Policy Owner role with a named holder', code: edit(yaml, OWNER, '') },
    { name: 'a placeholder owner is the placeholder rule\'s finding', code: edit(yaml, OWNER, 'owner: "{{owner_name}}"\n') },
  ],
  invalid: [
    {
      name: 'no owner: reported on the kind key, suggestion inserts the block after controls',
      code: noOwner,
      errors: [{ range: [2, 1, 2, 5], text: 'kind', message: 'The policy has no designated owner. Add `owner: {name, role}` so an auditor can see who is accountable for it.', severity: 'error' }],
      output: null,
      suggestions: [edit(noOwner, 'controls: [CEK-01, CEK-02]\n', 'controls: [CEK-01, CEK-02]\nowner:\n  name: TBD\n  role: TBD\n')],
    },
    {
      name: 'owner without a name: reported on the owner key',
      code: edit(yaml, OWNER, 'owner: { role: Head of Security }\n'),
      errors: [{ range: [8, 1, 8, 6], text: 'owner', message: /names no person/ }],
      suggestions: [edit(yaml, OWNER, 'owner: { name: TBD, role: Head of Security }\n')],
    },
    {
      name: 'Markdown front matter without owner, CRLF kept by the suggestion',
      code: edit(edit(markdown, 'owner: { name: Samir Haddad, role: CISO }\n', ''), NO_OWNER_ROLE[0], NO_OWNER_ROLE[1]).replace(/\n/g, '\r\n'),
      fileName: 'p.md',
      errors: [{ range: [2, 1, 2, 5], text: 'kind', message: /^The policy names no owner\. Add a line such as `\*\*Owner:\*\* Head of Security`/ }],
      suggestions: [edit(edit(markdown, 'owner: { name: Samir Haddad, role: CISO }\n', 'owner:\n  name: TBD\n  role: TBD\n'), NO_OWNER_ROLE[0], NO_OWNER_ROLE[1]).replace(/\n/g, '\r\n')],
    },
  ],
});
