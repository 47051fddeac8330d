import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { systemToday } from '../clock';
import { formatGuidelineRef } from '../engine/config/catalog';
import type { LoadedConfig } from '../engine/config/workspace';
import { assessCryptography, type CryptoAssessment } from '../engine/crypto/assess';
import { assetIssues, CBOM_CONTROL, MAX_CBOM_BYTES, readCbom, unusedApprovals, type CbomIssue, type CbomReading } from '../engine/crypto/cbom';
import { parsePolicyDocument } from '../engine/parse/document';
import { MAX_POLICY_BYTES } from '../engine/parse/limits';
import { isInside, readSource } from '../engine/parse/source';
import { LineIndex } from '../engine/parse/text';
import { algorithmDisallowed } from '../engine/rules/algorithm-disallowed';
import { docsUrl } from '../engine/rules/rule';
import type { Finding } from '../engine/types';
import { regionOf, type CbomDetail, type FileFinding, type FileOutcome, type Region } from './checkFile';
import type { ShownFile } from './output';
import { lineFingerprint } from './sarif';

/** Where the findings of `check --cbom` are documented (one page for the five kinds). */
export const CBOM_DOCS = docsUrl('cbom') ?? 'docs/rules/cbom.md';

interface ComparedPolicy {
  assessment: CryptoAssessment;
  file: ShownFile;
  text: string;
  lines: LineIndex;
}

/**
 * `check --cbom FILE`: the BOM, read and validated before any policy is checked, compared with each checked policy as
 * it comes (its approvals nothing uses: findings on the policy's own lines) and, after the last, with all of them
 * together (the assets no policy approves, or that one prohibits or the profile disallows: findings on the BOM's
 * components). Every output format carries both, with their locations.
 */
export class CbomRun {
  private readonly policies: ComparedPolicy[] = [];
  private readonly lines: LineIndex;
  private today: string | undefined;

  private constructor(readonly file: ShownFile, private readonly text: string, readonly reading: CbomReading) {
    this.lines = new LineIndex(text);
  }

  /**
   * `null` when the BOM cannot be used (exit 2), each problem said on its own line. `root`: for a BOM named by a
   * configuration file (workspace content, not the command line), the folder it must stay inside.
   */
  static open(name: string, cwd: string, say: (line: string) => void, root?: string): CbomRun | null {
    const path = resolve(cwd, name);
    let source;
    try {
      if (root !== undefined) {
        const folder = realpathSync(root);
        const file = realpathSync(path);
        if (file === folder || !isInside(folder, file)) {
          say(`cek-policy: cbom: ${name}: outside the folder of the configuration file that names it; a BOM is read only from there`);
          return null;
        }
      }
      source = readSource(path, MAX_CBOM_BYTES, 'BOMs');
    } catch (error) {
      say(`cek-policy: --cbom ${name}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'I/O error'})`);
      return null;
    }
    if (source.kind === 'refused') {
      say(`cek-policy: --cbom ${name}: ${source.message}`);
      return null;
    }
    const reading = readCbom(name, source.text);
    for (const error of reading.errors) say(`cek-policy: --cbom ${error}`);
    return reading.errors.length > 0 ? null : new CbomRun({ path: name, absolutePath: path }, source.text, reading);
  }

  /** A checked policy: its approvals that no asset of the BOM uses, as findings on the policy's lines. */
  policy(file: ShownFile & { absolutePath: string }, loaded: LoadedConfig, today: string | undefined): FileFinding[] {
    // The policy was checked already, within the policy limit; read again here under the same limit.
    const source = readSource(file.absolutePath, MAX_POLICY_BYTES, 'policies');
    if (source.kind === 'refused') return [];
    const day = loaded.config.today ?? today ?? systemToday();
    this.today ??= day;
    const document = parsePolicyDocument(source.text, file.absolutePath);
    const compared: ComparedPolicy = { assessment: assessCryptography(document, loaded.config, day), file, text: document.text, lines: document.lines };
    this.policies.push(compared);
    const occurrences = new Map<string, number>();
    return unusedApprovals(this.reading, compared.assessment).map((issue) => this.finding(issue, compared.text, compared.lines, issue.mention!.span, occurrences, { kind: issue.kind, bom: this.file.path }));
  }

  /** How many policies were compared (none: the BOM is not judged). */
  get compared(): number {
    return this.policies.length;
  }

  /** The profile the assets are judged against: the first policy's. */
  get profile(): string | undefined {
    return this.policies[0]?.assessment.profile;
  }

  /** After the last policy: the BOM as a file of the output, its findings on its components. Undefined when no policy was checked. */
  finish(): { file: ShownFile; outcome: FileOutcome } | undefined {
    if (this.policies.length === 0) return undefined;
    const assessments = this.policies.map((policy) => policy.assessment);
    const issues = assetIssues(this.reading, assessments, assessments[0].choice, this.today ?? systemToday());
    const occurrences = new Map<string, number>();
    const findings = issues.map((issue) => {
      const asset = issue.asset!;
      const policy = issue.policy !== undefined ? this.policies[issue.policy] : undefined;
      const mentionRegion = policy && issue.mention ? regionOf(policy.lines, issue.mention.span) : undefined;
      const detail: CbomDetail = {
        kind: issue.kind,
        bom: this.file.path,
        component: asset.pointer,
        ...(asset.ref ? { bomRef: asset.ref } : {}),
        ...(policy && mentionRegion ? { policy: { filePath: policy.file.absolutePath ?? policy.file.path, line: mentionRegion.startLine, column: mentionRegion.startColumn, endLine: mentionRegion.endLine, endColumn: mentionRegion.endColumn } } : {}),
      };
      const finding = this.finding(issue, this.text, this.lines, asset.span ?? { start: 0, end: 0 }, occurrences, detail);
      if (!policy || !mentionRegion || !issue.mention) return finding;
      const what = issue.mention.stance === 'prohibited' ? 'Prohibited' : issue.mention.stance === 'legacy' ? 'Kept for legacy use' : 'Approved';
      return {
        ...finding,
        message: `${finding.message} ${what} at ${policy.file.path}:${mentionRegion.startLine}:${mentionRegion.startColumn}.`,
        related: [{ region: mentionRegion, message: `${what} by the policy here`, file: policy.file }],
      };
    });
    return { file: this.file, outcome: { isPolicy: true, cbom: true, findings: findings.sort((a, b) => a.region.charOffset - b.region.charOffset) } };
  }

  private finding(issue: CbomIssue, text: string, lines: LineIndex, span: { start: number; end: number }, occurrences: Map<string, number>, detail: CbomDetail): FileFinding {
    const rule = `cbom-${issue.kind}`;
    const region: Region = regionOf(lines, span);
    return {
      rule,
      control: CBOM_CONTROL,
      guidelines: algorithmDisallowed.guidelines.map(formatGuidelineRef),
      severity: issue.severity,
      message: issue.message,
      region,
      fingerprint: lineFingerprint(text, lines, { rule, span } as Finding, occurrences),
      docs: CBOM_DOCS,
      cbom: detail,
    };
  }
}
