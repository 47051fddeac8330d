import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { conceptIn } from '../../server/src/engine/evidence/concepts';
import { confirmLemmas, TermMatcher, tokenize } from '../../server/src/engine/evidence/match';
import { polarityOf } from '../../server/src/engine/evidence/polarity';
import { lemmaAt, MAX_READS_PER_DOCUMENT, readSpan, readText, textsRead } from '../../server/src/engine/evidence/reading';
import { statementsOf } from '../../server/src/engine/evidence/statements';
import { parsePolicyDocument } from '../../server/src/engine/parse/document';
import { cover, model } from './helpers';

/** The statements of a Markdown text. */
function statements(text: string) {
  return statementsOf(parsePolicyDocument(text, 'policy.md', 'markdown').markdown);
}

/** The words a lemma term finds in a text, once the reader has confirmed them. */
function lemmaMatches(term: string, text: string): string[] {
  const matcher = new TermMatcher();
  const id = matcher.term(term);
  const tokens = tokenize(text);
  const reading = readText(text);
  const found = confirmLemmas(matcher.occurrences(tokens), (at) => lemmaAt(reading, tokens[at].start));
  return (found.get(id) ?? []).map((occurrence) => text.slice(tokens[occurrence.from].start, tokens[occurrence.to - 1].end));
}

describe('the English reader: lemmas, negation, modality, voice, subject', () => {
  it('a lemma term matches every inflection of the verb and nothing else of its stem', () => {
    assert.deepEqual(lemmaMatches('rotate~', 'Signing keys are rotated each quarter.'), ['rotated']);
    assert.deepEqual(lemmaMatches('rotate~', 'The team is rotating keys this week.'), ['rotating']);
    assert.deepEqual(lemmaMatches('rotate~', 'The platform will rotate the root key.'), ['rotate']);
    assert.deepEqual(lemmaMatches('rotate~ key*', 'Operations rotates keys yearly.'), ['rotates keys']);
    // The noun shares the stem but is another lemma.
    assert.deepEqual(lemmaMatches('rotate~', 'Rotation of the root key is annual.'), []);
    assert.deepEqual(lemmaMatches('rotate~', 'Rotational schedules are kept.'), []);
  });

  it('concepts list lemmas: the communication of a policy in any tense, not the noun', () => {
    assert.equal(conceptIn('communication', 'This policy is communicated to every engineer.'), true);
    assert.equal(conceptIn('communication', 'Team leads communicate the policy at onboarding.'), true);
    assert.equal(conceptIn('communication', 'The security office publishes the standard on the intranet.'), true);
    // "communication" is not "communicate": the stem alone does not establish it.
    assert.equal(conceptIn('communication', 'Communication protocols named in this policy use TLS.'), false);
  });

  it('negation: a negating word whose scope holds the predicate denies it; a bound or a noun does not', () => {
    const polarity = (sentence: string) => polarityOf(statements(`# P\n\n${sentence}\n`)[1], false);
    assert.equal(polarity('Key material must not be logged.'), 'negated');
    assert.equal(polarity('Private signing keys are never exported.'), 'negated');
    assert.equal(polarity('No key is shared between two tenants.'), 'negated');
    assert.equal(polarity("Operators can't copy keys out of the HSM."), 'negated');
    assert.equal(polarity('Exporting keys in clear text is prohibited.'), 'negated');
    assert.equal(polarity('Data keys are rotated no later than ninety days after creation.'), 'affirmative');
    assert.equal(polarity('Keys are rotated yearly with no exceptions.'), 'affirmative');
    assert.equal(polarity('Controls include but are not limited to KMS audit logs.'), 'affirmative');
    assert.equal(polarity('Teams might look at key usage reports.'), 'tentative');
    assert.deepEqual(readText('Key material must not be logged.').negations.map((index) => readText('Key material must not be logged.').tokens[index].word), ['not']);
  });

  it('a negated statement is no evidence for a concept that must be required, and an affirmed one is', () => {
    const index = (text: string) => model(text).concepts.hits('keyUsageAudit').map((hit) => hit.statement.text);
    assert.deepEqual(index('# P\n\nPrivate keys must never be logged in plain text.\n'), []);
    assert.deepEqual(index('# P\n\nEvery KMS key use is logged to the SIEM.\n'), ['Every KMS key use is logged to the SIEM.']);
  });

  it('modality: obligation, prohibition, permission, tentative; a permission limited by "only" is a rule', () => {
    assert.equal(readText('Keys may be used only for one purpose.').modality, 'obligation');
    assert.equal(readText('Customers may import their own root keys.').modality, 'permission');
    assert.equal(readText('Wrapping keys must be stored in the HSM.').modality, 'obligation');
    assert.equal(readText('Keys shall not leave the HSM boundary.').modality, 'prohibition');
    assert.equal(readText('Administrators cannot export key material.').modality, 'prohibition');
    assert.equal(readText('Teams could log every decryption call.').modality, 'tentative');
    assert.equal(readText('Keys are generated inside the HSM.').modality, 'none');
  });

  it('the passive voice and its agent: an assignment to the team the "by" phrase names', () => {
    const text = '# P\n\nKeys are destroyed by Security Engineering.\n';
    const reading = readText('Keys are destroyed by Security Engineering.');
    assert.equal(reading.passive?.agent && reading.tokens.slice(reading.passive.agent.from, reading.passive.agent.to).map((token) => token.word).join(' '), 'security engineering');
    const roles = model(text).roles;
    assert.deepEqual(roles.map((role) => [role.source, role.assignee?.value, role.responsibilities.map((duty) => duty.value)]), [['sentence', 'Security Engineering', ['key-destruction']]]);
    assert.equal(cover(text, roles[0].assignee!.span), 'Security Engineering');
    // A denied passive assigns nothing; nor does a "by" phrase of time or manner.
    assert.deepEqual(model('# P\n\nKeys are not destroyed by Security Engineering.\n').roles, []);
    assert.deepEqual(model('# P\n\nKeys are destroyed by the end of the quarter.\n').roles, []);
  });

  it('the active voice: the team before the verb holds the duty; a noun of the same stem is no verb', () => {
    const text = '# P\n\nSecurity Engineering destroys keys at end of life.\n';
    assert.deepEqual(model(text).roles.map((role) => [role.assignee?.value, role.responsibilities.map((duty) => duty.value)]), [['Security Engineering', ['key-destruction']]]);
    assert.deepEqual(model('# P\n\nThe Platform Team shall not escrow private keys.\n').roles, []);
    // People in general are no role; a parenthesis after the subject is no predicate.
    assert.deepEqual(model('# P\n\nAuthorized staff rotate and back up keys monthly.\n').roles, []);
    assert.deepEqual(model('# P\n\nKey administrators (rotate, revoke) and key users are different principals.\n').roles, []);
    // "managers" shares the stem of `manage~` and is no verb.
    assert.deepEqual(model('# P\n\nThe Platform Team managers approve exceptions.\n').roles.map((role) => role.assignee?.value), []);
  });

  it("the subject: the document's own review is no audit of controls; a review of key access is", () => {
    const hits = (sentence: string) => model(`# P\n\n${sentence}\n`).concepts.hits('controlReview').length;
    assert.equal(hits('The key management policy is reviewed annually.'), 0);
    assert.equal(hits('This standard will be reviewed every year.'), 0);
    assert.equal(hits('Key access rights are reviewed quarterly.'), 1);
    assert.equal(hits('Compliance with this policy is audited annually.'), 1);
    const reading = readText('The key management policy is reviewed annually.');
    assert.equal(reading.subject && reading.tokens[reading.subject.head].lemma, 'policy');
  });

  it('offsets stay exact: BOM, CRLF, non-ASCII text before the statement, a soft line break and emphasis inside it', () => {
    const text = '\uFEFF# Politique de clés — Überblick\r\n\r\nÀ noter : les clés sont gérées. Keys are destroyed by **Security\r\nEngineering** at end of life.\r\n';
    const found = statements(text).find((statement) => statement.text.startsWith('Keys'))!;
    const reading = readText(found.text);
    const agent = reading.passive!.agent!;
    assert.equal(cover(text, readSpan(found, reading, agent)), 'Security\r\nEngineering');
    const role = model(text).roles[0];
    assert.equal(cover(text, role.assignee!.span), 'Security\r\nEngineering');
    assert.equal(cover(text, role.responsibilities[0].span), 'Keys are destroyed');
    // Every token of the reading lies on its own characters in the statement.
    for (const token of reading.tokens) assert.equal(found.text.slice(token.start, token.end).toLowerCase(), token.word);
  });

  it('offsets survive contractions and typographic quotes', () => {
    const sentence = '“Root keys” can’t leave the HSM — ever.';
    const reading = readText(sentence);
    for (const token of reading.tokens) assert.equal(sentence.slice(token.start, token.end).toLowerCase(), token.word);
    assert.equal(reading.modality, 'prohibition');
  });

  it('loads the library only when a statement needs reading (a fresh process per document)', () => {
    const loaded = (text: string) => {
      const script = `const engine = require(${JSON.stringify(join(__dirname, '../../server/src/engine/engine.js'))});
const reading = require(${JSON.stringify(join(__dirname, '../../server/src/engine/evidence/reading.js'))});
engine.checkText(process.argv[1], 'policy.md', { today: '2026-06-01', force: true });
process.stdout.write(String(reading.libraryLoaded()));`;
      return spawnSync(process.execPath, ['-e', script, text], { encoding: 'utf8' }).stdout;
    };
    // No negating word, no stem-only lemma, no passive agent, no document subject: nothing to read.
    assert.equal(loaded('# Key Management Policy\n\nKMS key usage is logged to the SIEM. Keys are rotated yearly.\n'), 'false');
    assert.equal(loaded('# Key Management Policy\n\nKMS key usage must not be logged in plain text.\n'), 'true');
  });

  it('reads at most MAX_READS_PER_DOCUMENT statements of one document; past it the word scan decides', () => {
    const sentences = Array.from({ length: MAX_READS_PER_DOCUMENT + 150 }, (_, index) => `KMS key ${index} usage must not be logged in batch ${index * 7}.`);
    const before = textsRead();
    const hits = model(`# Key Management Policy\n\n${sentences.join('\n\n')}\n`).concepts.hits('keyUsageAudit');
    assert.ok(textsRead() - before <= MAX_READS_PER_DOCUMENT, `${textsRead() - before} statements read`);
    // Read or not, a statement with a negating word is no evidence of logging.
    assert.deepEqual(hits, []);
  });

  it('reads a text once: the reading is cached by the text', () => {
    assert.equal(readText('Keys are rotated yearly by the KMS team.'), readText('Keys are rotated yearly by the KMS team.'));
  });
});
