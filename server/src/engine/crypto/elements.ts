import type { Evidence, EvidenceContext } from '../requirements/types';
import { assessCryptography, mentionLabel } from './assess';

/**
 * The registry's judgement of three CEK-domain elements, in the shape of the control packs' element-evidence hook
 * (`ELEMENT_EVIDENCE` in requirements/domain.ts on the CEK-domain branch): CEK-04 approved algorithms with sizes or
 * versions, CEK-10 key generation with a named source and strength, CEK-12 rotation intervals. Each returns
 * undefined when the document names nothing the registry reads, leaving the element to the pack's text matching.
 */
export interface ElementAnswer {
  met: boolean;
  partial?: boolean;
  evidence: Evidence[];
  gap?: string;
}

const MAX_EVIDENCE = 3;

export const CRYPTO_ELEMENT_EVIDENCE: Record<string, (context: EvidenceContext) => ElementAnswer | undefined> = {
  'CEK-04:approvedAlgorithms': (context) => {
    const approved = assessCryptography(context.doc, context.config, context.today).mentions.filter((mention) => mention.stance === 'approved');
    if (approved.length === 0) return undefined;
    const sized = approved.filter((mention) => mention.parameter !== null);
    const evidence = (sized.length > 0 ? sized : approved).slice(0, MAX_EVIDENCE).map((mention) => ({ span: mention.span, matched: `approved ${mentionLabel(mention)}`, why: `the policy approves ${mentionLabel(mention)} (${mention.origin === 'yaml' ? 'its `cryptography:` section' : 'read as approved in the text'})` }));
    return sized.length > 0 ? { met: true, evidence } : { met: false, partial: true, evidence, gap: 'approved algorithms without key sizes, curves or versions' };
  },
  'CEK-10:strength': (context) => {
    const assessment = assessCryptography(context.doc, context.config, context.today);
    const strong = assessment.mentions.filter((mention) => mention.stance === 'approved' && mention.judgement.strength !== undefined && mention.judgement.strength >= 112);
    const source = assessment.facts.generation;
    if (strong.length === 0 && source.length === 0) return undefined;
    const evidence = [...source.slice(0, 1).map((span) => ({ span, matched: 'named key generation source', why: 'it names an approved random bit generator, an HSM, a KMS or a cryptographic library' })), ...strong.slice(0, MAX_EVIDENCE - 1).map((mention) => ({ span: mention.span, matched: `key strength ${mention.judgement.strength} bits (${mentionLabel(mention)})`, why: `the policy approves ${mentionLabel(mention)}, ${mention.judgement.strength}-bit security strength under ${assessment.profile}` }))];
    if (strong.length > 0 && source.length > 0) return { met: true, evidence };
    return { met: false, partial: true, evidence, gap: source.length > 0 ? 'no key strength stated' : 'no named source of key generation' };
  },
  'CEK-12:interval': (context) => {
    const periods = assessCryptography(context.doc, context.config, context.today).facts.cryptoperiods;
    if (periods.length === 0) return undefined;
    const typed = new Set(periods.filter((period) => period.keyType !== 'unspecified').map((period) => period.keyType));
    const evidence = periods.slice(0, MAX_EVIDENCE).map((period) => ({ span: period.span, matched: `cryptoperiod ${period.months} months (${period.keyType})`, why: `a rotation period of ${period.months} months${period.keyType === 'unspecified' ? '' : ` for ${period.keyType} keys`}` }));
    return typed.size >= 2 || (typed.size === 0 && periods.length > 0) ? { met: true, evidence } : { met: false, partial: true, evidence, gap: 'a rotation interval for one key type only' };
  },
};
