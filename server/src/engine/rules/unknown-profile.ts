import { assessCryptography } from '../crypto/assess';
import { BUILTIN_PROFILES } from '../crypto/profiles';
import { nearest } from '../config/nearest';
import { g, type Rule } from './rule';

export const unknownProfile: Rule = {
  id: 'unknown-profile',
  control: 'CEK-04',
  guidelines: [g.audit('CEK-01', 1)],
  severity: 'warning',
  description: 'The policy names a cryptography profile (`cryptography.profile`) that is neither built in (nist, cnsa-2.0, bsi-tr-02102-1) nor a configured user profile; its algorithms are judged against nist.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  blocks: false,
  check(context) {
    const assessment = assessCryptography(context.doc, context.config, context.today);
    const problem = assessment.profileProblem;
    const named = assessment.facts.profile;
    if (!problem?.span || !named) return [];
    const ids = [...BUILTIN_PROFILES.map((profile) => profile.id), ...(context.config.cryptoProfiles ?? []).map((profile) => profile.id)];
    const id = named.value.split('+')[0];
    const suggestion = nearest(id, ids);
    const node = assessment.facts.section?.value.kind === 'map' ? assessment.facts.section.value.entries.find((entry) => entry.key === 'profile')?.value : undefined;
    return [{
      span: named.span,
      message: `${problem.message.split(';')[0]}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}; the algorithms are judged against \`nist\`. Use ${ids.map((candidate) => `\`${candidate}\``).join(', ')}.`,
      suggestions: () => (suggestion && node?.kind === 'scalar' ? [context.edits.fix(`Use ${suggestion}`, context.edits.replaceValue(node, suggestion))] : []),
    }];
  },
};
