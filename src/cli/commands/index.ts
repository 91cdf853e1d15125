/** Every gosched command, in the order `--help` lists them. Each module exports one yargs CommandModule. */
import type { CommandModule } from 'yargs';
import { analyzeCommand } from './analyze.js';
import { parseCommand } from './parse.js';
import { reportCommand } from './report.js';

export const commands: CommandModule<object, any>[] = [
  parseCommand,
  analyzeCommand,
  reportCommand,
  // commands are appended here, one import per file in this folder
];
