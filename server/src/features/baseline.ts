import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { BASELINE_FILE_NAME, baselinedFindings, parseBaseline, spanFingerprint, type Baseline } from '../engine/baseline/baseline';
import { MAX_CONFIG_BYTES } from '../engine/parse/limits';
import { readSource } from '../engine/parse/source';
import type { Finding } from '../engine/types';

/** Baselines read, by path, kept while the file's size and mtime stay the same (a check stats it, never re-reads it). */
const cache = new Map<string, { mtimeMs: number; size: number; baseline: Baseline | undefined }>();

/** The baseline beside a configuration file (`.cekpolicy-baseline.json`, what `check --baseline-write` writes), if it is there and valid. */
function baselineBeside(configFile: string): { file: string; baseline: Baseline } | undefined {
  const file = join(dirname(configFile), BASELINE_FILE_NAME);
  let stats;
  try {
    stats = statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (!stats || !stats.isFile()) {
    cache.delete(file);
    return undefined;
  }
  const known = cache.get(file);
  if (known && known.mtimeMs === stats.mtimeMs && known.size === stats.size) return known.baseline && { file, baseline: known.baseline };
  let baseline: Baseline | undefined;
  try {
    const source = readSource(file, MAX_CONFIG_BYTES, 'baselines');
    const parsed = source.kind === 'text' ? parseBaseline(source.text) : undefined;
    baseline = parsed && !('error' in parsed) ? parsed : undefined;
  } catch {
    baseline = undefined;
  }
  cache.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, baseline });
  return baseline && { file, baseline };
}

/**
 * The open findings of a document on disk that the baseline beside its configuration holds: the editor shows them as
 * hints, so what was accepted when the policy was adopted stays visible without counting as a problem.
 */
export function baselinedIn(path: string | undefined, configFile: string | undefined, text: string, findings: readonly Finding[]): Set<Finding> {
  if (!path || !configFile) return new Set();
  const found = baselineBeside(configFile);
  if (!found) return new Set();
  const key = relative(dirname(found.file), path);
  if (key.startsWith('..') || isAbsolute(key)) return new Set();
  const open = findings.filter((finding) => !finding.suppression);
  const held = baselinedFindings(found.baseline, key.split(sep).join('/'), open.map((finding) => ({ rule: finding.rule, fingerprint: spanFingerprint(finding.rule, text, finding.span) })));
  return new Set(open.filter((_finding, index) => held[index]));
}
