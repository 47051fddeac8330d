import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { entryAt as treeEntryAt } from '../../server/src/engine/model/schemaInfo';
import { parsePolicyDocument } from '../../server/src/engine/parse/document';
import { valueOf, type PMap, type PNode } from '../../server/src/engine/parse/yamlModel';
import { entryAt, keyOutline, keysAt, rootEntries, rootEntry } from '../../server/src/features/outline';
import { fuzzDocument } from '../fuzz/properties';

/** Every key path from the root through maps only (the paths completion asks about), and a few that lead nowhere. */
function keyPaths(root: PMap): string[][] {
  const paths: string[][] = [[], ['nowhere'], ['roles', 'id']];
  const walk = (node: PNode, path: string[]) => {
    if (node.kind !== 'map' || path.length > 8) return;
    for (const entry of node.entries) {
      paths.push([...path, entry.key]);
      walk(entry.value, [...path, entry.key]);
    }
  };
  walk(root, []);
  return paths;
}

/** The outline answers every question the features ask exactly as the value tree does. */
function assertSameAnswers(text: string, root: PMap): void {
  const outline = keyOutline(root);
  for (let offset = 0; offset <= text.length; offset++) {
    const fromTree = treeEntryAt(root, offset);
    const fromOutline = entryAt(outline, offset);
    assert.deepEqual(fromOutline && { path: fromOutline.path, keySpan: fromOutline.entry.keySpan, value: fromOutline.entry.value, kind: fromOutline.entry.kind },
      fromTree && { path: fromTree.path, keySpan: fromTree.entry.keySpan, value: fromTree.entry.value.span, kind: fromTree.entry.value.kind }, `entry at ${offset}`);
  }
  for (const path of keyPaths(root)) {
    const node = path.reduce<PNode | undefined>((parent, key) => valueOf(parent, key), root);
    assert.deepEqual(keysAt(outline, path), node?.kind === 'map' ? node.entries.map((entry) => entry.key) : [], `keys at ${path.join('.')}`);
  }
  assert.deepEqual(rootEntries(outline), root.entries.map((entry) => ({
    key: entry.key, keySpan: entry.keySpan, value: entry.value.span, kind: entry.value.kind,
    ...(entry.value.kind === 'scalar' && entry.value.value !== null ? { text: String(entry.value.value) } : {}),
  })));
  for (const key of ['actor', 'title', 'kind']) assert.deepEqual(rootEntry(outline, key)?.keySpan, root.entries.find((entry) => entry.key === key)?.keySpan);
}

describe('key outline: the value tree as the editor features read it', () => {
  it('answers as the tree does, at every offset, on hostile documents (fast-check, fixed seed)', () => {
    let compared = 0;
    fc.assert(fc.property(fuzzDocument, ({ text, fileName }) => {
      const root = parsePolicyDocument(text, fileName).root;
      if (!root) return;
      compared++;
      assertSameAnswers(text, root);
    }), { numRuns: 150, seed: 21 });
    assert.ok(compared > 50, `${compared} documents had a value tree`);
  });

  it('keeps a node shared through aliases once, and answers as the tree does about it', () => {
    const text = 'kind: crypto-policy\nowner: &who { name: Lena, role: CISO }\napproval: { by: *who, date: 2026-05-04 }\nroles: [*who, { id: x, alternates: *who }]\nlimit: .inf\nratio: .nan\n';
    const root = parsePolicyDocument(text, 'aliases.yaml').root!;
    assertSameAnswers(text, root);
    const outline = keyOutline(root);
    assert.equal(outline.keys.filter((key) => key === 'name').length, 1, 'one key table entry per key');
    assert.deepEqual(rootEntries(outline).filter((entry) => entry.text !== undefined).map((entry) => [entry.key, entry.text]), [['kind', 'crypto-policy'], ['limit', 'Infinity'], ['ratio', 'NaN']]);
  });
});
