// Writes docs/rules/<id>.md and docs/rules/README.md from the compiled rule registry (run `npm run compile` first).
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const out = join(__dirname, '..', 'out', 'server', 'src', 'engine');
const { rules } = require(join(out, 'rules', 'index.js'));
const { builtinCatalog } = require(join(out, 'config', 'catalog.js'));
const { renderRuleDoc, renderRuleIndex } = require(join(out, 'rules', 'ruleDocs.js'));
const dir = join(__dirname, '..', 'docs', 'rules');
mkdirSync(dir, { recursive: true });
for (const rule of rules) writeFileSync(join(dir, `${rule.id}.md`), renderRuleDoc(rule, builtinCatalog()));
writeFileSync(join(dir, 'README.md'), renderRuleIndex(rules));
console.log(`wrote ${rules.length} rule docs`);
