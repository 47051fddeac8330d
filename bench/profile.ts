/**
 * Top self-time functions of V8 CPU profiles (`node --cpu-prof`), mapped back to the TypeScript source
 * through the bundle's source map when there is one:
 *
 *   node out/bench/profile.js PROFILE.cpuprofile... [--top N] [--inclusive]
 *
 * --inclusive: time with callees (each function once per sample) instead of self time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT } from './servers';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  share: number;
}

const maps = new Map<string, SourceMap | undefined>();

function sourceMapFor(url: string): SourceMap | undefined {
  if (!maps.has(url)) {
    let map: SourceMap | undefined;
    try {
      const file = fileURLToPath(url);
      if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload);
    } catch {
      map = undefined;
    }
    maps.set(url, map);
  }
  return maps.get(url);
}

/** `file:line` of a frame, in the original source when a source map says where. */
function where(frame: CallFrame): string {
  if (!frame.url) return '';
  const found = frame.url.startsWith('file:') ? sourceMapFor(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber) : undefined;
  const entry = found as { originalSource?: string; originalLine: number } | undefined;
  if (entry?.originalSource) {
    // Sources are URLs or paths relative to the generated file, as tsc and esbuild write them.
    const url = new URL(entry.originalSource, frame.url);
    if (url.protocol !== 'file:') return `${entry.originalSource}:${entry.originalLine + 1}`;
    const source = fileURLToPath(url);
    return `${relative(ROOT, source.replace(/^.*node_modules/, 'node_modules'))}:${entry.originalLine + 1}`;
  }
  const file = frame.url.startsWith('file:') ? relative(ROOT, fileURLToPath(frame.url)) : frame.url;
  return `${file}:${frame.lineNumber + 1}`;
}

/** Self time per function (summed over its call sites), largest first. */
export function selfTimes(profile: CpuProfile): SelfTime[] {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const totals = new Map<string, SelfTime>();
  let all = 0;
  profile.samples.forEach((id, index) => {
    const frame = frames.get(id)!;
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    all += ms;
    const place = where(frame);
    const key = `${frame.functionName}@${place}`;
    const entry = totals.get(key) ?? { name: frame.functionName || '(anonymous)', where: place, ms: 0, share: 0 };
    entry.ms += ms;
    totals.set(key, entry);
  });
  return [...totals.values()].map((entry) => ({ ...entry, share: entry.ms / all })).sort((a, b) => b.ms - a.ms);
}

/**
 * Inclusive time per function: each sample counts once for every distinct function on its stack (a recursive
 * function once), so a phase (a parser, a rule, the whole check of a file) shows what it costs with its callees.
 */
export function inclusiveTimes(profile: CpuProfile): SelfTime[] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const keys = new Map<number, { key: string; name: string; where: string }>();
  const keyOf = (id: number) => {
    let entry = keys.get(id);
    if (!entry) {
      const frame = nodes.get(id)!.callFrame;
      const place = where(frame);
      entry = { key: `${frame.functionName}@${place}`, name: frame.functionName || '(anonymous)', where: place };
      keys.set(id, entry);
    }
    return entry;
  };
  const totals = new Map<string, SelfTime>();
  let all = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    all += ms;
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parents.get(node)) {
      const { key, name, where: place } = keyOf(node);
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = totals.get(key) ?? { name, where: place, ms: 0, share: 0 };
      entry.ms += ms;
      totals.set(key, entry);
    }
  });
  return [...totals.values()].map((entry) => ({ ...entry, share: entry.ms / all })).sort((a, b) => b.ms - a.ms);
}

function main(): void {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string' }, inclusive: { type: 'boolean' } } });
  const top = Number(values.top ?? 15);
  for (const file of positionals) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const times = values.inclusive ? inclusiveTimes(profile) : selfTimes(profile);
    const total = profile.timeDeltas.reduce((sum, delta) => sum + delta / 1000, 0);
    console.log(`${file}: ${total.toFixed(0)} ms sampled`);
    for (const entry of times.slice(0, top)) {
      console.log(`  ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.ms.toFixed(0).padStart(6)} ms  ${entry.name}  ${entry.where}`);
    }
  }
}

if (require.main === module) main();
