import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigStore } from '../../server/src/features/analysis';
import { DiskPolicies, diskEntries, type DiskEntry } from '../../server/src/features/compliance';
import { edit, example } from '../helpers/ruleTester';

const policy = example('key-management-policy.yaml');
const withoutActor = edit(policy, 'actor: MP\n', '');

describe('a workspace scan reads files on disk in slices', () => {
  let root: string;
  const paths: string[] = [];
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'cek-disk-'));
    // Two folders, each with its own configuration: the actor comes from the nearest `.cekpolicy.yaml`.
    for (const [folder, actor] of [['csp', 'CSP'], ['ap', 'AP']]) {
      mkdirSync(join(root, folder, 'deep'), { recursive: true });
      writeFileSync(join(root, folder, '.cekpolicy.yaml'), `actor: ${actor}\ntoday: 2026-11-24\n`);
      for (const name of ['a.yaml', 'deep/b.yaml']) {
        writeFileSync(join(root, folder, name), withoutActor);
        paths.push(join(root, folder, name));
      }
      writeFileSync(join(root, folder, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n');
      paths.push(join(root, folder, 'compose.yaml'));
    }
    paths.push(join(root, 'missing.yaml'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('answers every file in order within a long slice: policies with their folder\'s configuration, undefined for the rest', () => {
    const entries = new DiskPolicies(new ConfigStore()).entries(paths, 60_000);
    assert.equal(entries.length, paths.length);
    const actors = entries.map((entry) => entry?.report.actor.codes.join(','));
    assert.deepEqual(actors, ['CSP', 'CSP', undefined, 'AP', 'AP', undefined, undefined]);
    assert.ok(entries[0]!.uri.endsWith('/csp/a.yaml'));
  });

  it('stops once its slice is spent, having answered at least one file, and goes on from there when asked again', () => {
    let clock = 0;
    const disk = new DiskPolicies(new ConfigStore());
    // Each reading of the clock advances it 10 ms: a 15 ms slice holds two files.
    const first = disk.entries(paths, 15, () => (clock += 10));
    assert.equal(first.length, 2);
    assert.equal(disk.entries(paths.slice(2), 0, () => (clock += 10)).length, 1, 'a spent slice still answers one file');
    const rest = diskEntries({ disk: async (asked) => disk.answer(asked, 0, () => (clock += 10)) }, paths);
    return rest.then((all) => assert.deepEqual(all.map((entry) => entry?.uri), new DiskPolicies(new ConfigStore()).entries(paths, 60_000).map((entry) => entry?.uri)));
  });

  it('sends the paths a chunk at a time and puts the answers together in order', async () => {
    const many = Array.from({ length: 700 }, (_, index) => `/nowhere/${index}.yaml`);
    const asked: number[] = [];
    const entries = await diskEntries({
      disk: async (chunk) => {
        asked.push(chunk.length);
        // The worker answers for the first third of what it is sent.
        return { entries: chunk.slice(0, Math.ceil(chunk.length / 3)).map((path) => ({ uri: path }) as unknown as DiskEntry), bytes: 0 };
      },
    }, many);
    assert.deepEqual(entries.map((entry) => entry?.uri), many);
    assert.ok(Math.max(...asked) <= 256, 'a chunk is at most 256 paths');
  });

  it('a worker that answers for no file is an error, not an endless loop', async () => {
    await assert.rejects(diskEntries({ disk: async () => ({ entries: [], bytes: 0 }) }, ['/nowhere/a.yaml']), /answered for no file/);
  });
});
