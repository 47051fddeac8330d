import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { commandsLinkedFrom, firstHeading, linkTargets } from '../helpers/markdownLinks';
import { ROOT } from '../helpers/ruleTester';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string; altText?: string };
  completionEvents?: string[];
}

interface Manifest {
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, unknown> };
    walkthroughs?: { id: string; title: string; description: string; steps: Step[] }[];
  };
}

/** VS Code's own commands a step may link to; the extension-host suite checks that VS Code registers each. */
const VS_CODE_COMMANDS = ['workbench.actions.view.problems', 'editor.action.showHover', 'editor.action.quickFix', 'workbench.action.openSettings', 'workbench.action.tasks.runTask'];

describe('Getting Started walkthrough (contributes.walkthroughs)', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
  const walkthroughs = manifest.contributes.walkthroughs ?? [];
  const steps = walkthroughs.flatMap((walkthrough) => walkthrough.steps);
  const contributed = new Set(manifest.contributes.commands.map((command) => command.command));
  let packaged: string[] = [];

  before(() => {
    // The .vsix's file list, as the package test reads it: the staging folder listed by `vsce ls`.
    const staged = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package-vsix.mjs'), '--stage-only'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(staged.status, 0, staged.stderr);
    const listed = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: staged.stdout.trim(), encoding: 'utf8' });
    assert.equal(listed.status, 0, listed.stderr);
    packaged = listed.stdout.trim().split('\n').map((line) => line.trim());
  });

  it('one walkthrough whose steps go from the first policy to CI', () => {
    assert.deepEqual(walkthroughs.map((walkthrough) => walkthrough.id), ['gettingStarted']);
    assert.ok(walkthroughs[0].title && walkthroughs[0].description);
    assert.deepEqual(steps.map((step) => step.id), ['openPolicy', 'readProblems', 'hover', 'quickFix', 'createConfiguration', 'ci']);
    for (const step of steps) assert.ok(step.title && step.description, step.id);
  });

  it('every step\'s media is a Markdown page that exists and ships in the .vsix', () => {
    for (const step of steps) {
      const page = step.media.markdown;
      assert.ok(page, `${step.id} has a Markdown page`);
      assert.ok(existsSync(join(ROOT, page)), `${page} exists`);
      assert.ok(packaged.includes(page), `${page} is in the .vsix (${packaged.filter((file) => file.startsWith('media/')).join(', ') || 'no media/ file'})`);
      const text = readFileSync(join(ROOT, page), 'utf8');
      // The page's heading is the step's title (the workbench shows both; the extension-host probe looks for it).
      assert.equal(firstHeading(text), step.title, `${page} is headed by its step's title`);
      // A page's relative links (an image, another page) must ship with it too.
      for (const target of linkTargets(text).filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))) {
        assert.ok(packaged.includes(join(page, '..', target).split('\\').join('/')), `${page} links to ${target}, which is in the .vsix`);
      }
    }
  });

  it('every command a step links to or completes on is contributed by package.json, or is one of VS Code\'s', () => {
    for (const step of steps) {
      const linked = [...commandsLinkedFrom(step.description), ...(step.media.markdown ? commandsLinkedFrom(readFileSync(join(ROOT, step.media.markdown), 'utf8')) : [])];
      assert.ok(linked.length > 0, `${step.id} has a button`);
      const completing = (step.completionEvents ?? []).filter((event) => event.startsWith('onCommand:')).map((event) => event.slice('onCommand:'.length));
      for (const command of [...linked, ...completing]) {
        assert.ok(contributed.has(command) || VS_CODE_COMMANDS.includes(command), `${step.id}: ${command} is neither contributed nor VS Code's`);
        if (command.startsWith('cekPolicy.')) assert.ok(contributed.has(command), `${step.id}: ${command} is contributed`);
      }
      // A step done by running a command offers that command as a button.
      for (const command of completing) assert.ok(linked.includes(command), `${step.id} completes on ${command}, which it links to`);
    }
  });

  it('every step completes on a real event: a command, a setting of ours, or a context key the extension sets', () => {
    const client = readFileSync(join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
    for (const step of steps) {
      const events = step.completionEvents ?? [];
      // Without completionEvents a step with a link completes on that link only; we say which events count.
      assert.ok(events.length > 0, `${step.id} declares its completion events`);
      for (const event of events) {
        const colon = event.indexOf(':');
        const [kind, value] = [event.slice(0, colon), event.slice(colon + 1)];
        if (kind === 'onCommand') continue;
        if (kind === 'onSettingChanged') assert.ok(value in manifest.contributes.configuration.properties, `${step.id}: ${value} is a contributed setting`);
        else if (kind === 'onContext') assert.ok(client.includes(`'setContext', '${value}'`), `${step.id}: the extension sets the context key ${value}`);
        else assert.fail(`${step.id}: ${event} is not an event this walkthrough uses`);
      }
    }
    assert.ok(steps.find((step) => step.id === 'createConfiguration')?.completionEvents?.includes('onCommand:cekPolicy.createConfiguration'));
    assert.ok(steps.find((step) => step.id === 'openPolicy')?.completionEvents?.includes('onCommand:cekPolicy.newPolicy'));
  });
});
