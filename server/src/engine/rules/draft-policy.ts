import { g, type Rule } from './rule';

export const draftPolicy: Rule = {
  id: 'draft-policy',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 1), g.impl('CEK-02', 1), g.ccm('CEK-02', 1)],
  severity: 'error',
  description: 'The document is not an established policy: it is marked draft or not live (`status: draft`, `live: false`, a version such as `0.1 (DRAFT)`), says it is a template, or is an unfilled template (the organisation still `[Company Name]`, or mostly `[TODO]`, `{{ placeholder }}`, `TBD`).',
  fixable: false,
  formats: ['yaml', 'markdown'],
  check(context) {
    const element = context.judgement.element('established');
    if (element.met) return [];
    const status = context.policy.meta.status;
    const onStatus = status && element.cause === 'status';
    const identity = element.cause === 'identity' ? context.policy.identityPlaceholders : [];
    return [{
      span: onStatus ? status.span : identity[0]?.span ?? context.doc.anchor,
      ...(identity.length > 1 ? { related: identity.slice(1, 20).map((placeholder) => ({ span: placeholder.span, message: `still a placeholder: ${placeholder.text}` })) } : {}),
      message: `The document is ${element.gap}. An auditor examines an approved policy in force: complete it and mark it approved before relying on it.`,
    }];
  },
};
