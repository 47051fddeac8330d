import type { GuidelineRef } from '../config/catalog';
import type { HeadingTopic } from '../evidence/lexicon';
import type { Reference } from '../sets/references';
import { g, type Rule, type RuleContext } from './rule';

/** The guidelines a reference stands for, by the section it is written in ("Roles are defined in KM-PROC-4" under Roles). */
const TOPIC_GUIDELINES: [HeadingTopic, GuidelineRef[]][] = [
  ['roles', [g.audit('CEK-01', 5), g.audit('CEK-02', 1), g.audit('CEK-02', 3)]],
  ['segregation', [g.audit('CEK-02', 5)]],
  ['continuity', [g.audit('CEK-02', 9)]],
  ['governance', [g.audit('CEK-02', 8)]],
  ['training', [g.audit('CEK-01', 6), g.audit('CEK-02', 6)]],
  ['communication', [g.audit('CEK-01', 3)]],
  ['monitoring', [g.audit('CEK-01', 7)]],
  ['enforcement', [g.audit('CEK-01', 4)]],
  ['byok', [g.audit('CEK-01', 8)]],
  ['coordination', [g.audit('CEK-02', 10)]],
  ['lifecycle', [g.audit('CEK-01', 1)]],
  ['scope', [g.audit('CEK-01', 1)]],
];
const DEFAULT_GUIDELINES = [g.audit('CEK-01', 1)];

function guidelinesOf(context: RuleContext, reference: Reference): GuidelineRef[] {
  const sections = context.doc.markdown?.sections ?? [];
  for (let section = reference.section; section >= 0; section = sections[section].parent) {
    const topic = TOPIC_GUIDELINES.find(([name]) => context.policy.concepts.sectionsAbout(name).includes(section));
    if (topic) return topic[1];
  }
  return DEFAULT_GUIDELINES;
}

const KIND_WORDS: Record<Reference['kind'], string> = { link: 'links to', id: 'refers to document', title: 'refers to' };

export const referenceUnresolved: Rule = {
  id: 'reference-unresolved',
  control: 'CEK-01',
  guidelines: DEFAULT_GUIDELINES,
  severity: 'warning',
  description: 'The policy refers to a document of its policy set (a relative link, a document id such as `KM-PROC-4`, or a title such as "the Key Management Procedure") that is not in the project: what it leaves to that document is not established. The finding cites the guideline of the section the reference stands in (under Roles: CEK-01 auditing guideline 5 and CEK-02 auditing guidelines 1 and 3; under Monitoring: CEK-01 auditing guideline 7 ...), else CEK-01 auditing guideline 1. Checked by the CLI and the editor, which resolve references against the project.',
  fixable: false,
  formats: ['yaml', 'markdown'],
  check(context) {
    return (context.policySet?.unresolved ?? []).map((reference) => {
      const guidelines = guidelinesOf(context, reference);
      const named = reference.kind === 'link' ? `\`${reference.target}\`` : `"${reference.target}"`;
      return {
        span: reference.span,
        guidelines,
        message: `The policy ${KIND_WORDS[reference.kind]} ${named}, which is not in the project: nothing it was meant to establish counts for ${guidelines.map((ref) => `${ref.control} auditing guideline ${ref.number}`).join(', ')}. Add the document (with its ${reference.kind === 'link' ? 'path' : reference.kind === 'id' ? 'id in its front matter or metadata table' : 'title as its first heading'}), correct the reference, or state the requirement here.`,
        data: { kind: reference.kind, target: reference.target },
      };
    });
  },
};
