// Packages the VS Code extension. The npm package (CLI and language server) is described by `files` in
// package.json, the .vsix by .vscodeignore; vsce refuses a folder that has both, so the .vsix is built from
// a staging folder holding exactly what .vscodeignore lets through and a manifest without `files`.
// `--stage-only` stages and prints the folder (the package test lists it with `vsce ls`).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fdir } from 'fdir';
import picomatch from 'picomatch';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stage = join(root, '.cache', 'vsix');
const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
const wanted = ignore.split(/\r?\n/).filter((line) => line.startsWith('!')).map((line) => line.slice(1).trim());
const included = picomatch(wanted, { dot: false });

rmSync(stage, { recursive: true, force: true });
const files = new fdir().withRelativePaths().exclude((name) => name === 'node_modules' || name === '.git' || name === '.cache' || name === 'out').crawl(root).sync()
  .map((file) => file.split('\\').join('/'))
  .filter((file) => file !== 'package.json' && included(file));
for (const file of files) {
  mkdirSync(dirname(join(stage, file)), { recursive: true });
  copyFileSync(join(root, file), join(stage, file));
}
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
delete manifest.files;
delete manifest.scripts;
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(join(stage, '.vscodeignore'), ignore);

if (process.argv.includes('--stage-only')) {
  console.log(stage);
} else {
  const out = join(root, `cek-policy-${manifest.version}.vsix`);
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // Without a `repository`, vsce cannot make README's relative links absolute (and refuses to package): they stay
  // relative, and resolve inside the installed extension, which ships the README's images and docs (.vscodeignore).
  const relativeLinks = manifest.repository ? [] : ['--no-rewrite-relative-links'];
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', ...relativeLinks, '-o', out], { cwd: stage, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log(`packaged ${relative(root, out)} from ${files.length + 1} files`);
}
