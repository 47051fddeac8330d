// Bundles the extension client, the language server and the CLI with esbuild.
// White space and comments always go: the bundle is then pure ASCII and a third smaller, which Node reads and V8
// compiles faster at every start (one-file check 0.24 -> 0.225 s); names stay, so stack traces stay readable.
// `--production` also minifies names and syntax and drops source maps (used for the .vsix).
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { writePolicyValidator } from './policy-validator.mjs';

const production = process.argv.includes('--production');

/**
 * The `yaml` parser reads `process.env.LOG_TOKENS` (a debug switch) for every token it lexes, and its composer
 * `process.env.LOG_STREAM` for every document. Node's `process.env` is a call into the C++ environment, ~120 ns a
 * read: a third of the parse of a policy's front matter. In the bundle, `yaml` gets a `process` whose `env` holds
 * the two switches as they were at start (they still work) and whose `emitWarning` is the real one. Nothing else of
 * `yaml` reads `process`.
 */
const yamlProcessSnapshot = {
  name: 'yaml-process-snapshot',
  setup(builder) {
    builder.onResolve({ filter: /^(node:)?process$/ }, (args) => (/[\\/]node_modules[\\/]yaml[\\/]/.test(args.importer) ? { path: 'yaml-process', namespace: 'cek-policy-shim' } : undefined));
    builder.onLoad({ filter: /^yaml-process$/, namespace: 'cek-policy-shim' }, () => ({
      loader: 'js',
      contents: `const real = require('node:process');
module.exports = { env: { LOG_TOKENS: real.env.LOG_TOKENS, LOG_STREAM: real.env.LOG_STREAM }, emitWarning: (...args) => real.emitWarning(...args) };`,
    }));
  },
};

/**
 * The English reader (wink-nlp and its model, some 3.5 MB of data) is its own bundle, `dist/nlp.js`, beside the CLI
 * and the server: their engine's `evidence/nlp/library` import is replaced by a module that requires `./nlp.js` when
 * the first statement is read, so a run that reads none never parses it. The model's data is inside nlp.js: the
 * shipped bundles still have no runtime dependency.
 */
const nlpOnDemand = {
  name: 'nlp-on-demand',
  setup(builder) {
    builder.onResolve({ filter: /[\\/]nlp[\\/]library$/ }, (args) => (/[\\/]engine[\\/]evidence$/.test(args.resolveDir) ? { path: 'nlp-on-demand', namespace: 'cek-policy-shim' } : undefined));
    builder.onLoad({ filter: /^nlp-on-demand$/, namespace: 'cek-policy-shim' }, () => ({
      loader: 'js',
      contents: `exports.loadLibrary = () => require(require('node:path').join(__dirname, 'nlp.js')).loadLibrary();`,
    }));
  },
};

/**
 * The model's data (JSON, some 3.5 MB) as `JSON.parse` of a string rather than as an object literal: V8 parses JSON
 * text faster than the same data as code.
 */
const jsonAsText = {
  name: 'json-as-text',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]wink-eng-lite-web-model[\\/].*\.json$/ }, async (args) => ({
      loader: 'js',
      contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(await readFile(args.path, 'utf8'))))});`,
    }));
  },
};

/**
 * The model's reader deep-copies its 3 MB of data (`JSON.parse(JSON.stringify(model))`) so that it may be read more
 * than once; cek-policy reads it once per process (evidence/reading.ts keeps the one instance), and the data module
 * is its own fresh `JSON.parse` anyway: the copy is left out (a quarter of the load). The build fails if the
 * library no longer has that line.
 */
const modelReadOnce = {
  name: 'model-read-once',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]wink-eng-lite-web-model[\\/]dist[\\/]read-core-model\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const copy = 'JSON.parse(JSON.stringify(originalModel))';
      if (!source.includes(copy)) throw new Error(`${args.path}: the model copy to leave out is not there any more`);
      return { loader: 'js', contents: source.replace(copy, 'originalModel') };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  minifyWhitespace: true,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  // mdast/micromark ship ESM only; esbuild converts them into the CJS bundle.
  mainFields: ['module', 'main'],
  plugins: [yamlProcessSnapshot, nlpOnDemand],
};

// The schema rule's validator, compiled ahead of time (scripts/policy-validator.mjs).
writePolicyValidator();

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // Loaded by extension.js only when the language server starts (lazy start: no policy, no cost).
  build({ ...common, entryPoints: ['client/src/languageClient.ts'], outfile: 'dist/languageClient.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // Required by cli.js and server.js on the first statement the English reader reads (nlpOnDemand above).
  build({ ...common, plugins: [jsonAsText, modelReadOnce], entryPoints: ['server/src/engine/evidence/nlp/library.ts'], outfile: 'dist/nlp.js' }),
]);
