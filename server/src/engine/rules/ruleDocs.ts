import { formatGuidelineRef, type Catalog } from '../config/catalog';
import type { Rule } from './rule';

const FIX_TEXT = {
  safe: 'A safe fix is applied by fix-all in the editor and by `cek-policy check --fix`.',
  suggestion: 'A quick fix inserts the missing piece with `TBD` values to fill in (the `placeholder` rule keeps flagging them until you do); it needs a human choice, so fix-all and `--fix` never apply it.',
  none: 'There is no automatic fix: the gap needs a decision or an action (a review, a training, a reassignment).',
};

/** The Markdown doc of a rule, generated from its registry entry and the catalog's guideline text. */
export function renderRuleDoc(rule: Rule, catalog: Catalog): string {
  const fix = rule.fixable === false ? 'none' : rule.fixable;
  const lines = [
    `# ${rule.id}`,
    '',
    `**Control:** ${rule.control} · **Guidelines:** ${rule.guidelines.map(formatGuidelineRef).join(', ')} · **Default severity:** ${rule.severity} · **Fix:** ${fix} · **Formats:** ${rule.formats.join(', ')}`,
    '',
    rule.description,
    '',
    '## Why',
    '',
  ];
  for (const ref of rule.guidelines) {
    const guideline = catalog.guideline(ref);
    if (!guideline) continue;
    lines.push(`${formatGuidelineRef(ref)}${guideline.title ? ` (${guideline.title})` : ''}:`, '', `> ${guideline.text}`, '');
  }
  if (rule.pack) lines.push(`Our summary of the requirement (CSA's text is shown when your catalog has it); how the pack reads the policy: [controls/${rule.pack}/README.md](../../controls/${rule.pack}/README.md).`, '');
  if (rule.example) lines.push('## Example', '', 'A sentence that satisfies the rule, under the section it belongs in:', '', `> ${rule.example}`, '');
  if (rule.blocks === false) lines.push('The findings cite the guideline as context; they do not decide its status in the report (they speak for the control named above).', '');
  lines.push('## Fix', '', rule.pack ? 'A quick fix adds a titled section (Markdown, inside the section the topic belongs in) or the `key_management` field (YAML) holding the example sentence, to adapt to what your organisation does; it needs a human choice, so fix-all and `--fix` never apply it.' : FIX_TEXT[fix], '');
  lines.push(
    '## Configuration',
    '',
    'Change the severity or switch the rule off in `.cekpolicy.yaml`:',
    '',
    '```yaml',
    'rules:',
    `  ${rule.id}: ${rule.severity === 'error' ? 'warning' : 'error'}   # error | warning | info | off`,
    '```',
    '',
    'Or accept one occurrence with a reason an auditor can read:',
    '',
    '```yaml',
    `# cek-policy-disable-next-line ${rule.id} -- <why this is accepted> (until YYYY-MM-DD)`,
    '```',
    '',
    '<!-- Generated from the rule registry by `npm run docs`; edit the rule, not this file. -->',
    '',
  );
  return lines.join('\n');
}

/** docs/rules/README.md: one table row per rule. */
export function renderRuleIndex(rules: Rule[]): string {
  const rows = rules.map((rule) => `| [\`${rule.id}\`](${rule.id}.md) | ${rule.control} | ${rule.severity} | ${rule.fixable || '—'} | ${rule.description.replace(/\|/g, '\\|')} |`);
  return ['# Rules', '', `${rules.length} rules, generated from the registry (\`npm run docs\`).`, '', '| Rule | Control | Severity | Fix | What it reports |', '|---|---|---|---|---|', ...rows, ''].join('\n');
}
