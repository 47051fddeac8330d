import { saysWhy, type ConceptEvidence } from '../evidence/concepts';
import { DRAFT_STATUSES, type ConceptId } from '../evidence/lexicon';
import { stanceOf } from '../evidence/stance';
import type { RoleModel } from '../evidence/types';
import { AI_DUTIES, DEFAULT_SEGREGATION, ISOLATION_DUTIES, OPERATIONAL_DUTIES } from '../model/duties';
import { isFilled, textList } from '../model/model';
import { normalizeHeading } from '../parse/markdown';
import { isPlaceholderText } from '../parse/placeholder';
import type { PNode } from '../parse/yamlModel';
import { addMonths, datesIn } from '../parse/dates';
import { effectiveInterval, reviewDue, reviewFacts } from './review';
import type { ElementResult, Evidence, EvidenceContext } from './types';
import { append } from '../arrays';

type ElementFn = (context: EvidenceContext) => Omit<ElementResult, 'id' | 'label'>;

interface ElementDefinition {
  label: string;
  judge: ElementFn;
}

const MAX_EVIDENCE = 3;

function fromHits(hits: ConceptEvidence[]): Evidence[] {
  return hits.slice(0, MAX_EVIDENCE).map(fromHit);
}

function fromHit(hit: ConceptEvidence): Evidence {
  return { span: hit.span, matched: hit.label, why: saysWhy(hit.terms) };
}

/** A structured value's `key: value` span (the span given when the value has no key). */
function entrySpan(context: EvidenceContext, node: PNode | undefined, span: Evidence['span']): Evidence['span'] {
  const entry = node ? context.policy.entryOfValue(node) : undefined;
  return entry ? { start: entry.keySpan.start, end: Math.max(entry.keySpan.end, span.end) } : span;
}

/** Evidence from a structured field: its `key: value` (the value alone when it is a list item or the root). */
function fromField(node: PNode | undefined, matched: string, context: EvidenceContext): Evidence[] {
  if (!node) return [];
  const entry = context.policy.entryOfValue(node);
  return [{ span: entry ? { start: entry.keySpan.start, end: Math.max(entry.keySpan.end, node.span.end) } : node.span, matched, why: entry ? `the \`${entry.key}\` field` : 'a structured value' }];
}


/** Met by a yes/no stance in a structured field (a descriptive string is a yes), or else by the prose. */
function stanceOrProse(context: EvidenceContext, fields: [string[], string][], concepts: ConceptId[], gap: string): Omit<ElementResult, 'id' | 'label'> {
  for (const [path, matched] of fields) {
    const node = context.policy.at(...path);
    if (stanceOf(node) === true) return { met: true, evidence: fromField(node, matched, context) };
  }
  const hits = concepts.flatMap((concept) => context.policy.evidence(concept, MAX_EVIDENCE));
  if (hits.length > 0) return { met: true, evidence: fromHits(hits) };
  const stated = fields.map(([path]) => context.policy.at(...path)).find((node) => stanceOf(node) === false);
  return { met: false, evidence: [], gap: stated ? `${gap} (stated as not covered)` : gap };
}

/** Roles with a named holder (not a placeholder). */
function heldRoles(context: EvidenceContext): RoleModel[] {
  return context.policy.roles.filter((role) => role.assignee && !isPlaceholderText(role.assignee.value));
}

/** How a role's duty was read, by where the role was found: the reason its evidence gives. */
const DUTY_WHY: Record<RoleModel['source'], string> = {
  yaml: 'a duty among the role\'s responsibilities',
  table: 'a duty in the role\'s row of a roles table',
  subsection: 'a duty under the role\'s own heading',
  label: 'a duty after the role\'s name (a labelled line or bullet)',
  sentence: 'a sentence that names the role as doing it',
  assignment: 'the role named in an owner or RACI column of the row that names the duty',
};

/** Roles holding any of the duties (whoever holds the role: naming the holder is CEK-02 auditing 3's concern). */
function dutyEvidence(context: EvidenceContext, duties: readonly string[], matched: string): Evidence[] {
  const evidence: Evidence[] = [];
  for (const role of context.policy.roles) {
    for (const duty of role.responsibilities) {
      if (duties.includes(duty.value) && evidence.length < MAX_EVIDENCE) evidence.push({ span: duty.span, matched: `${matched}: ${role.title?.value ?? role.assignee?.value ?? role.id?.value} holds ${duty.matched ?? duty.value}`, why: DUTY_WHY[role.source] });
    }
  }
  return evidence;
}

function dutyElement(context: EvidenceContext, duties: readonly string[], matched: string, gap: string): Omit<ElementResult, 'id' | 'label'> {
  const evidence = dutyEvidence(context, duties, matched);
  return evidence.length > 0 ? { met: true, evidence } : { met: false, evidence: [], gap };
}

const LIFECYCLE: ConceptId[] = ['keyGeneration', 'keyDistribution', 'keyStorage', 'keyRotation', 'keyRevocation', 'keyDestruction', 'keyBackup'];
/** Lifecycle stages a policy must address to count as a key-management policy. */
export const MIN_LIFECYCLE_STAGES = 3;
/** A document with at least this share of placeholder statements (and three of them) is an unfilled template. */
export const UNFILLED_SHARE = 0.3;

/** The elements guidelines are made of, each judged once per document. */
export const ELEMENTS: Record<string, ElementDefinition> = {
  established: {
    label: 'an established policy (in force, not an unfilled template)',
    judge(context) {
      const { policy } = context;
      const status = policy.meta.status;
      if (status && DRAFT_STATUSES.includes(normalizeHeading(status.value))) {
        return { met: false, evidence: [], gap: `marked \`${status.value}\` (${status.source}), not in force`, cause: 'status' };
      }
      const version = policy.meta.version ?? (policy.at('version') ? { value: String((policy.at('version') as { value?: unknown }).value ?? ''), source: '`version`' } : undefined);
      if (version && /\b(draft|template)\b/i.test(version.value)) return { met: false, evidence: [], gap: `versioned as \`${version.value}\` (${version.source}), a draft or template`, cause: 'version' };
      const notice = policy.evidence('templateNotice', 1)[0];
      if (notice) return { met: false, evidence: [], gap: `a template or draft by its own words ("${notice.statement.text.slice(0, 80)}")`, cause: 'notice' };
      const identity = policy.identityPlaceholders;
      if (identity.length > 0) {
        const names = [...new Set(identity.map((placeholder) => placeholder.text))];
        return { met: false, evidence: [], gap: `an unfilled template: the organisation is still ${names.slice(0, 3).map((name) => `\`${name}\``).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''} (${identity.length} place${identity.length === 1 ? '' : 's'} in the text)`, cause: 'identity' };
      }
      const statements = policy.concepts.statements.filter((statement) => statement.block.kind !== 'heading');
      const placeholders = statements.filter((statement) => statement.placeholder).length;
      if (placeholders >= 3 && placeholders >= statements.length * UNFILLED_SHARE) {
        return { met: false, evidence: [], gap: `an unfilled template (${placeholders} of ${statements.length} statements are placeholders)`, cause: 'filler' };
      }
      const title = policy.at('title') ?? policy.at('id');
      const heading = context.doc.markdown?.sections[0];
      if (title && isFilled(title)) return { met: true, evidence: fromField(title, 'policy title', context) };
      if (heading) return { met: true, evidence: [{ span: heading.headingSpan, matched: 'policy title', why: 'the document\'s first heading' }] };
      return context.doc.hasPolicyMarker ? { met: true, evidence: [] } : { met: false, evidence: [], gap: 'no title', cause: 'untitled' };
    },
  },
  identified: {
    label: 'a controlled document (id and version)',
    judge(context) {
      const { policy } = context;
      const id = policy.at('id') ?? undefined;
      const version = policy.at('version');
      const evidence: Evidence[] = [];
      const missing: string[] = [];
      if (isFilled(id)) append(evidence, fromField(id, 'document id', context));
      else if (policy.meta.id && !isPlaceholderText(policy.meta.id.value)) evidence.push({ span: policy.meta.id.span, matched: 'document id', why: `the document's ${policy.meta.id.source}` });
      else missing.push('id');
      if (isFilled(version)) append(evidence, fromField(version, 'version', context));
      else if (policy.meta.version && !isPlaceholderText(policy.meta.version.value)) evidence.push({ span: policy.meta.version.span, matched: 'version', why: `the document's ${policy.meta.version.source}` });
      else missing.push('version');
      return missing.length === 0 ? { met: true, evidence } : { met: false, evidence, gap: `no ${missing.join(' or ')}` };
    },
  },
  lifecycle: {
    label: 'key lifecycle requirements (generation, storage, rotation, revocation, destruction)',
    judge(context) {
      const { policy } = context;
      const stages = LIFECYCLE.filter((concept) => policy.evidence(concept, 1).length > 0);
      if (stages.length >= MIN_LIFECYCLE_STAGES) return { met: true, evidence: stages.slice(0, MAX_EVIDENCE).map((stage) => fromHit(policy.evidence(stage, 1)[0])) };
      const kms = policy.at('scope', 'kms');
      if (stanceOf(kms) === true) return { met: true, evidence: fromField(kms, 'key management (KMS) in scope', context) };
      const roleStages = [...new Set(policy.roles.flatMap((role) => role.responsibilities.map((duty) => duty.value)).filter((duty) => duty.startsWith('key-')))];
      if (roleStages.length >= MIN_LIFECYCLE_STAGES) return { met: true, evidence: dutyEvidence(context, roleStages, 'key lifecycle duty') };
      return { met: false, evidence: stages.map((stage) => fromHit(policy.evidence(stage, 1)[0])), gap: stages.length === 0 ? 'no key lifecycle requirements' : `only ${stages.length} key lifecycle stage${stages.length === 1 ? '' : 's'} addressed` };
    },
  },
  atRest: { label: 'encryption of stored data (at rest)', judge: (context) => stanceOrProse(context, [[['scope', 'storage'], 'storage encryption in scope']], ['atRest'], 'no requirement to encrypt data at rest') },
  inTransit: { label: 'encryption of network traffic (in transit)', judge: (context) => stanceOrProse(context, [[['scope', 'network'], 'network encryption in scope']], ['inTransit'], 'no requirement to encrypt data in transit') },
  keyStore: {
    label: 'protected key storage (KMS or HSM)',
    judge: (context) => stanceOrProse(context, [[['scope', 'kms'], 'KMS in scope'], [['scope', 'hsm'], 'HSM in scope']], ['keyStore'], 'no KMS, HSM or equivalent protected key storage'),
  },
  approval: {
    label: 'a recorded approval (approver and date)',
    judge(context) {
      const { policy } = context;
      const approval = policy.field('approval');
      if (approval) {
        const by = policy.at('approval', 'by');
        const date = policy.at('approval', 'date');
        const missing = [!isFilled(by) && 'approver', !isFilled(date) && 'date'].filter(Boolean);
        if (missing.length === 0) return { met: true, evidence: fromField(approval, 'approval (approver and date)', context) };
        return { met: false, evidence: [], gap: `the approval names no ${missing.join(' or ')}` };
      }
      const { approvedBy, approvalDate, effectiveDate } = policy.meta;
      const approverFilled = approvedBy && !isPlaceholderText(approvedBy.value) && !isBlankSignature(approvedBy.value);
      const date = approvalDate && !isPlaceholderText(approvalDate.value) ? approvalDate : approverFilled && effectiveDate && !isPlaceholderText(effectiveDate.value) ? effectiveDate : undefined;
      if (approverFilled && date) return { met: true, evidence: [{ span: approvedBy.span, matched: `approver (${approvedBy.source})`, why: `a filled-in approver in ${approvedBy.source}` }, { span: date.span, matched: date === effectiveDate ? 'approval date (the effective date)' : 'approval date', why: `a date in ${date.source}` }] };
      if (approvedBy && !approverFilled) return { met: false, evidence: [], gap: 'the approval is not filled in or signed', cause: 'unsigned' };
      if (approverFilled) return { met: false, evidence: [{ span: approvedBy.span, matched: 'approver', why: `a filled-in approver in ${approvedBy.source}` }], gap: 'no approval date' };
      if (approvalDate) return { met: false, evidence: [], gap: 'no approver' };
      const sentence = policy.evidence('approvalStatement').find((hit) => datesIn(hit.statement.text).length > 0);
      if (sentence) return { met: true, evidence: [{ span: sentence.span, matched: 'approval (approver and date)', why: `${saysWhy(sentence.terms)}, with a date` }] };
      return { met: false, evidence: [], gap: 'no recorded approval' };
    },
  },
  owner: {
    label: 'a designated policy owner',
    judge(context) {
      const { policy } = context;
      const owner = policy.field('owner');
      if (owner) {
        const name = owner.kind === 'map' ? policy.at('owner', 'name') : owner;
        return isFilled(name) ? { met: true, evidence: fromField(owner, 'policy owner', context) } : { met: false, evidence: [], gap: 'the owner is not filled in' };
      }
      const meta = policy.meta.owner;
      if (meta) return isPlaceholderText(meta.value) ? { met: false, evidence: [], gap: 'the owner is not filled in' } : { met: true, evidence: [{ span: meta.span, matched: `policy owner (${meta.source})`, why: `an owner named in ${meta.source}` }] };
      const role = policy.roles.find((candidate) => /^(policy|document) owner$/.test(normalizeHeading(candidate.title?.value ?? '')) && candidate.assignee && candidate.assignee !== candidate.title && !isPlaceholderText(candidate.assignee.value));
      if (role?.assignee) return { met: true, evidence: [{ span: role.assignee.span, matched: 'policy owner (roles)', why: 'the holder of the role that owns the policy' }] };
      const sentence = policy.evidence('ownerStatement', 1)[0];
      if (sentence) return { met: true, evidence: [fromHit(sentence)] };
      return { met: false, evidence: [], gap: 'no designated owner' };
    },
  },
  review: {
    label: 'a review at least every 12 months that is not overdue',
    judge(context) {
      const facts = reviewFacts(context);
      const max = context.config.review.maxIntervalMonths;
      if (facts.interval && facts.interval.months > max) return { met: false, evidence: [], gap: `reviewed every ${facts.interval.months} months, longer than ${max}` };
      if (facts.last?.latest && facts.next?.latest && facts.next.latest > addMonths(facts.last.latest, max)) return { met: false, evidence: [], gap: `the next review is more than ${max} months after the last` };
      // A schedule is a stated cadence or a next review date; an approval or effective date alone schedules nothing.
      if (!facts.interval && !facts.next && !facts.last) return { met: false, evidence: [], gap: 'no review schedule' };
      const due = reviewDue(context, facts);
      if (!due) return { met: false, evidence: [], gap: 'no review date recorded' };
      if (due.due < context.today) return { met: false, evidence: [], gap: `the review was due on ${due.due}` };
      const evidence: Evidence[] = [];
      if (facts.interval) evidence.push({ span: entrySpan(context, facts.interval.node, facts.interval.span), matched: `review every ${facts.interval.months} months`, why: `a review cycle in ${facts.interval.source}` });
      evidence.push({ span: entrySpan(context, due.from.node, due.from.span), matched: `review due ${due.due}${due.stated ? '' : ` (${due.from.source} + ${effectiveInterval(context, facts)} months)`}`, why: due.stated ? `a next-review date in ${due.from.source}, not yet passed` : `${due.from.source} plus the review cycle, not yet passed` });
      return { met: true, evidence };
    },
  },
  communication: {
    label: 'communication of the policy to the teams concerned',
    judge(context) {
      const { policy } = context;
      const communication = policy.field('communication');
      if (communication) {
        const audiences = policy.at('communication', 'audiences');
        const proof = [policy.at('communication', 'evidence'), policy.at('communication', 'channels')].find(isFilled);
        if (isFilled(audiences) && proof) return { met: true, evidence: [...fromField(audiences, 'audiences', context), ...fromField(proof, 'channels or evidence', context)] };
        return { met: false, evidence: [], gap: isFilled(audiences) ? 'no channel or evidence of communication' : 'no audiences' };
      }
      const hits = policy.evidence('communication', MAX_EVIDENCE);
      return hits.length > 0 ? { met: true, evidence: fromHits(hits) } : { met: false, evidence: [], gap: 'no statement of how the policy is communicated' };
    },
  },
  baseline: {
    label: 'a technical baseline (algorithms, key sizes, encryption defaults)',
    judge(context) {
      const { policy } = context;
      const field = [policy.at('enforcement', 'baselines'), policy.at('enforcement', 'defaults')].find(isFilled);
      if (field) return { met: true, evidence: fromField(field, 'baseline', context) };
      const hits = policy.evidence('cryptoBaseline', MAX_EVIDENCE);
      return hits.length > 0 ? { met: true, evidence: fromHits(hits) } : { met: false, evidence: [], gap: 'no baseline of approved algorithms, key sizes or encryption defaults' };
    },
  },
  mechanism: {
    label: 'technical enforcement or verification (configuration checks, automation, CI/CD, scanning)',
    judge(context) {
      const { policy } = context;
      const field = [policy.at('enforcement', 'kms_hsm_config'), policy.at('enforcement', 'cicd')].find(isFilled);
      if (field) return { met: true, evidence: fromField(field, 'technical enforcement', context) };
      const hits = policy.evidence('technicalEnforcement', MAX_EVIDENCE);
      if (hits.length > 0) return { met: true, evidence: fromHits(hits) };
      return { met: false, evidence: [], gap: policy.evidence('sanctions', 1).length > 0 ? 'only sanctions; no technical enforcement or verification' : 'no technical enforcement or verification' };
    },
  },
  rolesOperations: {
    label: 'roles for cryptographic operations (key lifecycle, KMS, enforcement, incidents)',
    judge: (context) => dutyElement(context, OPERATIONAL_DUTIES, 'operations', context.policy.roles.length === 0 ? 'no roles' : 'no role holds a key lifecycle, KMS, enforcement or incident duty'),
  },
  oversight: {
    label: 'accountability for cryptographic oversight',
    judge(context) {
      const held = dutyEvidence(context, ['policy-oversight'], 'oversight');
      if (held.length > 0) return { met: true, evidence: held };
      const owner = ELEMENTS.owner.judge(context);
      return owner.met ? { met: true, evidence: owner.evidence } : { met: false, evidence: [], gap: 'no role or owner oversees the policy' };
    },
  },
  teams: {
    label: 'duties mapped to named teams or roles',
    judge(context) {
      const mapped = heldRoles(context).filter((role) => role.responsibilities.length > 0);
      if (mapped.length > 0) return { met: true, evidence: mapped.slice(0, MAX_EVIDENCE).map((role) => ({ span: role.assignee!.span, matched: `${role.assignee!.value} holds ${role.responsibilities.map((duty) => duty.matched ?? duty.value).slice(0, 3).join(', ')}`, why: 'a named holder of a role with CEK duties' })) };
      const unfilled = context.policy.roles.some((role) => !role.assignee || isPlaceholderText(role.assignee.value));
      return { met: false, evidence: [], gap: unfilled ? 'the roles name no team or person' : context.policy.roles.length === 0 ? 'no roles' : 'no role holds a CEK duty' };
    },
  },
  training: {
    label: 'training for people with CEK duties',
    judge(context) {
      const { policy } = context;
      const program = policy.at('training', 'program');
      if (policy.field('training')) return isFilled(program) ? { met: true, evidence: fromField(program, 'training program', context) } : { met: false, evidence: [], gap: 'the training program is not named' };
      const hits = policy.evidence('training', MAX_EVIDENCE);
      if (hits.length > 0) return { met: true, evidence: fromHits(hits) };
      const trained = context.policy.roles.filter((role) => role.trained && !isPlaceholderText(role.trained.value));
      if (trained.length > 0 && trained.length === context.policy.roles.length) return { met: true, evidence: trained.slice(0, MAX_EVIDENCE).map((role) => ({ span: role.trained!.span, matched: 'role holder trained', why: 'the role\'s training entry' })) };
      return { met: false, evidence: [], gap: 'no training requirement for people with CEK duties' };
    },
  },
  keyUsageAudit: {
    label: 'key usage logging or anomaly detection',
    judge: (context) => stanceOrProse(context, [[['monitoring', 'key_usage_audit'], 'key usage audit'], [['monitoring', 'anomaly_detection'], 'anomaly detection']], ['keyUsageAudit', 'anomalyDetection'], 'no key usage logging or anomaly detection'),
  },
  controlReview: {
    label: 'periodic control reviews or internal audit',
    judge: (context) => stanceOrProse(context, [[['monitoring', 'control_reviews'], 'control reviews'], [['monitoring', 'internal_audit'], 'internal audit']], ['controlReview'], 'no periodic control review or internal audit'),
  },
  customerKeys: {
    label: 'a stated customer-key stance (BYOK / HYOK offered or not)',
    judge(context) {
      const { policy } = context;
      const supported = policy.at('byok', 'supported');
      if (supported && stanceOf(supported) !== undefined) return { met: true, evidence: fromField(supported, `BYOK ${stanceOf(supported) ? 'offered' : 'not offered'}`, context) };
      const hits = policy.evidence('customerKeys', MAX_EVIDENCE);
      return hits.length > 0 ? { met: true, evidence: fromHits(hits) } : { met: false, evidence: [], gap: 'no BYOK/HYOK stance towards customers' };
    },
  },
  tenantSeparation: {
    label: 'key separation between tenants',
    judge: (context) => stanceOrProse(context, [[['byok', 'tenant_key_separation'], 'tenant key separation'], [['scope', 'tenant_key_isolation'], 'tenant key isolation in scope']], ['tenantKeyIsolation'], 'no key separation between tenants'),
  },
  aiDuties: {
    label: 'AI-specific duties (AI workload encryption, tenant isolation)',
    judge: (context) => dutyElement(context, AI_DUTIES, 'AI duty', 'no role holds an AI-specific encryption duty'),
  },
  isolationDuties: {
    label: 'duties for AI workloads and encryption isolation (BYOK/HYOK, tenant segregation)',
    judge: (context) => dutyElement(context, ISOLATION_DUTIES, 'isolation duty', 'no role holds BYOK/HYOK provisioning, tenant isolation or AI workload encryption'),
  },
  segregation: {
    label: 'segregation of duties or dual control for key management',
    judge(context) {
      const { policy } = context;
      const field = policy.field('segregation');
      if (field && isFilled(field)) return { met: true, evidence: fromField(field, 'segregated duty pairs', context) };
      const hits = policy.evidence('segregation', MAX_EVIDENCE);
      if (hits.length > 0) return { met: true, evidence: fromHits(hits) };
      const split = segregatedByAssignment(context);
      return split ? { met: true, evidence: split } : { met: false, evidence: [], gap: 'no segregation of duties or dual control' };
    },
  },
  roleReview: {
    label: 'periodic review of role assignments',
    judge(context) {
      const { policy } = context;
      const structured = policy.roles.filter((role) => role.source === 'yaml' || role.source === 'table');
      const reviewed = structured.filter((role) => role.reviewed && !isPlaceholderText(role.reviewed.value));
      if (reviewed.length > 0) return { met: true, evidence: reviewed.slice(0, MAX_EVIDENCE).map((role) => ({ span: role.reviewed!.span, matched: 'assignment reviewed', why: 'the role\'s review entry' })) };
      const months = policy.at('governance', 'review_months');
      if (isFilled(months)) return { met: true, evidence: fromField(months, 'governance reviews role assignment', context) };
      const hits = policy.evidence('roleReview', MAX_EVIDENCE);
      return hits.length > 0 ? { met: true, evidence: fromHits(hits) } : { met: false, evidence: [], gap: 'no periodic review of who holds CEK roles' };
    },
  },
  governance: {
    label: 'a governance body overseeing role assignment',
    judge(context) {
      const body = context.policy.at('governance', 'body');
      if (context.policy.field('governance')) return isFilled(body) ? { met: true, evidence: fromField(body, 'governance body', context) } : { met: false, evidence: [], gap: 'the governance body is not named' };
      const hits = context.policy.evidence('governanceBody', MAX_EVIDENCE);
      return hits.length > 0 ? { met: true, evidence: fromHits(hits) } : { met: false, evidence: [], gap: 'no body oversees role assignment' };
    },
  },
  alternates: {
    label: 'alternates or succession for CEK roles',
    judge(context) {
      const listed = context.policy.roles.filter((role) => role.alternates.some((alternate) => alternate.value !== role.id?.value));
      if (listed.length > 0) return { met: true, evidence: listed.slice(0, MAX_EVIDENCE).map((role) => ({ span: role.alternates[0].span, matched: `alternate for ${role.title?.value ?? role.id?.value}`, why: 'an alternate named for the role' })) };
      const hits = context.policy.evidence('alternates', MAX_EVIDENCE);
      return hits.length > 0 ? { met: true, evidence: fromHits(hits) } : { met: false, evidence: [], gap: 'no alternates or succession for CEK roles' };
    },
  },
  downstream: {
    label: 'coordination with downstream customers or tenants',
    judge: (context) => coordination(context, 'downstream', ['downstream-coordination', 'byok-provisioning'], 'downstreamCoordination', 'no coordination with customers or tenants'),
  },
  awareness: {
    label: 'awareness of CEK roles (the policy is communicated or its role holders trained)',
    judge(context) {
      const communication = ELEMENTS.communication.judge(context);
      if (communication.met) return communication;
      const training = ELEMENTS.training.judge(context);
      return training.met ? training : { met: false, evidence: [], gap: 'neither communicated nor trained on' };
    },
  },
  upstream: {
    label: 'coordination with upstream cryptographic providers',
    judge: (context) => coordination(context, 'upstream', ['upstream-coordination'], 'upstreamCoordination', 'no coordination with upstream providers'),
  },
};

/** Coordination one way: parties listed in `coordination`, a role holding the duty, or a statement that says so. */
function coordination(context: EvidenceContext, side: 'upstream' | 'downstream', duties: string[], concept: ConceptId, gap: string): Omit<ElementResult, 'id' | 'label'> {
  const list = context.policy.at('coordination', side);
  if (textList(list).some((item) => !isPlaceholderText(item.value))) return { met: true, evidence: fromField(list, `${side} parties`, context) };
  const held = dutyEvidence(context, duties, `${side} duty`);
  if (held.length > 0) return { met: true, evidence: held };
  const hits = context.policy.evidence(concept, MAX_EVIDENCE);
  return hits.length > 0 ? { met: true, evidence: fromHits(hits) } : { met: false, evidence: [], gap };
}

/** Signature lines (`Name: ____ Date: ____`) with nothing written on them. */
function isBlankSignature(value: string): boolean {
  return value.split(';').every((item) => {
    const rest = item.includes(':') ? item.slice(item.indexOf(':') + 1) : item;
    return isPlaceholderText(rest.replace(/\b(date|name|signature|signed)\b\s*:?/gi, '').replace(/_+/g, ' ').trim());
  });
}

/** Segregated duties visibly held by different teams in a roles list or table. */
function segregatedByAssignment(context: EvidenceContext): Evidence[] | undefined {
  const structured = heldRoles(context).filter((role) => role.structured);
  const holders = new Map<string, { team: string; span: RoleModel['responsibilities'][number]['span'] }>();
  for (const role of structured) for (const duty of role.responsibilities) if (!holders.has(duty.value)) holders.set(duty.value, { team: role.assignee!.value.trim().toLowerCase(), span: duty.span });
  const pairs = (context.config.segregation ?? DEFAULT_SEGREGATION).filter(([first, second]) => holders.get(first) && holders.get(second) && holders.get(first)!.team !== holders.get(second)!.team);
  if (pairs.length === 0) return undefined;
  return pairs.slice(0, 2).map(([first, second]) => ({ span: holders.get(first)!.span, matched: `${first} held apart from ${second}`, why: 'the two duties are held by different roles' }));
}

export function judgeElement(id: string, context: EvidenceContext): ElementResult {
  const definition = ELEMENTS[id];
  return { id, label: definition.label, ...definition.judge(context) };
}
