/** Every gosched command, in the order `--help` lists them. Each module exports one yargs CommandModule. */
import type { CommandModule } from 'yargs';

export const commands: CommandModule<object, any>[] = [
  // commands are appended here, one import per file in this folder
];
