/**
 * In-process figures: our full check against the raw parse a user's tool would do anyway, on the same
 * document, alternating A/B with a full GC before every timed run (bench runs under --expose-gc).
 */
import { parseDocument } from 'yaml';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { checkText } from '../server/src/engine/engine';
import { parsePolicyDocument } from '../server/src/engine/parse/document';
import { extract } from '../server/src/engine/crypto/extract';
import { markdownPolicy, yamlPolicy } from './generate';
import type { Figure } from './report';
import { TODAY } from './servers';
import { alternate, pairSamples, timeSync, type Paired } from './stats';

export interface EngineRounds {
  /** Rounds per YAML size, e.g. { 1000: 40, 5000: 20 }. */
  yaml: Record<number, number>;
  scaling: number;
  markdown: number;
}

const RAW_BUDGET_SIZES = [1000, 5000, 20000];

function check(text: string, fileName: string): void {
  const result = checkText(text, fileName, { today: TODAY });
  if (!result.isPolicy || result.document.parseErrors.length > 0) throw new Error(`bench input ${fileName} is not a clean policy`);
}

/** The anchor: what any YAML tool pays to read the document into values. */
function rawYaml(text: string): void {
  const document = parseDocument(text);
  if (document.errors.length > 0) throw new Error('bench YAML input does not parse');
  document.toJS();
}

/** The anchor: a plain mdast parse with front matter and GFM tables, of the same document. */
function rawMarkdown(text: string): void {
  fromMarkdown(text, { extensions: [frontmatter(), gfmTable()], mdastExtensions: [frontmatterFromMarkdown(), gfmTableFromMarkdown()] });
}

interface Timed extends Paired {
  /** The same runs in process CPU time. */
  cpu: Paired;
}

/**
 * A timed side of a round lasts at least this long: the runs of a short check (about 40 ms at 1k lines) are timed in
 * a batch, so one scavenge falling on one side moves the round's ratio by a few percent, not by 2x.
 */
const MIN_SIDE_MS = 200;

async function pair(rounds: number, a: () => void, b: () => void): Promise<Timed> {
  const cpu = { a: [] as number[], b: [] as number[] };
  const shortest = Math.min(timeSync(a).wall, timeSync(b).wall, timeSync(a).wall, timeSync(b).wall);
  const batch = Math.max(1, Math.min(50, Math.ceil(MIN_SIDE_MS / Math.max(shortest, 0.01))));
  // Both sides run `batch` times per round; the figures are per run.
  const timed = (action: () => void, into: number[]) => () => {
    const time = timeSync(() => {
      for (let run = 0; run < batch; run++) action();
    });
    into.push(time.cpu / batch);
    return time.wall / batch;
  };
  const wall = await alternate(rounds, Math.min(3, rounds), timed(a, cpu.a), timed(b, cpu.b), 2000);
  // The warm-up rounds pushed CPU times too: the counted ones are the last `rounds`.
  return { ...wall, cpu: pairSamples(cpu.a.slice(-rounds), cpu.b.slice(-rounds)) };
}

function samples(paired: Timed, a: string, b: string): Figure['samples'] {
  return { [a]: paired.a, [b]: paired.b, ratio: paired.ratio, cpuRatio: paired.cpu.ratio };
}

/** The ratio in process CPU time: when other work shares the machine, it moves less than wall time. */
function cpuNote(paired: Timed): string {
  return `CPU-time ratio ${paired.cpu.ratio.median.toFixed(2)}`;
}

export async function engineFigures(rounds: EngineRounds, log: (text: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const texts = new Map<number, string>();
  for (const [size, count] of Object.entries(rounds.yaml).map(([size, count]) => [Number(size), count])) {
    const text = yamlPolicy(size, size);
    texts.set(size, text);
    const paired = await pair(count, () => check(text, 'policy.yaml'), () => rawYaml(text));
    log(`  check ÷ raw yaml, ${size} lines: ${paired.a.median.toFixed(1)} ms ÷ ${paired.b.median.toFixed(1)} ms (${cpuNote(paired)})`);
    figures.push({
      id: `yaml-check-vs-raw-${size}`,
      label: `full check ÷ raw yaml parse + toJS, ${size / 1000}k lines`,
      unit: 'ms', ours: paired.a.median, anchor: paired.b.median, anchorName: 'yaml', ratio: paired.ratio.median,
      budget: RAW_BUDGET_SIZES.includes(size) ? { on: 'ratio', max: 1.5 } : undefined,
      note: cpuNote(paired), samples: samples(paired, 'check', 'rawYaml'),
    });
  }

  const large = texts.get(40000) ?? yamlPolicy(40000, 40000);
  const medium = texts.get(10000) ?? yamlPolicy(10000, 10000);
  const scaling = await pair(rounds.scaling, () => check(large, 'large.yaml'), () => check(medium, 'medium.yaml'));
  const rawScaling = await pair(rounds.scaling, () => rawYaml(large), () => rawYaml(medium));
  log(`  check 40k ÷ 10k: ${scaling.ratio.median.toFixed(2)} (${cpuNote(scaling)}); raw yaml ${rawScaling.ratio.median.toFixed(2)}`);
  figures.push({
    id: 'scaling-40k-vs-10k',
    label: 'check 40k lines ÷ check 10k lines',
    unit: '×', ours: scaling.ratio.median, anchor: rawScaling.ratio.median, anchorName: 'yaml', ratio: scaling.ratio.median,
    budget: { on: 'ratio', max: 5 },
    note: cpuNote(scaling), samples: { ...samples(scaling, 'check40k', 'check10k'), rawRatio: rawScaling.ratio },
  });

  const markdown = markdownPolicy(5000, 400, 5);
  const yaml = texts.get(5000) ?? yamlPolicy(5000, 5000);
  const versusYaml = await pair(rounds.markdown, () => check(markdown, 'policy.md'), () => check(yaml, 'policy.yaml'));
  const versusMdast = await pair(rounds.markdown, () => check(markdown, 'policy.md'), () => rawMarkdown(markdown));
  log(`  Markdown 5k check ${versusYaml.a.median.toFixed(1)} ms ÷ YAML 5k check ${versusYaml.b.median.toFixed(1)} ms (${cpuNote(versusYaml)})`);
  log(`  Markdown 5k check ${versusMdast.a.median.toFixed(1)} ms ÷ mdast parse ${versusMdast.b.median.toFixed(1)} ms (${cpuNote(versusMdast)})`);
  figures.push({
    id: 'markdown-vs-yaml-5k',
    label: '5k-line Markdown check ÷ 5k-line YAML check',
    unit: 'ms', ours: versusYaml.a.median, anchor: versusYaml.b.median, anchorName: 'our YAML check', ratio: versusYaml.ratio.median,
    budget: { on: 'ratio', max: 2 },
    note: cpuNote(versusYaml), samples: samples(versusYaml, 'markdownCheck', 'yamlCheck'),
  }, {
    id: 'markdown-vs-mdast-5k',
    label: '5k-line Markdown check ÷ mdast parse (GFM tables)',
    unit: 'ms', ours: versusMdast.a.median, anchor: versusMdast.b.median, anchorName: 'mdast', ratio: versusMdast.ratio.median,
    note: cpuNote(versusMdast), samples: samples(versusMdast, 'markdownCheck', 'mdastParse'),
  });
  // Algorithm extraction (every mention, its stance, cryptoperiods) against the whole check it is part of, on a
  // document parsed once: what reading the cryptography costs a 5,000-line policy, in either format.
  for (const [format, text, fileName] of [['Markdown', markdown, 'policy.md'], ['YAML', yaml, 'policy.yaml']] as const) {
    const parsed = parsePolicyDocument(text, fileName);
    const share = await pair(rounds.markdown, () => extract(parsed), () => check(text, fileName));
    log(`  extraction ${share.a.median.toFixed(1)} ms ÷ ${format} 5k check ${share.b.median.toFixed(1)} ms (${cpuNote(share)})`);
    figures.push({
      id: `extraction-share-${format.toLowerCase()}-5k`,
      label: `algorithm extraction ÷ full check, 5k-line ${format}`,
      unit: 'ms', ours: share.a.median, anchor: share.b.median, anchorName: 'our full check', ratio: share.ratio.median,
      budget: { on: 'ratio', max: 0.15, strict: true },
      note: cpuNote(share), samples: samples(share, 'extraction', 'check'),
    });
  }
  return figures;
}
