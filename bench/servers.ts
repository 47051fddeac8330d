/** The two language servers the benchmark drives: ours (dist/server.js) and yaml-language-server. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_NODE_FLAGS } from '../server/src/launch';
import type { ServerCommand } from './lsp';

export const ROOT = join(__dirname, '..', '..');
export const GC_PRELOAD = join(ROOT, 'bench', 'gc-preload.cjs');
export const TODAY = '2026-11-24';

/**
 * A package's folder: the tools we measure against (bench/package.json, installed by `npm run bench` into
 * bench/node_modules, so that the project's own `npm ci` does not pull them: they need Node 22), else a
 * (dev)dependency of the project (npm installs those at the top of node_modules).
 */
export function packageDirectory(name: string): string {
  const benchOnly = join(ROOT, 'bench', 'node_modules', name);
  return existsSync(benchOnly) ? benchOnly : join(ROOT, 'node_modules', name);
}

/** `CEK_BENCH_SERVER=/path/to/dist/server.js` measures another build of ours (e.g. before a change, built elsewhere). */
export function ourServer(): ServerCommand {
  return {
    name: 'cek-policy',
    script: [process.env.CEK_BENCH_SERVER || join(ROOT, 'dist', 'server.js')],
    // As the VS Code extension starts it (client/src/languageClient.ts).
    nodeFlags: SERVER_NODE_FLAGS,
    settings: () => ({ enable: true, files: [], rules: {}, review: {}, catalogs: [], today: TODAY }),
  };
}

/**
 * yaml-language-server with our JSON Schema associated to every YAML file, so it validates the same
 * documents (an unassociated file would only be parsed). The schema store is off: no network.
 */
export function yamlLanguageServer(): ServerCommand {
  const schema = pathToFileURL(join(ROOT, 'schemas', 'crypto-policy.schema.json')).href;
  const yaml = {
    validate: true, hover: true, completion: true, format: { enable: false },
    schemas: { [schema]: ['*.yaml'] },
    schemaStore: { enable: false }, kubernetesCRDStore: { enable: false },
  };
  return {
    name: 'yaml-language-server',
    script: [join(packageDirectory('yaml-language-server'), 'bin', 'yaml-language-server')],
    settings: (section) => (section === 'yaml' ? yaml : section === 'http' ? { proxy: '', proxyStrictSSL: false } : {}),
    pushedSettings: { yaml },
  };
}

export function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(packageDirectory(name), 'package.json'), 'utf8')) as { version: string }).version;
}
