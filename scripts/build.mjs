// Bundles the extension client, the language server and the CLI with esbuild.
// `--production` minifies and drops source maps (used for the .vsix).
import { build } from 'esbuild';
import { writePolicyValidator } from './policy-validator.mjs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  // mdast/micromark ship ESM only; esbuild converts them into the CJS bundle.
  mainFields: ['module', 'main'],
};

// The schema rule's validator, compiled ahead of time (scripts/policy-validator.mjs).
writePolicyValidator();

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // Loaded by extension.js only when the language server starts (lazy start: no policy, no cost).
  build({ ...common, entryPoints: ['client/src/languageClient.ts'], outfile: 'dist/languageClient.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
