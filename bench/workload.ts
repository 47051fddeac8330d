/**
 * The benchmark's workloads, one at a time, for profiling (`node --cpu-prof`) what a failing figure
 * measures. Then `node out/bench/profile.js *.cpuprofile` lists the top self-time functions.
 *
 *   node --cpu-prof --cpu-prof-dir=prof out/bench/workload.js yaml 40000 [runs]   full check, in process
 *   node --cpu-prof --cpu-prof-dir=prof out/bench/workload.js markdown [runs]     5k-line Markdown check
 *   node out/bench/workload.js server prof [edits]    our server under --cpu-prof: opens, edits, requests
 *   node out/bench/workload.js corpus DIR 10000       writes the CLI corpus (profile the CLI on it)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkText } from '../server/src/engine/engine';
import { writeCorpus } from './cliFigures';
import { markdownPolicy, yamlPolicy } from './generate';
import { BenchClient } from './lsp';
import { GC_PRELOAD, ourServer, TODAY } from './servers';

async function server(profileDirectory: string, edits: number): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'cek-bench-profile-'));
  writeFileSync(join(directory, '.cekpolicy.yaml'), `today: ${TODAY}\n`);
  const client = new BenchClient({ ...ourServer(), nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDirectory)}`] }, GC_PRELOAD, directory);
  await client.initialize();
  for (let index = 0; index < 20; index++) await client.open(client.uri(`small-${index}.yaml`), yamlPolicy(100, index + 1));
  const uri = client.uri('large.yaml');
  await client.open(uri, yamlPolicy(5000, 5000));
  for (let version = 2; version < edits + 2; version++) {
    const at = { line: 3, character: 7 };
    const change = version % 2 === 0 ? client.edit(uri, version, at, at, 'X') : client.edit(uri, version, at, { line: 3, character: 8 }, '');
    await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 40 + version, character: 10 } });
    await change;
  }
  for (let index = 0; index < 500; index++) {
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: (index * 37) % 5000, character: index % 30 } });
  }
  await client.stop();
}

async function main(): Promise<void> {
  const [kind, first, second] = process.argv.slice(2);
  if (kind === 'yaml') {
    const text = yamlPolicy(Number(first ?? 40000), Number(first ?? 40000));
    for (let run = 0; run < Number(second ?? 5); run++) checkText(text, 'policy.yaml', { today: TODAY });
  } else if (kind === 'markdown') {
    const text = markdownPolicy(5000, 400, 5);
    for (let run = 0; run < Number(first ?? 5); run++) checkText(text, 'policy.md', { today: TODAY });
  } else if (kind === 'server') {
    await server(first ?? 'prof', Number(second ?? 20));
  } else if (kind === 'corpus') {
    writeCorpus(Number(second ?? 1000), first);
  } else {
    throw new Error('workload: yaml SIZE [runs] | markdown [runs] | server PROFILE_DIR [edits] | corpus DIR COUNT');
  }
}

void main();
