import { g, type Rule } from './rule';
import { textList } from '../model/model';
import type { RuleFinding } from '../types';

export const unknownControl: Rule = {
  id: 'unknown-control',
  control: 'CEK-01',
  guidelines: [g.audit('CEK-01', 1)],
  severity: 'error',
  description: 'An entry of `controls:` is not a control or CAIQ id in the catalog (built-in CEK-01/CEK-02 or a configured catalog); near misses such as `CEK-1` are fixed.',
  fixable: 'safe',
  formats: ['yaml', 'markdown'],
  summary: false,
  check(context) {
    const findings: RuleFinding[] = [];
    for (const item of textList(context.policy.field('controls'))) {
      if (context.catalog.resolve(item.value)) continue;
      const suggestion = context.catalog.suggest(item.value);
      const node = context.policy.field('controls');
      const target = node?.kind === 'seq' ? node.items.find((candidate) => candidate.span.start === item.span.start) : node;
      findings.push({
        span: item.span,
        message: suggestion
          ? `\`${item.value}\` is not a control id; did you mean \`${suggestion}\`?`
          : `\`${item.value}\` is not a known control (known: ${knownIds(context.catalog.all().map((control) => control.id))}); add its catalog in \`.cekpolicy.yaml\` (\`catalogs:\`) or correct it.`,
        fix: suggestion && target ? context.edits.fix(`Change to ${suggestion}`, context.edits.replaceValue(target, suggestion)) : undefined,
        data: { value: item.value, suggestion },
      });
    }
    return findings;
  },
};

/** The known ids for a message: the CEK domain as one range when it is all there ("CEK-01 to CEK-21, ORG-07"). */
function knownIds(ids: string[]): string {
  const domain = Array.from({ length: 21 }, (_, index) => `CEK-${String(index + 1).padStart(2, '0')}`);
  if (!domain.every((id) => ids.includes(id))) return ids.join(', ');
  return ['CEK-01 to CEK-21', ...ids.filter((id) => !domain.includes(id))].join(', ');
}
