import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';
import { absentKeys, missingAt, quoteList } from './helpers';

export const SCOPE_AREAS = ['kms', 'hsm', 'storage', 'network', 'tenant_key_isolation', 'ai_assets'] as const;

/** Words that show a Scope section covers an area. */
const SCOPE_WORDS: Record<(typeof SCOPE_AREAS)[number], string[]> = {
  kms: ['kms', 'key management system', 'key management service'],
  hsm: ['hsm', 'hardware security module'],
  storage: ['storage', 'at rest'],
  network: ['network', 'in transit', 'tls'],
  tenant_key_isolation: ['tenant'],
  ai_assets: ['ai asset', 'model', 'training data', 'inference', 'prompt', 'embedding'],
};

export const scopeIncomplete: Rule = {
  id: 'scope-incomplete',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 1), g.impl('CEK-02', 4)],
  severity: 'error',
  description: 'The scope does not state whether KMS, HSMs, storage and network encryption, tenant key isolation and AI assets are covered (each `true` or `false`, or named in a Scope section).',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const scope = context.policy.field('scope');
    if (!context.policy.entry('scope')) {
      const section = context.policy.filledSection('scope');
      if (section) {
        const text = section.bodyText.toLowerCase();
        const unstated = SCOPE_AREAS.filter((area) => !SCOPE_WORDS[area].some((word) => text.includes(word)));
        if (unstated.length === 0) return [];
        return [{ span: section.headingSpan, severity: 'warning', message: `The Scope section does not mention ${quoteList(unstated)}; say whether each is covered.`, data: { missing: unstated } }];
      }
      return [{
        span: missingAt(context),
        message: 'The policy has no `scope`: state whether it covers KMS, HSMs, storage and network encryption, tenant key isolation and AI assets.',
        suggestions: [context.edits.fix('Add a scope block', context.edits.insertRootField('scope', Object.fromEntries(SCOPE_AREAS.map((area) => [area, true]))))],
      }];
    }
    if (scope?.kind !== 'map') return [];
    const missing = absentKeys(scope, SCOPE_AREAS);
    if (missing.length === 0) return [];
    const finding: RuleFinding = {
      span: missingAt(context, 'scope'),
      severity: 'warning',
      message: `\`scope\` does not state ${quoteList(missing)}: set each to true or false so an auditor sees what the policy covers.`,
      suggestions: [context.edits.fix(`Add ${missing.join(', ')} to scope`, ...missing.map((area) => context.edits.insertMapField(scope, area, true)))],
      data: { missing },
    };
    return [finding];
  },
};
