import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { ROOT } from '../helpers/ruleTester';

/** Every package the bundles import is installed by scripts/prepare.mjs for a git-URL install (which has no devDependencies). */
it('scripts/prepare.mjs installs every package the shipped code imports', async () => {
  const { BUILD_DEPENDENCIES } = await import(join(ROOT, 'scripts', 'prepare.mjs')) as { BUILD_DEPENDENCIES: string[] };
  const imported = new Set<string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        for (const line of readFileSync(path, 'utf8').split('\n')) {
          // Static imports (not type-only) and `require('…')` of a module loaded on first use.
          const required = line.indexOf("require('");
          if (required < 0 && (line.startsWith('import type ') || !line.startsWith('import '))) continue;
          const from = required >= 0 ? required + 7 : line.lastIndexOf(" from '") + 5;
          const name = from >= 5 ? line.slice(from + 2, line.indexOf("'", from + 2)) : '';
          if (name === '' || name.startsWith('.') || name.startsWith('node:')) continue;
          imported.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]);
        }
      }
    }
  };
  walk(join(ROOT, 'server', 'src'));
  walk(join(ROOT, 'client', 'src'));
  // `vscode` is the editor's own; the rest must be installed for the build.
  const missing = [...imported].filter((name) => name !== 'vscode' && !BUILD_DEPENDENCIES.includes(name));
  assert.deepEqual(missing, []);
});
