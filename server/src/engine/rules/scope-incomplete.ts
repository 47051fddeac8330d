import type { GuidelineRef } from '../config/catalog';
import { stanceOf } from '../evidence/stance';
import { g, type Rule } from './rule';
import type { RuleFinding } from '../types';
import { absentKeys, addBlock, gapsOf, missingAt, placeAt, quoteList, speaksProse } from './helpers';

export const SCOPE_AREAS = ['kms', 'hsm', 'storage', 'network', 'tenant_key_isolation', 'ai_assets'] as const;
type Area = (typeof SCOPE_AREAS)[number];

const AREA_GUIDELINES: Record<Area, GuidelineRef[]> = {
  kms: [g.audit('CEK-01', 1)],
  hsm: [g.audit('CEK-01', 1)],
  storage: [g.audit('CEK-01', 1)],
  network: [g.audit('CEK-01', 1)],
  tenant_key_isolation: [g.audit('CEK-01', 8)],
  ai_assets: [g.audit('CEK-02', 2)],
};

const ELEMENTS = ['lifecycle', 'atRest', 'inTransit', 'keyStore'];

/** What each missing part asks for, with a sentence that establishes it. */
const SCOPE_EXAMPLES: Record<string, string> = {
  atRest: 'how stored data is encrypted (e.g. "Data at rest is encrypted with AES-256 in every database, bucket and backup.")',
  inTransit: 'how network traffic is encrypted (e.g. "Data in transit is encrypted with TLS 1.2 or higher.")',
  keyStore: 'where keys are kept (e.g. "Keys are stored in the cloud KMS backed by FIPS 140-3 HSMs.")',
  lifecycle: 'how keys are generated, rotated, revoked and destroyed (e.g. "Keys are generated in the KMS, rotated yearly, revoked on compromise and destroyed at end of life.")',
};

export const scopeIncomplete: Rule = {
  id: 'scope-incomplete',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 1), g.audit('CEK-01', 8), g.audit('CEK-02', 2)],
  severity: 'error',
  description: 'The policy does not cover what CEK-01 asks a key-management policy to cover: the key lifecycle, encryption of stored data and of network traffic, and protected key storage (KMS/HSM); and, where they apply to the organisation, tenant key isolation and AI assets.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const { judgement } = context;
    // Ask only for what fits the organisation: tenant isolation where it hosts tenants, AI assets where it runs AI.
    const areas = SCOPE_AREAS.filter((area) => AREA_GUIDELINES[area].every((ref) => judgement.applicability(ref).status === 'applies'));
    const scope = context.policy.field('scope');
    const findings: RuleFinding[] = [];
    if (scope?.kind === 'map') {
      const missing = absentKeys(scope, areas);
      if (missing.length > 0) {
        findings.push({
          span: missingAt(context, 'scope'),
          severity: 'warning',
          message: `\`scope\` does not state ${quoteList(missing)}: set each to true, false or a description so an auditor sees what the policy covers.`,
          guidelines: [...new Set(missing.flatMap((area) => AREA_GUIDELINES[area as Area]))],
          suggestions: () => [context.edits.fix(`Add ${missing.join(', ')} to scope`, ...missing.map((area) => context.edits.insertMapField(scope, area, true)))],
          data: { missing },
        });
      }
      for (const entry of scope.entries) {
        if ((areas as readonly string[]).includes(entry.key) && stanceOf(entry.value) === false && entry.key !== 'hsm' && entry.key !== 'kms') {
          findings.push({ span: entry.value.span, message: `\`scope.${entry.key}\` is false: CEK-01 expects the policy to cover ${entry.key.replace(/_/g, ' ')}.`, guidelines: AREA_GUIDELINES[entry.key as Area] });
        }
      }
      const kmsOrHsm = ['kms', 'hsm'].map((key) => scope.entries.find((entry) => entry.key === key)?.value);
      if (kmsOrHsm.every((node) => node && stanceOf(node) === false)) {
        findings.push({ span: missingAt(context, 'scope'), message: 'The scope excludes both KMS and HSM: CEK-01 expects the policy to cover where keys are protected.', guidelines: AREA_GUIDELINES.kms });
      }
      return findings;
    }
    const elements = ELEMENTS.map((id) => judgement.element(id));
    if (elements.every((element) => element.met)) return [];
    if (!scope && !speaksProse(context)) {
      return [{
        span: missingAt(context),
        message: 'The policy has no `scope`: state whether it covers KMS, HSMs, storage and network encryption, tenant key isolation and AI assets.',
        suggestions: () => [addBlock(context, 'scope', Object.fromEntries(areas.map((area) => [area, true])))],
      }];
    }
    return [{
      span: placeAt(context, { topics: ['scope'], evidence: elements.flatMap((element) => element.evidence) }),
      message: `The policy does not cover everything CEK-01 asks of a key-management policy: ${gapsOf(elements)}. Say ${elements.filter((element) => !element.met).map((element) => SCOPE_EXAMPLES[element.id]).filter(Boolean).join(', ') || 'how stored data and network traffic are encrypted, where keys are kept and how they are generated, rotated, revoked and destroyed'}.`,
      suggestions: () => [addBlock(context, 'scope', Object.fromEntries(areas.map((area) => [area, true])))],
      data: { missing: elements.filter((element) => !element.met).map((element) => element.id) },
    }];
  },
};
