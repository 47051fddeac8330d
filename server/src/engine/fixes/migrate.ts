import { addMonths, readDate } from '../parse/dates';
import { parsePolicyDocument } from '../parse/document';
import { FixBuilder } from './edits';
import { applyEdits } from './fixes';
import { cadenceMonths } from '../evidence/cadence';
import { PolicyModel, type MetaValue } from '../model/model';
import { isPlaceholderText } from '../parse/placeholder';
import type { TextEdit } from '../types';

export interface Migration {
  text: string;
  /** Fields written, e.g. ["kind", "title", "owner", "approval", "review"]. */
  moved: string[];
  /** Recognised values that could not be moved, with why (an ambiguous date, a placeholder). */
  skipped: string[];
}

function isoOf(meta: MetaValue | undefined, skipped: string[], label: string): string | undefined {
  if (!meta || isPlaceholderText(meta.value)) return undefined;
  const reading = readDate(meta.value);
  if (reading.kind === 'iso' || reading.kind === 'normalizable') return reading.iso;
  skipped.push(`${label} "${meta.value}" (${meta.source}): ${reading.kind === 'ambiguous' ? reading.reason : 'not a date'}`);
  return undefined;
}

/**
 * Writes the metadata a Markdown policy keeps elsewhere (bold header, its own front matter keys, the revision
 * table) into front matter in our schema. Only the front matter changes: the body stays byte-identical.
 */
export function migrateMarkdown(text: string, fileName: string): Migration {
  const document = parsePolicyDocument(text, fileName, 'markdown');
  const policy = new PolicyModel(document);
  const { meta } = policy;
  const fields: [string, unknown][] = [];
  const skipped: string[] = [];
  const filled = (value: MetaValue | undefined) => value && !isPlaceholderText(value.value) ? value.value : undefined;

  if (!document.hasPolicyMarker) fields.push(['kind', 'crypto-policy']);
  const heading = document.markdown?.sections[0]?.heading;
  if (!policy.entry('title') && heading) fields.push(['title', heading]);
  const owner = filled(meta.owner);
  if (!policy.entry('owner') && owner) fields.push(['owner', { name: owner }]);
  const approvedBy = filled(meta.approvedBy);
  const approvalDate = isoOf(meta.approvalDate, skipped, 'approval date');
  if (!policy.entry('approval') && approvedBy && approvalDate) {
    fields.push(['approval', { by: approvedBy, date: approvalDate, evidence: meta.approvalDate!.source === 'revision history' ? 'revision history table' : meta.approvalDate!.source.replace(/\*\*/g, '') }]);
  }
  if (!policy.entry('review')) {
    const review: Record<string, unknown> = {};
    const last = isoOf(meta.lastReviewed, skipped, 'last review');
    const next = isoOf(meta.nextReview, skipped, 'next review');
    const interval = meta.reviewCadence ? cadenceMonths(meta.reviewCadence.value) : undefined;
    if (last) review.last = last;
    if (next) review.next = next;
    else if (last && interval) review.next = addMonths(last, Math.min(interval, 12));
    if (interval) review.interval_months = interval;
    if (Object.keys(review).length > 0) fields.push(['review', review]);
  }
  if (fields.length === 0) return { text, moved: [], skipped };

  const builder = new FixBuilder(document);
  let edits: TextEdit[];
  if (document.markdown?.frontMatter) {
    edits = fields.map(([key, value]) => builder.insertRootField(key, value)).filter((edit): edit is TextEdit => edit !== undefined);
  } else {
    const block = fields.map(([key, value]) => builder.block(key, value, 0)).join('');
    const start = document.lines.lineStart(0);
    edits = [{ start, end: start, newText: `---${document.lines.eol}${block}---${document.lines.eol}` }];
  }
  return { text: applyEdits(text, edits).text, moved: fields.map(([key]) => key), skipped };
}
