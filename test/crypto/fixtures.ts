import { LineIndex } from '../../server/src/engine/parse/text';

/** 1-based [line, column, endLine, endColumn] of the `occurrence`-th `needle` in `text` (for rule test tables). */
export function rangeIn(text: string, needle: string, occurrence = 1): [number, number, number, number] {
  let at = -1;
  for (let n = 0; n < occurrence; n++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`rangeIn: "${needle}" #${occurrence} not found`);
  }
  const lines = new LineIndex(text);
  const start = lines.positionAt(at);
  const end = lines.positionAt(at + needle.length);
  return [start.line + 1, start.character + 1, end.line + 1, end.character + 1];
}

/** A YAML policy with a cryptography section: `algorithms` lines go in as written. */
export function yamlPolicy(algorithms: string[], extra = ''): string {
  return [
    'kind: crypto-policy',
    'id: POL-CR-01',
    'cryptography:',
    '  algorithms:',
    ...algorithms.map((line) => `    - ${line}`),
    '  cryptoperiods:',
    '    - { key_type: symmetric-data-encryption, months: 12 }',
    '  key_generation: "KMS keys from an SP 800-90A DRBG"',
    '  post_quantum: "ML-KEM hybrid key establishment from 2028"',
    extra,
  ].join('\n');
}

/** A Markdown policy (front matter marker) with the given body. */
export function markdownPolicy(body: string): string {
  return ['---', 'kind: crypto-policy', 'id: POL-CR-02', '---', '', '# Cryptography Standard', '', body, ''].join('\n');
}
