import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sentenceRanges } from '../../server/src/engine/evidence/statements';
import { cover, model } from './helpers';

describe('statements', () => {
  it('splits sentences at . ! ? ; and hard breaks, not at abbreviations, versions or soft line breaks', () => {
    const text = 'Keys (e.g. AWS KMS keys) use TLS 1.2 or higher. They rotate\nyearly; backups are encrypted! Done';
    assert.deepEqual(sentenceRanges(text).map(([from, to]) => text.slice(from, to).trim()), ['Keys (e.g. AWS KMS keys) use TLS 1.2 or higher.', 'They rotate\nyearly;', 'backups are encrypted!', 'Done']);
  });

  it('lines that start with a bullet glyph are entries of their own, with their level, the glyph left out, in LF, CRLF and CR text', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = `# P${eol}${eol}• Security Team${eol}o Define standards${eol}◦ Approve tools${eol}• Developers${eol}`;
      const statements = model(text).concepts.statements.filter((statement) => statement.block.kind !== 'heading');
      assert.deepEqual(statements.map((statement) => [statement.text, cover(text, statement.span), statement.level]), [
        ['Security Team', 'Security Team', 0], ['Define standards', 'Define standards', 1], ['Approve tools', 'Approve tools', 1], ['Developers', 'Developers', 0],
      ], JSON.stringify(eol));
    }
    // A paragraph whose lines start with words (even "o" or "-" inside a line) stays one sentence; list items carry their depth.
    const prose = model('# P\n\nKeys rotate o nce\na year - or sooner.\n\n- Top\n  - Nested\n').concepts.statements.filter((statement) => statement.block.kind !== 'heading');
    assert.deepEqual(prose.map((statement) => [statement.text, statement.level]), [['Keys rotate o nce\na year - or sooner.', undefined], ['Top', 0], ['Nested', 1]]);
  });

  it('maps every statement to its exact source, through markup, CRLF and emoji', () => {
    const text = '# P 🔑\r\n\r\n**Key usage** is *logged* and `monitored`.\r\n\r\n| Activity | Frequency |\r\n|---|---|\r\n| Key access review | Quarterly |\r\n';
    const statements = model(text).concepts.statements;
    assert.deepEqual(statements.map((statement) => [statement.text, cover(text, statement.span)]), [
      ['P 🔑', 'P 🔑'],
      ['Key usage is logged and monitored.', '**Key usage** is *logged* and `monitored`.'].map((value, index) => (index === 1 ? value.slice(2) : value)),
      ['Activity: Key access review; Frequency: Quarterly', 'Key access review | Quarterly'],
    ]);
  });

  it('placeholder-only statements are marked and never evidence', () => {
    const statements = model('# P\n\n[TODO: Define principles]\n\n- All locations: [TODO]\n- Keys rotate yearly.\n').concepts.statements;
    assert.deepEqual(statements.map((statement) => [statement.text, statement.placeholder]), [['P', false], ['[TODO: Define principles]', true], ['All locations: [TODO]', true], ['Keys rotate yearly.', false]]);
  });
});
