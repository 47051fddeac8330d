/**
 * Editor figures: LSP round trips over stdio against the real servers, ours (dist/server.js) and
 * yaml-language-server with our schema associated, driven alternately by the same client.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Position } from 'vscode-languageserver-protocol';
import { random, yamlPolicy } from './generate';
import { BenchClient, type ServerCommand } from './lsp';
import type { Figure } from './report';
import { GC_PRELOAD, ourServer, TODAY, yamlLanguageServer } from './servers';
import { alternate, summarizeRuns, type RunsSummary, type Summary } from './stats';

export interface LspRounds {
  open: number;
  change: number;
  /** Requests of each kind sent to our server; the anchor gets every `anchorEvery`-th position. */
  requests: number;
  anchorEvery: number;
  typing: number;
  /** Requests (hover and completion in turn) to a small document while a 5k-line one is typed in. */
  busy: number;
  /** Runs of each request figure (`requests`, `busy`): its p99 is the median of the runs' p99s. */
  requestRuns: number;
  /** Documents opened for the memory figure. */
  memoryDocuments: number;
}

/** Groups of figures, for `--lsp` (all by default). */
export const LSP_GROUPS = ['open', 'change', 'requests', 'typing', 'busy', 'memory'] as const;
export type LspGroup = (typeof LSP_GROUPS)[number];

/**
 * Typing in the 5k-line policy beside the requests: a keystroke every 50 ms (steady typing: faster than the policy
 * checks, so the server waits for a pause in typing, and gives up a check a keystroke overtakes), or every 150 ms
 * (each keystroke's version is checked to the end: the worker checks about half of the time).
 */
const KEYSTROKE_MS = { typing: 50, checked: 150 } as const;
/** The longest wait before the next request to the small policy (see requestsWhileBusy). */
const REQUEST_PAUSE_MS = 5;

function workspace(): string {
  const directory = mkdtempSync(join(tmpdir(), 'cek-bench-lsp-'));
  writeFileSync(join(directory, '.cekpolicy.yaml'), `today: ${TODAY}\n`);
  return directory;
}

async function start(server: ServerCommand, directory: string): Promise<BenchClient> {
  const client = new BenchClient(server, GC_PRELOAD, directory);
  await client.initialize();
  return client;
}

async function both<T>(action: (client: BenchClient) => Promise<T>): Promise<{ ours: T; anchor: T }> {
  const directory = workspace();
  const ours = await start(ourServer(), directory);
  const anchor = await start(yamlLanguageServer(), directory);
  try {
    return { ours: await action(ours), anchor: await action(anchor) };
  } finally {
    await ours.stop();
    await anchor.stop();
  }
}

/** The measurements are worthless if a server does not check: both must report a planted problem. */
async function assertBothCheck(ours: BenchClient, anchor: BenchClient): Promise<void> {
  const broken = yamlPolicy(100, 99).replace('version: "1.3"', 'version: [1, 3]').replace('2026-05-04', '2026-13-45');
  for (const client of [ours, anchor]) {
    const { published } = await client.open(client.uri('planted-problem.yaml'), broken);
    if (published.params.diagnostics.length === 0) throw new Error(`${client.server.name} reported nothing on a policy with planted problems: is it validating?`);
    await client.close(client.uri('planted-problem.yaml'));
  }
}

/** Spread over the whole document: random lines, random columns within each line (keys, values, ids, comments). */
function positions(text: string, count: number, seed: number): Position[] {
  const lines = text.split('\n');
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const line = Math.floor(next() * (lines.length - 1));
    return { line, character: Math.floor(next() * (lines[line].length + 1)) };
  });
}

/** A 1-char edit inside the title value, typed then deleted, so the document's structure stays the same. */
function typeOneCharacter(client: BenchClient, uri: string, version: number) {
  const [start, end, text] = oneCharacter(version);
  return client.edit(uri, version, start, end, text);
}

function oneCharacter(version: number): [Position, Position, string] {
  const at = { line: 3, character: 'title: '.length };
  return version % 2 === 0 ? [at, at, 'X'] : [at, { line: 3, character: at.character + 1 }, ''];
}

/**
 * Hover and completion in turn on a small policy while a 5k-line policy is typed in, a keystroke every `keystrokeMs`
 * (see KEYSTROKE_MS). The work for one document must not hold up requests about another. A request waits
 * 0-5 ms after the previous answer, so that requests land anywhere in the cycle of keystrokes and checks: sent one
 * right after the other, a request held up by a check would hold up the next one from being sent, and a server
 * blocked 70% of the time would still show a fine p99 (coordinated omission). The wait costs little: on the 2-core
 * machine of bench/ANALYSIS.md, the same requests with nothing being checked have a p99 of 2.5-3.5 ms.
 */
async function requestsWhileBusy(client: BenchClient, busy: string, nextVersion: () => number, count: number, keystrokeMs: number, run: number): Promise<{ hover: number[]; completion: number[] }> {
  const text = yamlPolicy(100, 77);
  const uri = client.uri('small-beside-busy.yaml');
  await client.open(uri, text);
  const spots = positions(text, count, 14 + 100 * run);
  let typing = true;
  const typist = (async () => {
    while (typing) {
      const version = nextVersion();
      await client.change(busy, version, ...oneCharacter(version));
      await delay(keystrokeMs);
    }
  })();
  // The first check is under way before the first request.
  await delay(2 * keystrokeMs);
  const times = { hover: [] as number[], completion: [] as number[] };
  const pause = random(15 + 100 * run);
  for (const [index, position] of spots.entries()) {
    const method = index % 2 === 0 ? 'hover' : 'completion';
    times[method].push((await client.request(`textDocument/${method}`, { textDocument: { uri }, position })).ms);
    await delay(pause() * REQUEST_PAUSE_MS);
  }
  typing = false;
  await typist;
  // The last keystroke's diagnostics, so that the next figure starts on a quiet server.
  const version = nextVersion();
  await client.edit(busy, version, ...oneCharacter(version));
  await client.close(uri);
  return times;
}

/**
 * What a round trip costs before any server work: a request no server handles (answered by the JSON-RPC layer with
 * MethodNotFound), to each server in turn. It is the floor under the hover and completion figures on this machine:
 * the client, the pipes and the scheduling of three processes on the cores (bench/ANALYSIS.md section 12).
 */
async function roundTripFloor(ours: BenchClient, anchor: BenchClient, count: number): Promise<{ ours: number[]; anchor: number[] }> {
  const times = { ours: [] as number[], anchor: [] as number[] };
  const ask = async (client: BenchClient, into: number[]) => {
    const start = performance.now();
    await client.connection.sendRequest('cekBench/unhandled', {}).catch(() => undefined);
    into.push(performance.now() - start);
  };
  for (let index = 0; index < count; index++) {
    if (index % 2 === 0) {
      await ask(ours, times.ours);
      await ask(anchor, times.anchor);
    } else {
      await ask(anchor, times.anchor);
      await ask(ours, times.ours);
    }
  }
  return times;
}

export async function lspFigures(rounds: LspRounds, log: (text: string) => void, groups: readonly LspGroup[] = LSP_GROUPS): Promise<Figure[]> {
  const directory = workspace();
  const ours = await start(ourServer(), directory);
  const anchor = await start(yamlLanguageServer(), directory);
  const figures: Figure[] = [];
  try {
    await assertBothCheck(ours, anchor);

    let opened = 0;
    const openSmall = async (client: BenchClient) => {
      const uri = client.uri(`small-${opened++}.yaml`);
      const { ms } = await client.open(uri, yamlPolicy(100, opened));
      await client.close(uri);
      return ms;
    };
    if (groups.includes('open')) {
      const open = await alternate(rounds.open, 3, () => openSmall(ours), () => openSmall(anchor), 2000);
      log(`  didOpen → diagnostics: ${open.a.median.toFixed(1)} ms vs ${open.b.median.toFixed(1)} ms`);
      figures.push({
        id: 'lsp-open-small', label: 'didOpen → diagnostics, 100-line policy', unit: 'ms',
        ours: open.a.median, anchor: open.b.median, anchorName: 'yaml-language-server', ratio: open.ratio.median,
        budget: { on: 'ratio', max: 0.25 }, samples: { ours: open.a, anchor: open.b, ratio: open.ratio },
      });
    }

    const large = yamlPolicy(5000, 5000);
    const largeLines = large.split('\n');
    const uri = (client: BenchClient) => client.uri('large.yaml');
    await ours.open(uri(ours), large);
    await anchor.open(uri(anchor), large);
    const versions = new Map<BenchClient, number>([[ours, 1], [anchor, 1]]);
    const nextVersion = (client: BenchClient) => {
      versions.set(client, versions.get(client)! + 1);
      return versions.get(client)!;
    };
    const typed = async (client: BenchClient) => (await typeOneCharacter(client, uri(client), nextVersion(client))).ms;
    if (groups.includes('change')) {
      const change = await alternate(rounds.change, 2, () => typed(ours), () => typed(anchor), 2000);
      log(`  1-char didChange → diagnostics, 5k lines: ${change.a.median.toFixed(1)} ms vs ${change.b.median.toFixed(1)} ms`);
      figures.push({
        id: 'lsp-change-5k', label: '1-char didChange → diagnostics, 5k-line YAML', unit: 'ms',
        ours: change.a.median, anchor: change.b.median, anchorName: 'yaml-language-server', ratio: change.ratio.median,
        budget: { on: 'ratio', max: 0.6 }, samples: { ours: change.a, anchor: change.b, ratio: change.ratio },
      });
    }

    if (groups.includes('requests')) {
      const floor = await repeatRuns(rounds.requestRuns, () => roundTripFloor(ours, anchor, rounds.requests));
      figures.push(requestFigure('lsp-floor', 'round trip of a request no server handles (client, pipes, scheduling), p99', floor.ours, floor.anchor));
      log(`  unhandled request (the floor): p50 ${floor.ours.p50.toFixed(2)} ms, p99 ${floor.ours.p99.toFixed(2)} ms (anchor p99 ${floor.anchor.p99.toFixed(2)} ms)`);
    }
    for (const method of groups.includes('requests') ? ['hover', 'completion'] as const : []) {
      const slowest: { ms: number; line: number; character: number; text: string }[] = [];
      // Each run asks at positions of its own.
      const { ours: oursSummary, anchor: anchorSummary } = await repeatRuns(rounds.requestRuns, async (run) => {
        const times = { ours: [] as number[], anchor: [] as number[] };
        const spots = positions(large, rounds.requests, (method === 'hover' ? 11 : 12) + 100 * run);
        for (const [index, position] of spots.entries()) {
          const ask = async (client: BenchClient, into: number[]) => {
            into.push((await client.request(`textDocument/${method}`, { textDocument: { uri: uri(client) }, position })).ms);
          };
          const withAnchor = index % rounds.anchorEvery === 0;
          if (index % 2 === 0) {
            await ask(ours, times.ours);
            if (withAnchor) await ask(anchor, times.anchor);
          } else {
            if (withAnchor) await ask(anchor, times.anchor);
            await ask(ours, times.ours);
          }
        }
        slowest.push(...times.ours.map((ms, index) => ({ ms: Number(ms.toFixed(2)), ...spots[index], text: largeLines[spots[index].line].trim().slice(0, 60) })));
        return times;
      });
      figures.push(requestFigure(`lsp-${method}`, `${method} over LSP, 5k-line YAML, p99`, oursSummary, anchorSummary, 5));
      // Where the tail is: the slowest requests to our server, with the line they asked about.
      figures.at(-1)!.samples.slowest = slowest.sort((a, b) => b.ms - a.ms).slice(0, 8);
      log(`  ${method}: p50 ${oursSummary.p50.toFixed(2)} ms, p99 ${oursSummary.p99.toFixed(2)} ms (anchor p99 ${anchorSummary.p99.toFixed(1)} ms)`);
    }

    // Completion typed right after an edit, before the new diagnostics: the request may not wait for a full re-check.
    const typingSpots = positions(large, rounds.typing + 1, 13);
    const completionWhileTyping = async (client: BenchClient) => {
      const version = nextVersion(client);
      const diagnostics = typeOneCharacter(client, uri(client), version);
      const position = typingSpots[version % typingSpots.length];
      const { ms } = await client.request('textDocument/completion', { textDocument: { uri: uri(client) }, position });
      await diagnostics;
      return ms;
    };
    if (groups.includes('typing')) {
      const typing = await alternate(rounds.typing, 1, () => completionWhileTyping(ours), () => completionWhileTyping(anchor));
      figures.push(requestFigure('lsp-completion-typing', 'completion right after a 1-char edit, 5k-line YAML, p99', typing.a, typing.b, 50, false));
      log(`  completion while typing: p99 ${typing.a.p99.toFixed(1)} ms vs ${typing.b.p99.toFixed(1)} ms`);
    }

    for (const pace of groups.includes('busy') ? ['typing', 'checked'] as const : []) {
      const keystrokeMs = KEYSTROKE_MS[pace];
      const busy = (client: BenchClient, run: number) => requestsWhileBusy(client, uri(client), () => nextVersion(client), rounds.busy, keystrokeMs, run);
      const runs: { ours: Record<'hover' | 'completion', number[]>; anchor: Record<'hover' | 'completion', number[]> }[] = [];
      for (let run = 0; run < rounds.requestRuns; run++) {
        // Which server goes first alternates from run to run.
        const first = await busy(run % 2 === 0 ? ours : anchor, run);
        const second = await busy(run % 2 === 0 ? anchor : ours, run);
        runs.push(run % 2 === 0 ? { ours: first, anchor: second } : { ours: second, anchor: first });
      }
      for (const method of ['hover', 'completion'] as const) {
        const [oursSummary, anchorSummary] = [summarizeRuns(runs.map((run) => run.ours[method])), summarizeRuns(runs.map((run) => run.anchor[method]))];
        const [id, label] = pace === 'typing'
          ? [`lsp-${method}-beside-busy`, `${method} on a small policy while a 5k-line one is typed in, p99`]
          : [`lsp-${method}-beside-checked`, `${method} on a small policy while a 5k-line one is edited every ${keystrokeMs} ms and checked, p99`];
        figures.push(requestFigure(id, label, oursSummary, anchorSummary, 5));
        log(`  ${method} beside a busy document (a keystroke every ${keystrokeMs} ms): p50 ${oursSummary.p50.toFixed(2)} ms, p99 ${oursSummary.p99.toFixed(2)} ms (anchor p99 ${anchorSummary.p99.toFixed(1)} ms)`);
      }
    }
  } finally {
    await ours.stop();
    await anchor.stop();
  }

  if (!groups.includes('memory')) return figures;
  const memory = await both((client) => memoryPerDocument(client, rounds.memoryDocuments));
  log(`  RSS per open 1k-line policy: ${memory.ours.rss.toFixed(2)} MB vs ${memory.anchor.rss.toFixed(2)} MB`);
  figures.push({
    id: 'lsp-memory-1k', label: 'server RSS per open 1k-line policy', unit: 'MB',
    ours: memory.ours.rss, anchor: memory.anchor.rss, anchorName: 'yaml-language-server', ratio: memory.ours.rss / memory.anchor.rss,
    budget: { on: 'ours', max: 1 }, note: `heap ${memory.ours.heap.toFixed(2)} MB`,
    samples: { documents: rounds.memoryDocuments, oursHeapMB: memory.ours.heap, anchorHeapMB: memory.anchor.heap },
  });
  return figures;
}

/** `runs` runs of a request figure, each giving both servers' latencies: their summaries (see summarizeRuns). */
async function repeatRuns(runs: number, measure: (run: number) => Promise<{ ours: number[]; anchor: number[] }>): Promise<{ ours: RunsSummary; anchor: RunsSummary }> {
  const results: { ours: number[]; anchor: number[] }[] = [];
  for (let run = 0; run < runs; run++) results.push(await measure(run));
  return { ours: summarizeRuns(results.map((result) => result.ours)), anchor: summarizeRuns(results.map((result) => result.anchor)) };
}

/** A p99 figure; without `budgetMs`, a figure to read the others by. */
function requestFigure(id: string, label: string, ours: Summary | RunsSummary, anchor: Summary, budgetMs?: number, strict = true): Figure {
  return {
    id, label, unit: 'ms', ours: ours.p99, anchor: anchor.p99, anchorName: 'yaml-language-server', ratio: ours.p99 / anchor.p99,
    ...(budgetMs === undefined ? {} : { budget: { on: 'ours' as const, max: budgetMs, strict } }),
    note: 'p99s' in ours && ours.p99s.length > 1 ? `p50 ${ours.p50.toFixed(2)}; runs' p99 ${ours.p99s.map((p99) => p99.toFixed(1)).join(' / ')}` : `p50 ${ours.p50.toFixed(2)}`,
    samples: { ours, anchor },
  };
}

/**
 * RSS and heap growth (MB, after a full GC on both sides) per distinct 1k-line policy held open: the slope between
 * `2 × count` and `4 × count` open policies. What a server grows once as it starts working (young generation,
 * old-space headroom, optimised code) is not a cost of each document: measured for ours at 0, 40, 80, 120 and 160
 * open policies, RSS grew 59, 44, 21 and 23 MB per step of 40 while the live heap grew 21, 20, 20 and 20 MB
 * (bench/ANALYSIS.md), so a slope taken from the first documents measured the warm-up, divided by the batch size.
 */
async function memoryPerDocument(client: BenchClient, count: number): Promise<{ rss: number; heap: number }> {
  const open = async (index: number) => client.open(client.uri(`open-${index}.yaml`), yamlPolicy(1000, index + 2, `doc${index}`));
  for (let index = 0; index < 2 * count; index++) await open(index);
  const before = await client.memoryAfterGc();
  for (let index = 2 * count; index < 4 * count; index++) await open(index);
  const after = await client.memoryAfterGc();
  const mb = 2 ** 20;
  const measured = 2 * count;
  return { rss: (after.rss - before.rss) / measured / mb, heap: (after.heapUsed + after.external - before.heapUsed - before.external) / measured / mb };
}
