/** Every gosched command, in the order `--help` lists them. Each module exports one yargs CommandModule. */
import type { CommandModule } from 'yargs';
import type { GoschedCommand } from '../command.js';
import { analyzeCommand } from './analyze.js';
import { parseCommand } from './parse.js';
import { reportCommand } from './report.js';
import { simulateCommand } from './simulate.js';
import { fidelityCommand } from './fidelity.js';
import { replayCommand } from './replay.js';
import { checkCommand } from './check.js';
import { diffCommand } from './diff.js';

// biome-ignore lint/suspicious/noExplicitAny: each command has its own argument type; yargs only needs the module shape
export const commands: (CommandModule<object, any> | GoschedCommand<any>)[] = [
  parseCommand,
  analyzeCommand,
  reportCommand,
  simulateCommand,
  fidelityCommand,
  replayCommand,
  checkCommand,
  diffCommand,
  // commands are appended here, one import per file in this folder
];
