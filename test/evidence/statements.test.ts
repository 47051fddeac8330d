import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sentenceRanges } from '../../server/src/engine/evidence/statements';
import { cover, model } from './helpers';

describe('statements', () => {
  it('splits sentences at . ! ? ; and hard breaks, not at abbreviations, versions or soft line breaks', () => {
    const text = 'Keys (e.g. AWS KMS keys) use TLS 1.2 or higher. They rotate\nyearly; backups are encrypted! Done';
    assert.deepEqual(sentenceRanges(text).map(([from, to]) => text.slice(from, to).trim()), ['Keys (e.g. AWS KMS keys) use TLS 1.2 or higher.', 'They rotate\nyearly;', 'backups are encrypted!', 'Done']);
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
