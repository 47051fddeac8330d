import type { Hover, Position } from 'vscode-languageserver';
import { builtinCatalog, formatGuidelineRef } from '../engine/config/catalog';
import { DUTY_DESCRIPTIONS, isDutyId } from '../engine/model/duties';
import type { PolicyModel } from '../engine/model/model';
import type { RequirementResult } from '../engine/requirements/types';
import type { Span } from '../engine/types';
import type { Analysis } from './analysis';
import { controlHover } from './controlMarkdown';
import { toOffset, toRange } from './positions';
import { entryAt, schemaAt } from '../engine/model/schemaInfo';

const CONTROL_TOKEN = /\b[A-Za-z]{2,5}-\d{2}(?:\.\d+)?\b/g;

const within = (offset: number, span: Span) => offset >= span.start && offset <= span.end;

/**
 * Hover on a control or CAIQ id anywhere, on a duty (a duty id, or the words of a free-text responsibility),
 * on the document's title or `actor` (the SSRM role, declared or inferred, with its evidence), on text that
 * is evidence for a guideline, or on a policy field. Works from the cached analysis.
 */
export function hover(analysis: Analysis, position: Position): Hover | null {
  const { document, policy } = analysis.result;
  const lines = document.lines;
  const offset = toOffset(lines, position);
  const lineStart = lines.lineStart(position.line);
  const lineText = document.text.slice(lineStart, lines.lineEnd(position.line));
  for (const match of lineText.matchAll(CONTROL_TOKEN)) {
    const start = lineStart + (match.index ?? 0);
    const end = start + match[0].length;
    if (offset < start || offset > end) continue;
    const resolved = analysis.loaded.catalog.resolve(match[0]);
    if (!resolved) continue;
    return { contents: { kind: 'markdown', value: controlHover(resolved.control, policy?.actorCodes ?? [], resolved.caiqId) }, range: toRange(lines, { start, end }) };
  }
  if (!policy) return null;
  for (const role of policy.roles) {
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
  const actorSpan = policy.actors[0]?.span ?? policy.entry('actor')?.keySpan;
  const title = document.markdown?.firstHeadingSpan ?? policy.entry('title')?.value.span;
  for (const span of [actorSpan, title].filter((candidate): candidate is Span => candidate !== undefined && candidate.end > candidate.start)) {
    if (within(offset, span)) return { contents: { kind: 'markdown', value: actorMarkdown(policy, analysis.result.requirements, document.text, lines) }, range: toRange(lines, span) };
  }
  const found = entryAt(document.root, offset);
  if (found && offset >= found.entry.keySpan.start && offset <= found.entry.keySpan.end) {
    const schema = schemaAt(found.path);
    if (schema?.markdownDescription) {
      return { contents: { kind: 'markdown', value: `**\`${found.path.join('.')}\`**\n\n${schema.markdownDescription}` }, range: toRange(lines, found.entry.keySpan) };
    }
  }
  const evidence = evidenceAt(analysis.result.requirements, offset);
  if (evidence.length > 0) {
    const span = evidence[0].span;
    const list = evidence.map((item) => `- ${item.guideline}: ${item.matched}`);
    return { contents: { kind: 'markdown', value: ['**Evidence an auditor would accept**', '', ...list].join('\n') }, range: toRange(lines, span) };
  }
  return null;
}

/** The SSRM role the document is judged as, how it was known, and the guidelines that turn on it. */
function actorMarkdown(policy: PolicyModel, requirements: RequirementResult[], text: string, lines: Analysis['result']['document']['lines']): string {
  const { actor } = policy;
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
function evidenceAt(requirements: RequirementResult[], offset: number): { guideline: string; matched: string; span: Span }[] {
  const found: { guideline: string; matched: string; span: Span }[] = [];
  for (const requirement of requirements) {
    for (const evidence of requirement.evidence) {
      if (within(offset, evidence.span) && !found.some((item) => item.guideline === formatGuidelineRef(requirement.ref))) {
        found.push({ guideline: formatGuidelineRef(requirement.ref), matched: evidence.matched, span: evidence.span });
      }
    }
  }
  return found.sort((a, b) => (a.span.end - a.span.start) - (b.span.end - b.span.start));
}
