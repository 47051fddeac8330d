import { parsePolicyDocument, type PolicyDocument } from '../parse/document';
import { snapOffset, splitsUnit, bomLength } from '../parse/text';
import { entryOf, parseYaml, type PNode } from '../parse/yamlModel';
import type { Finding, Fix, Span, TextEdit } from '../types';
import { applyEdits } from './fixes';
import { append } from '../arrays';

/** Fixes vetted per document, at most; the rest are not offered (a pathological document has thousands). */
export const MAX_VETTED_FIXES = 1_000;
/**
 * Characters re-parsed to vet one document's fixes: twice the document, and at least 2 MB. Disjoint fixes are
 * vetted together, so a normal document needs one or two re-parses; past the budget a fix is not offered.
 */
const VET_BUDGET_FACTOR = 2;
const VET_MIN_BUDGET = 2 * 1024 * 1024;

/**
 * The one place findings are finished before anyone sees them. Spans are made to lie inside the document, after
 * its BOM and on code-point boundaries (never inside a CRLF). Fixes and suggestions are vetted: each is applied
 * and the result re-parsed, and it is dropped when the result does not parse (a duplicate key is a parse error),
 * loses the `kind: crypto-policy` marker, or makes a role its own alternate. Vetting runs once, on first access to
 * any fix of the document (diagnostics never pay for it; a code action, fix-all or the CLI's output do).
 */
export function finishFindings(document: PolicyDocument, findings: Finding[]): void {
  const text = document.text;
  const snap = (span: Span): Span => {
    const start = snapOffset(text, span.start);
    return { start, end: Math.max(start, snapOffset(text, span.end)) };
  };
  const candidates: Fix[] = [];
  for (const finding of findings) {
    finding.span = snap(finding.span);
    if (finding.related) finding.related = finding.related.map((related) => ({ ...related, span: snap(related.span) }));
    if (finding.suppression) finding.suppression = { ...finding.suppression, span: snap(finding.suppression.span) };
    if (finding.fix) candidates.push(finding.fix);
    if (finding.suggestions) append(candidates, finding.suggestions);
  }
  if (candidates.length === 0) return;
  let verdicts: Set<Fix> | undefined;
  const valid = (fix: Fix | undefined): fix is Fix => fix !== undefined && (verdicts ??= vetFixes(document, candidates)).has(fix);
  for (const finding of findings) {
    const fix = finding.fix;
    const suggestions = finding.suggestions;
    if (fix) Object.defineProperty(finding, 'fix', { get: () => (valid(fix) ? fix : undefined), enumerable: true, configurable: true });
    if (suggestions) {
      let kept: Fix[] | undefined;
      Object.defineProperty(finding, 'suggestions', {
        get: () => {
          kept ??= suggestions.filter(valid);
          return kept.length > 0 ? kept : undefined;
        },
        enumerable: true,
        configurable: true,
      });
    }
  }
}

/** The fixes that pass, each judged as if applied alone. Disjoint fixes are tried together and split on failure. */
export function vetFixes(document: PolicyDocument, fixes: Fix[]): Set<Fix> {
  const accepted = new Set<Fix>();
  const well = fixes.slice(0, MAX_VETTED_FIXES).filter((fix) => fix.edits.length > 0 && fix.edits.every((edit) => onBoundaries(document.text, edit)));
  const judge = new Judge(document);
  for (const layer of layers(well)) {
    const pending = [layer];
    while (pending.length > 0) {
      const group = pending.pop()!;
      const verdict = judge.passes(group.flatMap((fix) => fix.edits));
      if (verdict === 'pass') for (const fix of group) accepted.add(fix);
      else if (verdict === 'fail' && group.length > 1) {
        const middle = group.length >> 1;
        pending.push(group.slice(middle), group.slice(0, middle));
      }
    }
  }
  return accepted;
}

function onBoundaries(text: string, edit: TextEdit): boolean {
  const inside = (offset: number) => Number.isInteger(offset) && offset >= bomLength(text) && offset <= text.length && !splitsUnit(text, offset);
  return inside(edit.start) && inside(edit.end) && edit.start <= edit.end;
}

/**
 * Groups of fixes whose edits do not overlap, so each group applies as one text (insertions at one point apply in
 * order; if together they break the text, the group is split until each fix is judged alone).
 */
function layers(fixes: Fix[]): Fix[][] {
  const groups: { fixes: Fix[]; edits: TextEdit[] }[] = [];
  const clash = (a: TextEdit, b: TextEdit) => (a.start < b.end && b.start < a.end) || (a.start === b.start && a.end === b.end && a.end > a.start);
  for (const fix of fixes) {
    const group = groups.find((candidate) => !fix.edits.some((edit) => candidate.edits.some((other) => clash(edit, other))));
    if (group) {
      group.fixes.push(fix);
      append(group.edits, fix.edits);
    } else groups.push({ fixes: [fix], edits: [...fix.edits] });
  }
  return groups.map((group) => group.fixes);
}

/** Re-parses edited texts within a budget of characters; over budget a fix is not offered. */
class Judge {
  private budget: number;
  private readonly selfAlternates: number;

  constructor(private readonly document: PolicyDocument) {
    this.budget = Math.max(VET_MIN_BUDGET, VET_BUDGET_FACTOR * document.text.length);
    this.selfAlternates = selfAlternates(document.root);
  }

  passes(edits: TextEdit[]): 'pass' | 'fail' | 'unjudged' {
    const { document } = this;
    const { text, applied } = applyEdits(document.text, edits);
    if (applied.length !== edits.length) return 'fail';
    const front = document.markdown?.frontMatter;
    // Edits inside the front matter only need the front matter re-parsed (a `---` they add ends up in it, and fails).
    if (front && edits.every((edit) => edit.start >= front.contentStart && edit.end <= front.contentEnd)) {
      const end = front.contentEnd + text.length - document.text.length;
      if (!this.spend(end - front.contentStart)) return 'unjudged';
      const parsed = parseYaml(text.slice(front.contentStart, end), front.contentStart);
      const root = parsed.root?.kind === 'map' ? parsed.root : undefined;
      return parsed.errors.length === 0 && (!document.hasPolicyMarker || parsed.marker) && selfAlternates(root) <= this.selfAlternates ? 'pass' : 'fail';
    }
    if (!this.spend(text.length)) return 'unjudged';
    const reparsed = parsePolicyDocument(text, document.fileName, document.format);
    const ok = reparsed.parseErrors.length === 0 && (!document.hasPolicyMarker || reparsed.hasPolicyMarker) && selfAlternates(reparsed.root) <= this.selfAlternates;
    return ok ? 'pass' : 'fail';
  }

  private spend(characters: number): boolean {
    if (characters > this.budget) return false;
    this.budget -= characters;
    return true;
  }
}

/** Roles that list their own id among their alternates. */
function selfAlternates(root: PNode | undefined): number {
  const roles = entryOf(root, 'roles')?.value;
  if (roles?.kind !== 'seq') return 0;
  let count = 0;
  for (const role of roles.items) {
    const id = entryOf(role, 'id')?.value;
    const alternates = entryOf(role, 'alternates')?.value;
    if (id?.kind !== 'scalar' || id.value === null || !alternates) continue;
    const list = alternates.kind === 'seq' ? alternates.items : [alternates];
    count += list.filter((item) => item.kind === 'scalar' && item.value !== null && String(item.value) === String(id.value)).length;
  }
  return count;
}
