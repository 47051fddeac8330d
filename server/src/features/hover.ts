import type { Hover, Position } from 'vscode-languageserver';
import { builtinCatalog } from '../engine/config/catalog';
import { DUTY_DESCRIPTIONS, isDutyId } from '../engine/model/duties';
import type { Analysis } from './analysis';
import { controlHover } from './controlMarkdown';
import { toOffset, toRange } from './positions';
import { entryAt, schemaAt } from '../engine/model/schemaInfo';

const CONTROL_TOKEN = /\b[A-Za-z]{2,5}-\d{2}(?:\.\d+)?\b/g;

/** Hover on a control or CAIQ id anywhere, on a policy field, or on a duty id. Works from the cached analysis. */
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
      if (offset >= duty.span.start && offset <= duty.span.end && isDutyId(duty.value)) {
        const description = DUTY_DESCRIPTIONS[duty.value];
        const guidelines = description.auditing.map((number) => {
          const guideline = builtinCatalog().guideline({ control: 'CEK-02', kind: 'auditing', number });
          return guideline ? `- CEK-02 auditing guideline ${number}: ${guideline.text}` : '';
        });
        return { contents: { kind: 'markdown', value: [`**Duty \`${duty.value}\`**`, '', description.text, '', ...guidelines].join('\n') }, range: toRange(lines, duty.span) };
      }
    }
  }
  const found = entryAt(document.root, offset);
  if (found && offset >= found.entry.keySpan.start && offset <= found.entry.keySpan.end) {
    const schema = schemaAt(found.path);
    if (schema?.markdownDescription) {
      return { contents: { kind: 'markdown', value: `**\`${found.path.join('.')}\`**\n\n${schema.markdownDescription}` }, range: toRange(lines, found.entry.keySpan) };
    }
  }
  return null;
}
