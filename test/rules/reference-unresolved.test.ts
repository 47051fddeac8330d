import { edit, example, ruleTester } from '../helpers/ruleTester';

const markdown = example('key-management-policy.md');
const ROLES = '| Crypto Architect | Architecture Group | upstream-coordination | Policy Owner |\n';
const MONITORING = 'quarterly and internal audit verifies enforcement annually.\n';
const PROCEDURE = '---\nid: KM-PROC-4\ntitle: Key Escrow Procedure\n---\n# Key Escrow Procedure\n\nEscrowed keys are recovered under dual control.\n';

ruleTester('reference-unresolved', {
  valid: [
    { name: 'a policy that refers to nothing', code: markdown, fileName: 'policy.md', documents: {} },
    {
      name: 'a relative link to a document of the project',
      code: edit(markdown, ROLES, `${ROLES}\nEscrow duties are set out in the [escrow procedure](procedures/escrow.md).\n`),
      fileName: 'policy.md',
      documents: { '/project/procedures/escrow.md': PROCEDURE },
    },
    {
      name: 'a cued id and a cued title that resolve',
      code: edit(markdown, MONITORING, `${MONITORING}\nEscrow follows KM-PROC-4; see also the Key Escrow Procedure.\n`),
      fileName: 'policy.md',
      documents: { '/project/procedures/escrow.md': PROCEDURE },
    },
    {
      name: 'ids that are not references: external standards, algorithms, an uncued ticket number',
      code: edit(markdown, MONITORING, `${MONITORING}\nKeys follow ISO-27001 and SP-800-57 with AES-256; ticket SEC-1234 tracks the migration.\n`),
      fileName: 'policy.md',
      documents: {},
    },
    {
      name: 'a link to a web page or to an image is no document of the set',
      code: edit(markdown, MONITORING, `${MONITORING}\nSee [NIST](https://csrc.nist.gov/pubs/sp/800/57.md) and the [diagram](kms.png).\n`),
      fileName: 'policy.md',
      documents: {},
    },
    {
      name: 'without a resolver (the engine alone) references are not checked',
      code: edit(markdown, MONITORING, `${MONITORING}\nEscrow follows KM-PROC-9.\n`),
      fileName: 'policy.md',
    },
  ],
  invalid: [
    {
      name: 'a cued document id that no document of the project has, in the roles section',
      code: edit(markdown, ROLES, `${ROLES}\nEscrow duties are defined in KM-PROC-9.\n`),
      fileName: 'policy.md',
      documents: { '/project/procedures/escrow.md': PROCEDURE },
      errors: [{ range: [34, 30, 34, 39], text: 'KM-PROC-9', severity: 'warning', message: 'The policy refers to document "KM-PROC-9", which is not in the project: nothing it was meant to establish counts for CEK-01 auditing guideline 5, CEK-02 auditing guideline 1, CEK-02 auditing guideline 3. Add the document (with its id in its front matter or metadata table), correct the reference, or state the requirement here.' }],
      output: null,
    },
    {
      name: 'a relative link to a file that is not there',
      code: edit(markdown, MONITORING, `${MONITORING}\nAlerting is described in [the monitoring runbook](runbooks/monitoring.md#alerts).\n`),
      fileName: 'policy.md',
      documents: {},
      errors: [{ range: [53, 26, 53, 81], text: '[the monitoring runbook](runbooks/monitoring.md#alerts)', message: /^The policy links to `runbooks\/monitoring\.md`, which is not in the project: nothing it was meant to establish counts for CEK-01 auditing guideline 7\./ }],
    },
    {
      name: 'a cued title, and an uncued id that resolves to nothing is not reported',
      code: edit(markdown, MONITORING, `${MONITORING}\nKey escrow is done as set out in the Key Escrow Standard (change RFC-CHG-12).\n`),
      fileName: 'policy.md',
      documents: {},
      errors: [{ range: [53, 38, 53, 57], text: 'Key Escrow Standard', message: /^The policy refers to "Key Escrow Standard", which is not in the project/ }],
    },
  ],
});
