import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cryptographyOf, type CryptoMention } from '../../server/src/engine/crypto/extract';
import { DEFAULT_PROFILE_CHOICE, judge } from '../../server/src/engine/crypto/judge';
import { parsePolicyDocument } from '../../server/src/engine/parse/document';

/**
 * Extraction measured against the hand labels of algorithms.json (../shared/corpus): for every labelled mention,
 * whether the checker found it (same line and algorithm; the parameter is compared apart), read the same stance,
 * and judged the same NIST status on the labels' date. Debatable labels are counted apart.
 */

export interface AlgorithmLabel {
  line: number;
  text: string;
  algorithm: string;
  parameter: number | string | null;
  use: string;
  stance: string;
  nist_status: string;
  expected_finding: string;
  debatable: boolean;
}

export interface Tally {
  labels: number;
  found: number;
  parameter: number;
  stance: number;
  status: number;
}

export interface AlgorithmMeasure {
  firm: Tally;
  debatable: Tally;
  /** Mentions the checker found that no label names (same line and algorithm). */
  extra: number;
  misses: { file: string; label: AlgorithmLabel; got?: Pick<CryptoMention, 'algorithm' | 'parameter' | 'stance' | 'use'> & { status: string } }[];
}

/** The hand-audited corpus (../shared/corpus, or CEK_CORPUS_DIR). */
export const ALGORITHMS_CORPUS_DIR = resolve(process.env.CEK_CORPUS_DIR ?? join(process.cwd(), '..', 'shared', 'corpus'));

export function algorithmLabelsAvailable(dir = ALGORITHMS_CORPUS_DIR): boolean {
  return existsSync(join(dir, 'algorithms.json'));
}

/** The date the labels judge on (corpus README). */
export const LABEL_DATE = '2026-12-07';

function tally(): Tally {
  return { labels: 0, found: 0, parameter: 0, stance: 0, status: 0 };
}

function sameParameter(label: AlgorithmLabel['parameter'], got: CryptoMention['parameter']): boolean {
  if (label === null || got === null) return label === got;
  return String(label) === String(got);
}

export function measureAlgorithms(corpusDir: string): AlgorithmMeasure {
  const labels = JSON.parse(readFileSync(join(corpusDir, 'algorithms.json'), 'utf8')) as Record<string, AlgorithmLabel[]>;
  const measure: AlgorithmMeasure = { firm: tally(), debatable: tally(), extra: 0, misses: [] };
  for (const [file, entries] of Object.entries(labels)) {
    const text = readFileSync(join(corpusDir, file), 'utf8');
    const document = parsePolicyDocument(text, file, 'markdown');
    const mentions = cryptographyOf(document).mentions.map((mention) => ({ mention, line: document.lines.positionAt(mention.span.start).line + 1 }));
    const used = new Set<number>();
    const pick = (label: AlgorithmLabel, strict: boolean): number =>
      mentions.findIndex((candidate, index) => !used.has(index) && candidate.line === label.line && candidate.mention.algorithm === label.algorithm && (!strict || sameParameter(label.parameter, candidate.mention.parameter)));
    const matches = new Map<AlgorithmLabel, number>();
    for (const strict of [true, false]) {
      for (const label of entries) {
        if (matches.has(label)) continue;
        const index = pick(label, strict);
        if (index >= 0) {
          used.add(index);
          matches.set(label, index);
        }
      }
    }
    for (const label of entries) {
      const bucket = label.debatable ? measure.debatable : measure.firm;
      bucket.labels++;
      const index = matches.get(label);
      if (index === undefined) {
        measure.misses.push({ file, label });
        continue;
      }
      const got = mentions[index].mention;
      const status = judge(DEFAULT_PROFILE_CHOICE, got, LABEL_DATE).status;
      bucket.found++;
      if (sameParameter(label.parameter, got.parameter)) bucket.parameter++;
      if (got.stance === label.stance) bucket.stance++;
      if (status === label.nist_status) bucket.status++;
      if (got.stance !== label.stance || status !== label.nist_status || !sameParameter(label.parameter, got.parameter)) {
        measure.misses.push({ file, label, got: { algorithm: got.algorithm, parameter: got.parameter, stance: got.stance, use: got.use, status } });
      }
    }
    measure.extra += mentions.length - used.size;
  }
  return measure;
}

export function share(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`;
}
