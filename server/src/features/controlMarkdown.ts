import { layerForActor, type Control, type Guideline } from '../engine/config/catalog';
import { pushLines } from '../engine/arrays';
import { ACTOR_NAMES, isActor } from '../engine/model/duties';

function firstSentence(text: string): string {
  const match = /^(.+?[.;])(\s|$)/.exec(text);
  return match ? match[1] : text;
}

function guidelineLine(guideline: Guideline, full: boolean): string {
  const title = guideline.title ? `**${guideline.title}.** ` : '';
  return `${guideline.number}. ${title}${full ? guideline.text : firstSentence(guideline.text)}`;
}

function ownershipLines(control: Control, actors: string[]): string[] {
  const lines: string[] = [];
  for (const actor of actors.filter(isActor)) {
    const layer = layerForActor(actor);
    const ownership = control.ownership.find((entry) => entry.layer === layer);
    if (ownership) lines.push(`**SSRM for ${actor}** (${ACTOR_NAMES[actor]}, ${layer} layer): ${ownership.owner}${ownership.actors.includes(actor) ? '' : ` — ${actor} relies on the owners`}`);
  }
  if (lines.length === 0) lines.push(`**SSRM:** ${control.ownership.map((entry) => `${entry.layer}: ${entry.owner}`).join(' · ')}`);
  return lines;
}

function standards(control: Control): string {
  return control.standardsMappings
    .map((mapping) => `${mapping.standard}: ${mapping.references.join(', ') || mapping.note || 'No mapping'}${mapping.gap ? ` (${mapping.gap})` : ''}`)
    .join(' · ');
}

/** " · CSA AICM 1.1.0": the framework and edition the text comes from. */
function edition(control: Control): string {
  return control.framework || control.edition ? ` · ${[control.framework, control.edition].filter(Boolean).join(' ')}` : '';
}

/** The control text: CSA's from the user's catalog, or our own summary, marked as such (CSA's text is not shipped). */
function specification(control: Control): string {
  if (!control.summaryOnly) return control.specification;
  return `${control.specification}\n\n*cek-policy's summary, not CSA's text. To see CSA's specification and guidelines, add your copy of CSA's catalog to \`catalogs:\` in \`.cekpolicy.yaml\`.*`;
}

/** Hover text: concise (first sentences), with the CAIQ question first when a CAIQ id was hovered. */
export function controlHover(control: Control, actors: string[], caiqId?: string): string {
  const out: string[] = [];
  const caiq = caiqId ? control.caiq.find((question) => question.id === caiqId) : undefined;
  if (caiq) out.push(`**${caiq.id}** (CAIQ): ${caiq.question}`, '');
  out.push(`**${control.id} · ${control.title}**  `, `*${control.domain.title}*${edition(control)}`, '', specification(control), '');
  if (!caiq && control.caiq.length) pushLines(out, '**CAIQ:**', control.caiq.map((question) => `- ${question.id}: ${question.question}`), '');
  pushLines(out, ownershipLines(control, actors), '');
  if (control.implementationGuidelines.length) pushLines(out, '**Implementation guidelines**', control.implementationGuidelines.map((g) => guidelineLine(g, false)), '');
  if (control.auditingGuidelines.length) pushLines(out, '**Auditing guidelines**', control.auditingGuidelines.map((g) => guidelineLine(g, false)), '');
  out.push(`**Standards:** ${standards(control)}`);
  return out.join('\n');
}

/** The whole control as a Markdown page ("CEK Policy: Show Control"). */
export function controlPage(control: Control): string {
  const out = [`# ${control.id} — ${control.title}`, '', `*${control.domain.title}*${control.category ? ` · ${control.category}` : ''}${edition(control)}`, '', '## Specification', '', specification(control), ''];
  if (control.requirements?.length) pushLines(out, '## What cek-policy judges', '', control.requirements.map((requirement) => `${requirement.number}. ${requirement.text}`), '');
  if (control.threatCoverage.length) out.push('## Threat coverage', '', control.threatCoverage.map((item) => `- ${item}`).join('\n'), '');
  if (control.architecturalRelevance.length) out.push('## Architectural relevance', '', control.architecturalRelevance.map((item) => `- ${item}`).join('\n'), '');
  pushLines(out, '## Lifecycle', '', control.lifecycle.map((phase) => `- **${phase.phase}:** ${phase.items.join(', ') || 'Not applicable'}`), '');
  pushLines(out, '## Ownership (SSRM)', '', control.ownership.flatMap((entry) => [`### ${entry.layer}: ${entry.owner}`, '', entry.description, '']));
  pushLines(out, '## Implementation guidelines', '', (control.implementationGuidelines.length ? control.implementationGuidelines.map((g) => guidelineLine(g, true)) : ['*(none in the control text)*']), '');
  pushLines(out, '## Auditing guidelines', '', control.auditingGuidelines.map((g) => guidelineLine(g, true)), '');
  if (control.ccmAuditingGuidelines.length) pushLines(out, '### From CCM', '', control.ccmAuditingGuidelines.map((g) => guidelineLine(g, true)), '');
  pushLines(out, '## Standards mappings', '', control.standardsMappings.flatMap((mapping) => [`- **${mapping.standard}**${mapping.gap ? ` (${mapping.gap})` : ''}: ${mapping.references.join(', ') || mapping.note || 'No mapping'}${mapping.addendum ? ` — ${mapping.addendum}` : ''}`]), '');
  pushLines(out, '## CAIQ questions', '', control.caiq.map((question) => `- **${question.id}:** ${question.question}`), '');
  return out.join('\n');
}
