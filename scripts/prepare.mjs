// `prepare`: builds dist/ (scripts/build.mjs) after `npm install`/`npm ci` in a checkout, and when npm installs the
// package from a git URL (`npm install -g git+https://…`) or pre-commit installs the hook from a git checkout.
//
// A git install runs `npm install --include=dev` in a temporary clone, but under `-g` that inner install inherits
// the global mode (npm 10 and 11: npm_config_global in its environment) and installs no devDependencies at all,
// so esbuild is missing. Then this script installs, into the clone only, just what the build reads: esbuild and
// the libraries the bundles are made of, at the versions package.json pins — none of the test tools
// (TypeScript, Playwright, the VS Code test runner, vsce, fast-check). The installed package still has no
// dependency: the bundles are self-contained.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What scripts/build.mjs and scripts/policy-validator.mjs import, and what the bundles are made of. */
export const BUILD_DEPENDENCIES = [
  'esbuild',
  'ajv',
  'ajv-formats',
  '@lezer/markdown',
  'commander',
  'decode-named-character-reference',
  'fastest-levenshtein',
  'fdir',
  'hosted-git-info',
  'ignore',
  'mdast-util-from-markdown',
  'mdast-util-to-string',
  'micromark-util-decode-numeric-character-reference',
  'picomatch',
  're2js',
  'vscode-languageclient',
  'vscode-languageserver',
  'vscode-languageserver-protocol',
  'vscode-languageserver-textdocument',
  'wink-eng-lite-web-model',
  'wink-nlp',
  'yaml',
];

/** npm settings that say where and how to install; the inner install must not inherit the outer `-g --prefix`. */
function installEnvironment() {
  const env = { ...process.env };
  const keep = /^npm_config_(cache|registry|userconfig|globalconfig|proxy|https_proxy|noproxy|strict_ssl|cafile|ca|offline|prefer_offline|prefer_online|fetch_[a-z_]+|loglevel)$/i;
  for (const name of Object.keys(env)) {
    // Scoped registries (`@scope:registry`) and credentials (`//host/:_authToken`) stay.
    if (/^npm_config_/i.test(name) && !keep.test(name) && !name.includes(':') && !name.startsWith('npm_config_//')) delete env[name];
  }
  return env;
}

function installBuildDependencies() {
  if (existsSync(join(root, 'node_modules'))) {
    throw new Error('node_modules/ exists but has no esbuild: run `npm ci` (or `npm install`) in this folder first');
  }
  const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies;
  const tools = join(root, '.cache', 'build-tools');
  rmSync(tools, { recursive: true, force: true });
  mkdirSync(tools, { recursive: true });
  const dependencies = Object.fromEntries(BUILD_DEPENDENCIES.map((name) => {
    if (!pinned[name]) throw new Error(`${name} is a build dependency but not in devDependencies`);
    return [name, pinned[name]];
  }));
  writeFileSync(join(tools, 'package.json'), `${JSON.stringify({ name: 'cek-policy-build-tools', private: true, dependencies }, null, 2)}\n`);
  console.error(`cek-policy prepare: installing the ${BUILD_DEPENDENCIES.length} build dependencies (npm installed no devDependencies)`);
  const npm = process.env.npm_execpath;
  const [command, args] = npm && /\.[cm]?js$/.test(npm) ? [process.execPath, [npm]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  const result = spawnSync(command, [...args, 'install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], { cwd: tools, env: installEnvironment(), stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`npm install of the build dependencies failed (exit ${result.status})`);
  renameSync(join(tools, 'node_modules'), join(root, 'node_modules'));
  rmSync(tools, { recursive: true, force: true });
}

// Run as a script (npm's prepare); imported (a test reads BUILD_DEPENDENCIES), it does nothing.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(join(root, 'node_modules', 'esbuild', 'package.json'))) installBuildDependencies();
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  process.exit(build.status ?? 1);
}
