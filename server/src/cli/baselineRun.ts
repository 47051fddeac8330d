import { append } from '../engine/arrays';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { BASELINE_FILE_NAME, baselinedFindings, parseBaseline, renderBaseline, type Baseline, type BaselineRecord } from '../engine/baseline/baseline';
import { findConfigFile } from '../engine/config/workspace';
import { MAX_CONFIG_BYTES } from '../engine/parse/limits';
import { readSource } from '../engine/parse/source';
import type { FileOutcome } from './checkFile';
import { describeError } from './files';
import type { ShownFile } from './output';

/** The baseline of a `check` run: the one read (`--baseline`, or found beside the config) or the one being written. */
export class BaselineRun {
  private readonly records: BaselineRecord[] = [];
  private held = 0;

  private constructor(private readonly file: string, private readonly shownFile: string, private readonly baseline: Baseline | undefined, private readonly say: (line: string) => void) {}

  /**
   * `--baseline-write [FILE]`, `--baseline FILE`, else the baseline beside the configuration of the working directory
   * (`--config`'s folder, else the nearest `.cekpolicy.yaml`'s, else the working directory) when there is one.
   * 'failed' (after saying why) when a baseline named or found cannot be used.
   */
  static open(options: { baseline?: string; baselineWrite?: string | true }, io: { cwd: string }, configFile: string | undefined, say: (line: string) => void): BaselineRun | undefined | 'failed' {
    const folder = dirname(configFile ?? findConfigFile(io.cwd) ?? resolve(io.cwd, BASELINE_FILE_NAME));
    const fallback = resolve(folder, BASELINE_FILE_NAME);
    const shownOf = (file: string) => relative(io.cwd, file) || file;
    if (options.baselineWrite !== undefined) {
      const file = options.baselineWrite === true ? fallback : resolve(io.cwd, options.baselineWrite);
      return new BaselineRun(file, shownOf(file), undefined, say);
    }
    const file = options.baseline !== undefined ? resolve(io.cwd, options.baseline) : fallback;
    if (options.baseline === undefined && !existsSync(file)) return undefined;
    let text: string;
    try {
      const source = readSource(file, MAX_CONFIG_BYTES, 'baselines');
      if (source.kind === 'refused') {
        say(`cek-policy: cannot use the baseline ${shownOf(file)}: ${source.message}`);
        return 'failed';
      }
      text = source.text;
    } catch (error) {
      say(`cek-policy: cannot read the baseline ${shownOf(file)}: ${describeError(error)}`);
      return 'failed';
    }
    const parsed = parseBaseline(text);
    if ('error' in parsed) {
      say(`cek-policy: cannot use the baseline ${shownOf(file)}: ${parsed.error}; write it again with --baseline-write`);
      return 'failed';
    }
    return new BaselineRun(file, shownOf(file), parsed, say);
  }

  /**
   * The outcome with the findings the baseline holds marked (a copy: the cached outcome stays as checked). When
   * writing, every open finding is recorded and held.
   */
  apply(file: ShownFile, outcome: FileOutcome): FileOutcome {
    const path = this.keyOf(file);
    if (path === undefined || !outcome.isPolicy) return outcome;
    const open = outcome.findings.filter((finding) => !finding.suppression);
    const fingerprints = open.map((finding) => ({ rule: finding.rule, fingerprint: finding.textFingerprint ?? '' }));
    let held: boolean[];
    if (!this.baseline) {
      append(this.records, fingerprints.map((entry) => ({ path, ...entry })));
      held = open.map(() => true);
    } else {
      held = baselinedFindings(this.baseline, path, fingerprints);
    }
    const heldFindings = new Set(open.filter((_finding, index) => held[index]));
    this.held += heldFindings.size;
    if (heldFindings.size === 0) return outcome;
    return { ...outcome, findings: outcome.findings.map((finding) => (heldFindings.has(finding) ? { ...finding, baselined: true } : finding)) };
  }

  /** Writes the baseline (when recording) and says how many findings it holds; false when it could not be written. */
  finish(): boolean {
    const plural = (count: number) => `${count} finding${count === 1 ? '' : 's'}`;
    if (!this.baseline) {
      try {
        mkdirSync(dirname(this.file), { recursive: true });
        writeFileSync(this.file, renderBaseline(this.records));
      } catch (error) {
        this.say(`cek-policy: cannot write the baseline ${this.shownFile}: ${describeError(error)}`);
        return false;
      }
      this.say(`cek-policy: baseline: ${plural(this.records.length)} recorded in ${this.shownFile}; later runs report only new ones`);
    } else if (this.held > 0) {
      this.say(`cek-policy: baseline: ${plural(this.held)} held by ${this.shownFile} (not reported; --baseline-write records the current ones)`);
    }
    return true;
  }

  /** The file's path relative to the baseline's folder, `/`-separated; undefined for standard input without a name. */
  private keyOf(file: ShownFile): string | undefined {
    if (file.absolutePath === undefined) return undefined;
    const path = relative(dirname(this.file), file.absolutePath);
    return isAbsolute(path) ? undefined : path.split(sep).join('/');
  }
}
