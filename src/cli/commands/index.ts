/** Every gosched command, in the order `--help` lists them. Each module exports one yargs CommandModule. */
import type { CommandModule } from 'yargs';
import { analyzeCommand } from './analyze.js';
import { parseCommand } from './parse.js';
import { reportCommand } from './report.js';
import { simulateCommand } from './simulate.js';
import { fidelityCommand } from './fidelity.js';
import { replayCommand } from './replay.js';
import { checkCommand } from './check.js';
import { diffCommand } from './diff.js';
import { watchCommand } from './watch.js';
import { runCommand } from './run.js';
import { exportCommand } from './export.js';

// biome-ignore lint/suspicious/noExplicitAny: each command has its own argument type; yargs only needs the module shape
export const commands: CommandModule<object, any>[] = [
  parseCommand,
  analyzeCommand,
  reportCommand,
  simulateCommand,
  fidelityCommand,
  replayCommand,
  checkCommand,
  diffCommand,
  watchCommand,
  runCommand,
  exportCommand,
  // commands are appended here, one import per file in this folder
];
