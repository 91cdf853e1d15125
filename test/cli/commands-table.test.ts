import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { commandsFor, commandTable } from '../../src/cli/commands/index.js';
import { repoRoot } from '../helpers/samples.js';

test('the table lists every command module with its own usage and description', async () => {
  const files = readdirSync(join(repoRoot, 'src', 'cli', 'commands')).filter(
    (f) => f.endsWith('.ts') && f !== 'index.ts',
  );
  expect(commandTable).toHaveLength(files.length);
  for (const e of commandTable) {
    const m = await e.load();
    expect({ command: m.command, describe: m.describe }).toEqual({ command: e.command, describe: e.describe });
  }
});

test('only the command named is loaded in full; the others carry no options', async () => {
  const cmds = await commandsFor(['analyze', '--json', 'x.log']);
  const full = cmds.filter((c) => c.builder !== undefined).map((c) => c.command);
  expect(full).toEqual(['analyze <files..>']);
  expect((await commandsFor(['--help'])).filter((c) => c.builder !== undefined)).toHaveLength(0);
});
