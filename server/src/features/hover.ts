import type { Hover, Position } from 'vscode-languageserver';
import { builtinCatalog, formatGuidelineRef } from '../engine/config/catalog';
import type { ActorInference } from '../engine/evidence/actor';
import { DUTY_DESCRIPTIONS, isActor, isDutyId } from '../engine/model/duties';
import type { LineIndex } from '../engine/parse/text';
import type { Span } from '../engine/types';
import { controlHover } from './controlMarkdown';
import { mentionHover } from '../engine/crypto/report';
import { toOffset, toRange } from './positions';
import { schemaAt } from '../engine/model/schemaInfo';
import { entryAt, rootEntry } from './outline';
import type { FeatureView } from './view';
import { isSetEvidence } from '../engine/sets/policySet';

const CONTROL_TOKEN = /\b[A-Za-z]{2,5}-\d{2}(?:\.\d+)?\b/g;

const within = (offset: number, span: Span) => offset >= span.start && offset <= span.end;

/**
 * Hover on a control or CAIQ id anywhere, on a duty (a duty id, or the words of a free-text responsibility),
 * on the document's title or `actor` (the SSRM role, declared or inferred, with its evidence), on text that
 * is evidence for a guideline, or on a policy field. Answers from the document's view (its last analysis).
 */
export function hover(view: FeatureView, position: Position): Hover | null {
  const { lines, actor } = view;
  const offset = toOffset(lines, position);
  const lineStart = lines.lineStart(position.line);
  const lineText = view.text.slice(lineStart, lines.lineEnd(position.line));
  for (const match of lineText.matchAll(CONTROL_TOKEN)) {
    const start = lineStart + (match.index ?? 0);
    const end = start + match[0].length;
    if (offset < start || offset > end) continue;
    const resolved = view.catalog.resolve(match[0]);
    if (!resolved) continue;
    return { contents: { kind: 'markdown', value: controlHover(resolved.control, actor?.codes.filter(isActor) ?? [], resolved.caiqId) }, range: toRange(lines, { start, end }) };
  }
  // Only a document read as a policy (one that parsed) has an actor, and answers the hovers below.
  if (!actor) return null;
  for (const role of view.roles) {
    for (const duty of role.responsibilities) {
      if (!within(offset, duty.span) || !isDutyId(duty.value)) continue;
      const description = DUTY_DESCRIPTIONS[duty.value];
      const guidelines = description.auditing.map((number) => {
        const guideline = builtinCatalog().guideline({ control: 'CEK-02', kind: 'auditing', number });
        return guideline ? `- CEK-02 auditing guideline ${number}: ${guideline.text}` : '';
      });
      const read = duty.matched ? `Read as \`${duty.value}\` (${duty.matched}) for ${role.title?.value ?? role.assignee?.value ?? 'this role'}.` : '';
      return { contents: { kind: 'markdown', value: [`**Duty \`${duty.value}\`**`, '', description.text, ...(read ? ['', read] : []), '', ...guidelines].join('\n') }, range: toRange(lines, duty.span) };
    }
  }
  const mention = view.cryptography?.mentions.find((candidate) => within(offset, candidate.span) || (candidate.parameterSpan !== undefined && within(offset, candidate.parameterSpan)));
  if (mention && view.cryptography) {
    return { contents: { kind: 'markdown', value: mentionHover(mention, view.cryptography.profile, view.today) }, range: toRange(lines, mention.span) };
  }
  const { outline } = view;
  const actorSpan = actor.declared[0]?.span ?? (outline && rootEntry(outline, 'actor')?.keySpan);
  const title = view.markdown?.firstHeadingSpan ?? (outline && rootEntry(outline, 'title')?.value);
  for (const span of [actorSpan, title].filter((candidate): candidate is Span => candidate !== undefined && candidate.end > candidate.start)) {
    if (within(offset, span)) return { contents: { kind: 'markdown', value: actorMarkdown(actor, view.requirements, view.text, lines) }, range: toRange(lines, span) };
  }
  const found = outline && entryAt(outline, offset);
  if (found && offset >= found.entry.keySpan.start && offset <= found.entry.keySpan.end) {
    const schema = schemaAt(found.path);
    if (schema?.markdownDescription) {
      return { contents: { kind: 'markdown', value: `**\`${found.path.join('.')}\`**\n\n${schema.markdownDescription}` }, range: toRange(lines, found.entry.keySpan) };
    }
  }
  const evidence = evidenceAt(view.requirements, offset);
  if (evidence.length > 0) {
    const span = evidence[0].span;
    const list = evidence.map((item) => `- ${item.guideline}: ${item.matched}${item.from ? ` — in ${item.from}` : ''}`);
    return { contents: { kind: 'markdown', value: ['**Evidence an auditor would accept**', '', ...list].join('\n') }, range: toRange(lines, span) };
  }
  const reference = view.set?.references.find((candidate) => within(offset, candidate.span));
  if (reference) {
    const named = reference.kind === 'link' ? `\`${reference.target}\`` : reference.kind === 'id' ? `document ${reference.target}` : `“${reference.target}”`;
    const value = reference.resolved
      ? `**Policy set**: refers to ${named}, which is ${setLocation(reference.resolved)}. What it establishes counts for this policy.`
      : `**Policy set**: refers to ${named}, which is not in the project (see the reference-unresolved finding).`;
    return { contents: { kind: 'markdown', value }, range: toRange(lines, reference.span) };
  }
  return null;
}

/** The SSRM role the document is judged as, how it was known, and the guidelines that turn on it. */
function actorMarkdown(actor: ActorInference, requirements: FeatureView['requirements'], text: string, lines: LineIndex): string {
  const out = [`**SSRM actor: ${actor.codes.join(', ') || '—'}** (${actor.basis})`, '', actor.summary];
  if (actor.evidence.length > 0) {
    out.push('', 'Read from:');
    for (const signal of actor.evidence.slice(0, 5)) {
      const quote = text.slice(signal.span.start, signal.span.end).replace(/\s+/g, ' ').trim();
      out.push(`- line ${lines.positionAt(signal.span.start).line + 1}: ${signal.label} — “${quote.length > 90 ? `${quote.slice(0, 89)}…` : quote}”`);
    }
  }
  const dependent = requirements.filter((requirement) => requirement.status === 'not-applicable' || requirement.status === 'not-assessed');
  if (dependent.length > 0) {
    out.push('', 'Guidelines this decides:');
    for (const requirement of dependent) out.push(`- ${formatGuidelineRef(requirement.ref)}: ${requirement.status}`);
  }
  const met = requirements.filter((requirement) => requirement.ref.kind === 'auditing' && requirement.status === 'met').length;
  const applicable = requirements.filter((requirement) => requirement.ref.kind === 'auditing' && requirement.status !== 'not-applicable').length;
  out.push('', `Auditing guidelines met: ${met}/${applicable}.`);
  return out.join('\n');
}

/** Requirements whose evidence covers the offset, innermost (shortest span) first. */
function evidenceAt(requirements: FeatureView['requirements'], offset: number): { guideline: string; matched: string; span: Span; from?: string }[] {
  const found: { guideline: string; matched: string; span: Span; from?: string }[] = [];
  for (const requirement of requirements) {
    for (const evidence of requirement.evidence) {
      if (within(offset, evidence.span) && !found.some((item) => item.guideline === formatGuidelineRef(requirement.ref))) {
        // Evidence from another document of the policy set stands on the reference; it says where it is.
        const from = isSetEvidence(evidence) ? `${setLocation(evidence.file, evidence.line)} (“${evidence.quote.length > 80 ? `${evidence.quote.slice(0, 79)}…` : evidence.quote}”)` : undefined;
        found.push({ guideline: formatGuidelineRef(requirement.ref), matched: evidence.matched, span: evidence.span, ...(from ? { from } : {}) });
      }
    }
  }
  return found.sort((a, b) => (a.span.end - a.span.start) - (b.span.end - b.span.start));
}

/** `[key-management-procedure.md:12](file:///…/key-management-procedure.md#L12)`: a link the editor opens (at the line, when given). */
function setLocation(file: string, line?: number): string {
  const name = decodeURIComponent(file.slice(file.lastIndexOf('/') + 1));
  const at = line === undefined ? '' : `:${line}`;
  if (!file.startsWith('file:')) return `${file}${at}`;
  return `[${name}${at}](${file}${line === undefined ? '' : `#L${line}`})`;
}
