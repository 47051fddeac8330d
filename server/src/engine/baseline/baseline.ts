import { createHash } from 'node:crypto';
import type { Span } from '../types';

/**
 * A baseline, as ESLint's bulk suppressions: today's findings recorded per file and rule, so that a project adopting
 * the checker on existing policies sees only what is new. Each finding is recorded by a fingerprint of the text it
 * flags (not its line, which moves with any edit above it), with a count per fingerprint. Data only.
 */
export const BASELINE_FILE_NAME = '.cekpolicy-baseline.json';
const FORMAT = 1;

/** Counts per fingerprint, per rule, per file (paths relative to the baseline's folder, `/`-separated). */
export type BaselineEntries = Map<string, Map<string, Map<string, number>>>;

export interface Baseline {
  entries: BaselineEntries;
  /** Findings the baseline holds in all. */
  total: number;
}

/** One finding as the baseline records it. */
export interface BaselineRecord {
  /** Relative to the baseline's folder, `/`-separated. */
  path: string;
  rule: string;
  fingerprint: string;
}

/** What a finding is about: its rule and the text it flags, whitespace runs folded (re-indenting keeps it). */
export function spanFingerprint(rule: string, text: string, span: Span): string {
  const flagged = text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${rule}\u0000${flagged}`).digest('hex').slice(0, 16);
}

/** The baseline file's text for these findings: stable (sorted) so that it diffs well in review. */
export function renderBaseline(records: BaselineRecord[]): string {
  const files: Record<string, Record<string, { count: number; fingerprints: Record<string, number> }>> = {};
  for (const { path, rule, fingerprint } of [...records].sort((a, b) => compare(a.path, b.path) || compare(a.rule, b.rule) || compare(a.fingerprint, b.fingerprint))) {
    const byRule = (files[path] ??= Object.create(null) as Record<string, { count: number; fingerprints: Record<string, number> }>);
    const entry = (byRule[rule] ??= { count: 0, fingerprints: Object.create(null) as Record<string, number> });
    entry.count++;
    entry.fingerprints[fingerprint] = (entry.fingerprints[fingerprint] ?? 0) + 1;
  }
  return `${JSON.stringify({ tool: 'cek-policy', format: FORMAT, files }, null, 2)}\n`;
}

/** Reads a baseline file's text; an error message (never a throw) when it is not one. Keys stay data (a Map). */
export function parseBaseline(text: string): Baseline | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { error: 'it is not valid JSON' };
  }
  if (!isObject(value) || value.tool !== 'cek-policy' || value.format !== FORMAT || !isObject(value.files)) {
    return { error: `it is not a cek-policy baseline (format ${FORMAT}: {"tool": "cek-policy", "format": ${FORMAT}, "files": {...}})` };
  }
  const entries: BaselineEntries = new Map();
  let total = 0;
  for (const [path, byRule] of Object.entries(value.files)) {
    if (!isObject(byRule)) return { error: `the entry of "${path.slice(0, 80)}" is not a mapping of rule ids` };
    const rules = new Map<string, Map<string, number>>();
    for (const [rule, entry] of Object.entries(byRule)) {
      if (!isObject(entry) || !isObject(entry.fingerprints)) return { error: `the entry of rule "${rule.slice(0, 60)}" in "${path.slice(0, 80)}" has no fingerprints` };
      const counts = new Map<string, number>();
      for (const [fingerprint, count] of Object.entries(entry.fingerprints)) {
        if (!Number.isInteger(count) || (count as number) < 1) return { error: `a count in "${path.slice(0, 80)}" is not a whole number of at least 1` };
        counts.set(fingerprint, count as number);
        total += count as number;
      }
      rules.set(rule, counts);
    }
    entries.set(path, rules);
  }
  return { entries, total };
}

/**
 * Which findings of one file the baseline holds: each fingerprint absorbs as many findings as its count, in the
 * order given (document order); the rest are new.
 */
export function baselinedFindings(baseline: Baseline, path: string, findings: { rule: string; fingerprint: string }[]): boolean[] {
  const byRule = baseline.entries.get(path);
  if (!byRule) return findings.map(() => false);
  const left = new Map<string, number>();
  return findings.map(({ rule, fingerprint }) => {
    const key = `${rule}\u0000${fingerprint}`;
    const remaining = left.get(key) ?? byRule.get(rule)?.get(fingerprint) ?? 0;
    if (remaining <= 0) return false;
    left.set(key, remaining - 1);
    return true;
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
