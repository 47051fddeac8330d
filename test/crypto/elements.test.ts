import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinCatalog } from '../../server/src/engine/config/catalog';
import { mergeConfig } from '../../server/src/engine/config/config';
import { CRYPTO_ELEMENT_EVIDENCE } from '../../server/src/engine/crypto/elements';
import { PolicyModel } from '../../server/src/engine/model/model';
import { parsePolicyDocument } from '../../server/src/engine/parse/document';
import type { EvidenceContext } from '../../server/src/engine/requirements/types';
import { markdownPolicy } from './fixtures';

function context(body: string): EvidenceContext {
  const doc = parsePolicyDocument(markdownPolicy(body), 'p.md');
  return { doc, policy: new PolicyModel(doc), config: mergeConfig(), catalog: builtinCatalog(), today: '2026-11-24' };
}

describe('element evidence for the CEK-domain packs (CEK-04, CEK-10, CEK-12)', () => {
  it('CEK-04: approved algorithms with sizes are met; without sizes partial; nothing read leaves it to the text', () => {
    assert.equal(CRYPTO_ELEMENT_EVIDENCE['CEK-04:approvedAlgorithms'](context('Data is encrypted with AES-256 and TLS 1.3.'))?.met, true);
    const bare = CRYPTO_ELEMENT_EVIDENCE['CEK-04:approvedAlgorithms'](context('Data is encrypted with AES.'));
    assert.deepEqual([bare?.met, bare?.partial, bare?.gap], [false, true, 'approved algorithms without key sizes, curves or versions']);
    assert.equal(CRYPTO_ELEMENT_EVIDENCE['CEK-04:approvedAlgorithms'](context('Strong encryption is used.')), undefined);
  });

  it('CEK-10: a named source and a strength', () => {
    assert.equal(CRYPTO_ELEMENT_EVIDENCE['CEK-10:strength'](context('Keys are generated in the HSM. Data is encrypted with AES-256.'))?.met, true);
    assert.equal(CRYPTO_ELEMENT_EVIDENCE['CEK-10:strength'](context('Keys are generated in the HSM.'))?.gap, 'no key strength stated');
  });

  it('CEK-12: intervals for two key types are met, one type partial', () => {
    assert.equal(CRYPTO_ELEMENT_EVIDENCE['CEK-12:interval'](context('Data encryption keys are rotated every 12 months. Master keys are rotated annually.'))?.met, true);
    assert.equal(CRYPTO_ELEMENT_EVIDENCE['CEK-12:interval'](context('Master keys are rotated annually.'))?.partial, true);
    assert.equal(CRYPTO_ELEMENT_EVIDENCE['CEK-12:interval'](context('No rotation is described.')), undefined);
  });
});
