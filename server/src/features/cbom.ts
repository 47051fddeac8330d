import { realpathSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { formatGuidelineRef } from '../engine/config/catalog';
import type { CbomSetting } from '../engine/config/config';
import { assetIssues, MAX_CBOM_BYTES, policySpanFor, readCbom, unusedApprovals, type CbomReading } from '../engine/crypto/cbom';
import { isInside, readSource } from '../engine/parse/source';
import { LineIndex } from '../engine/parse/text';
import { algorithmDisallowed } from '../engine/rules/algorithm-disallowed';
import type { Analysis } from './analysis';
import { codeDescription } from './diagnostics';
import { toRange } from './positions';

/** A BOM as the editor compares it: its text's line index (for the components' ranges) and what was read. */
type ReadBom = { uri: string; lines: LineIndex; reading: CbomReading } | { error: string };

/** BOMs read, by file, kept while its size and mtime stay the same (a check stats it; a watched change clears all). */
const cache = new Map<string, { mtimeMs: number; size: number; bom: ReadBom }>();

/** The BOM changed on disk, or the configuration did: read it again at the next check. */
export function forgetBoms(): void {
  cache.clear();
}

/**
 * Reads the BOM a setting names, as untrusted workspace content: a regular file inside its root (the workspace
 * folder, or the folder of the configuration file; symbolic links resolved), within the size limit, valid CycloneDX
 * 1.6. Every problem is a message, never an exception.
 */
export function readWorkspaceBom(setting: CbomSetting): ReadBom {
  let file: string;
  try {
    file = realpathSync(setting.file);
    const root = realpathSync(setting.root);
    if (file === root || !isInside(root, file)) return { error: `it is outside ${setting.origin === 'setting' ? 'the workspace folder' : 'the folder of the configuration file'}; a BOM is read only from there` };
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'I/O error'})` };
  }
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    return { error: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'I/O error'})` };
  }
  const known = cache.get(file);
  if (known && known.mtimeMs === stats.mtimeMs && known.size === stats.size) return known.bom;
  let bom: ReadBom;
  try {
    const source = readSource(file, MAX_CBOM_BYTES, 'BOMs');
    if (source.kind === 'refused') bom = { error: source.message };
    else {
      const reading = readCbom(setting.path, source.text);
      bom = reading.errors.length > 0 ? { error: reading.errors.join('; ') } : { uri: pathToFileURL(file).href, lines: new LineIndex(source.text), reading };
    }
  } catch (error) {
    bom = { error: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'I/O error'})` };
  }
  cache.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, bom });
  return bom;
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;
const GUIDELINES = algorithmDisallowed.guidelines.map(formatGuidelineRef).join('; ');

/**
 * Policy against practice in the editor (`cekPolicy.cbom`, or `cbom:` in .cekpolicy.yaml): this policy compared with
 * the BOM's cryptographic assets. An issue about one of the policy's mentions is shown on it; an asset the policy says
 * nothing about is shown where the policy lists algorithms of the same use (else its `cryptography:` key, else its
 * first mention), the BOM's component as related information. Only policies that name algorithms are compared: a
 * key-management policy beside a cryptography standard has nothing to compare. A BOM that cannot be used is one
 * diagnostic at the top, saying why.
 */
export function cbomDiagnostics(analysis: Analysis): Diagnostic[] {
  const setting = analysis.loaded.config.cbom;
  const assessment = analysis.result.cryptography;
  if (!setting || !analysis.result.isPolicy || !assessment || assessment.mentions.length === 0) return [];
  const { lines } = analysis.result.document;
  const bom = readWorkspaceBom(setting);
  if ('error' in bom) {
    const where = setting.origin === 'setting' ? '`cekPolicy.cbom`' : '`cbom:` in the configuration file';
    return [{ range: toRange(lines, { start: 0, end: 0 }), severity: DiagnosticSeverity.Warning, source: 'cek-policy', code: 'cbom-unreadable', ...codeDescription('cbom'), message: `The BOM named by ${where} (${setting.path}) is not compared with this policy: ${bom.error}.` }];
  }
  const issues = [...assetIssues(bom.reading, [assessment], assessment.choice, analysis.today), ...unusedApprovals(bom.reading, assessment)];
  return issues.map((issue): Diagnostic => {
    const asset = issue.asset;
    return {
      range: toRange(lines, policySpanFor(issue, assessment) ?? { start: 0, end: 0 }),
      severity: SEVERITY[issue.severity],
      source: 'cek-policy',
      code: `cbom-${issue.kind}`,
      ...codeDescription('cbom'),
      message: `${issue.message} [${GUIDELINES}]`,
      ...(asset?.span ? { relatedInformation: [{ location: { uri: bom.uri, range: toRange(bom.lines, asset.span) }, message: `${asset.name}${asset.ref ? ` (bom-ref ${asset.ref})` : ''}: the component in ${setting.path}` }] } : {}),
    };
  });
}
