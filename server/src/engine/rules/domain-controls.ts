import type { ControlResult } from '../requirements/domain';
import { builtinPacks } from '../packs/registry';
import type { ControlPack } from '../packs/types';
import type { MarkdownSection } from '../parse/markdown';
import type { Fix, RuleFinding, Span, TextEdit } from '../types';
import type { Rule, RuleContext } from './rule';
import { headingTitle } from './helpers';

/**
 * The CEK domain's rules, one per control pack, made from the pack's data (controls/CEK-NN/control.json `rule`):
 * a finding when the control is partial or not met, on the section the topic belongs in (the key-management
 * section, else the end of the document), with an example sentence and a quick fix that adds a titled section
 * (Markdown) or the `key_management` field (YAML).
 */
export function packRule(pack: ControlPack): Rule {
  const spec = pack.control.rule;
  return {
    id: spec.id,
    control: pack.control.id,
    guidelines: pack.requirements.map((requirement) => ({ control: pack.control.id, kind: 'requirement', number: requirement.number })),
    severity: 'warning',
    description: spec.description,
    fixable: 'suggestion',
    formats: ['yaml', 'markdown'],
    pack: pack.control.id,
    example: spec.example,
    check: (context) => checkPack(context, pack.control.id, spec),
  };
}

/** A user catalog's controls with data-only requirement definitions: one rule reports each that is not met. */
export const controlRequirementMissing: Rule = {
  id: 'control-requirement-missing',
  control: 'CEK-01',
  guidelines: [{ control: 'CEK-01', kind: 'auditing', number: 1 }],
  severity: 'warning',
  description: 'A control of your catalog with requirement definitions (data in `catalogs:`) is not met or only partly met by the policy; the finding names the missing elements.',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const domain = context.judgement.domain;
    const builtin = new Set(builtinPacks().map((pack) => pack.control.id));
    return domain.userPacks.filter((pack) => !builtin.has(pack.control.id)).flatMap((pack) => checkPack(context, pack.control.id, {
      ...pack.control.rule, section: { title: pack.control.title, topics: ['policy'] }, example: '',
    }).map((finding) => ({ ...finding, control: pack.control.id, guidelines: pack.requirements.map((requirement) => ({ control: pack.control.id, kind: 'requirement' as const, number: requirement.number })) })));
  },
};

function checkPack(context: RuleContext, id: string, spec: ControlPack['control']['rule']): RuleFinding[] {
  const domain = context.judgement.domain;
  if (!domain.selected().includes(id)) return [];
  const result = domain.control(id);
  if (!result || result.status === 'met' || result.status === 'not-applicable' || result.status === 'not-assessed') return [];
  const place = placement(context, spec.section.topics);
  const yaml = context.doc.format === 'yaml' || Boolean(context.policy.field('key_management'));
  const where = place.section ? `under "${headingTitle(place.section)}"` : yaml ? `as \`key_management.${spec.field}\`` : `in a new section "${spec.section.title}"`;
  const example = spec.example ? ` For example, ${where}: "${spec.example}"` : '';
  return [{
    span: place.span,
    message: `${id} ${result.title}: ${summary(result)}${example}`,
    suggestions: () => [fixFor(context, spec, place.section)],
    data: { rank: spec.rank, status: result.status, missing: result.requirements.flatMap((requirement) => requirement.elements.filter((element) => !element.met).map((element) => element.id)) },
  }];
}

/** What is there and what is missing, in the author's terms. */
function summary(result: ControlResult): string {
  const elements = result.requirements.flatMap((requirement) => requirement.elements);
  const found = elements.filter((element) => element.met).map((element) => element.label);
  const gaps = elements.filter((element) => !element.met).map((element) => element.gap ?? `no ${element.label}`);
  if (result.status === 'not-met') return `the policy has ${gaps.join('; ')}.`;
  return `only partly addressed${found.length ? ` (the policy has ${found.join('; ')})` : ''}: ${gaps.join('; ')}.`;
}

/** The section the topic belongs in (first matching topic), else the end of the document. */
function placement(context: RuleContext, topics: string[]): { span: Span; section?: MarkdownSection } {
  const entry = context.policy.entry('key_management');
  if (entry) return { span: entry.keySpan };
  for (const topic of topics) {
    const section = context.policy.section(topic as Parameters<RuleContext['policy']['section']>[0]);
    if (section) return { span: section.headingSpan, section };
  }
  const end = context.doc.markdown?.end ?? context.doc.text.length;
  return { span: { start: end, end } };
}

/**
 * A skeleton to adapt: the titled section (Markdown) or the `key_management` field (YAML) holding the example
 * sentence, which establishes the control. A suggestion, never a safe fix: the author must make the sentence say
 * what the organisation does (the comment beside it in Markdown says so), so fix-all and `--fix` never apply it.
 */
function fixFor(context: RuleContext, spec: ControlPack['control']['rule'], section: MarkdownSection | undefined): Fix | undefined {
  const example = spec.example || 'Describe how the policy meets this control.';
  if (context.doc.format === 'yaml' || context.policy.field('key_management')) {
    const map = context.policy.field('key_management');
    const edit = map && map.kind === 'map' ? context.edits.insertMapField(map, spec.field, example) : context.edits.insertRootField('key_management', { [spec.field]: example });
    return context.edits.fix(`Add key_management.${spec.field} (an example to adapt)`, edit);
  }
  const eol = context.doc.lines.eol;
  const body = `<!-- cek-policy: an example; make it say what your organisation does. -->${eol}${example}`;
  if (!section) return context.edits.fix(`Add a "${spec.section.title}" section (an example to adapt)`, context.edits.appendSection(spec.section.title, body));
  return context.edits.fix(`Add a "${spec.section.title}" subsection (an example to adapt)`, subsectionEdit(context, section, spec.section.title, body));
}

/** A subsection at the end of a section, one heading level below it, in the document's line ends. */
function subsectionEdit(context: RuleContext, section: MarkdownSection, title: string, body: string): TextEdit {
  const text = context.doc.text;
  const eol = context.doc.lines.eol;
  const at = section.span.end;
  const before = text.slice(0, at);
  const lead = before.length === 0 ? '' : before.endsWith(eol + eol) ? '' : before.endsWith(eol) ? eol : eol + eol;
  const trail = at < text.length ? eol : '';
  const depth = Math.min(6, section.depth + 1);
  return { start: at, end: at, newText: `${lead}${'#'.repeat(depth)} ${title}${eol}${eol}${body}${eol}${trail}` };
}

export const domainRules: Rule[] = builtinPacks().map(packRule);
