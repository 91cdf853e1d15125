/**
 * Every gosched command, in the order `--help` lists them. Each module exports one yargs
 * CommandModule; it is loaded only when its command runs, so start-up does not pay for the other
 * commands' dependencies (the model, the report's charts). Usage and description are repeated here
 * for `--help` (a test keeps them equal to the modules').
 */
import type { CommandModule } from 'yargs';
import type { GoschedCommand } from '../command.js';

// biome-ignore lint/suspicious/noExplicitAny: each command has its own argument type; yargs only needs the module shape
type AnyCommand = CommandModule<object, any> | GoschedCommand<any>;

export interface CommandEntry {
  command: string;
  describe: string;
  load: () => Promise<AnyCommand>;
}

export const commandTable: readonly CommandEntry[] = [
  {
    command: 'parse <files..>',
    describe: 'Read schedtrace logs and print every snapshot (NDJSON, CSV or JSON)',
    load: async () => (await import('./parse.js')).parseCommand,
  },
  {
    command: 'analyze <files..>',
    describe: 'Summarise each stream and run, and list the findings, the headline (what costs most) first',
    load: async () => (await import('./analyze.js')).analyzeCommand,
  },
  {
    command: 'report <files..>',
    describe: 'Write a self-contained HTML report (Vega-Lite charts, headline findings) that opens offline',
    load: async () => (await import('./report.js')).reportCommand,
  },
  {
    command: 'simulate',
    describe: "Run the reference model of Go's scheduler on a workload spec and print a schedtrace log",
    load: async () => (await import('./simulate.js')).simulateCommand,
  },
  {
    command: 'fidelity',
    describe: 'Compare the scheduler model with the committed real traces (and, with --live, fresh ones)',
    load: async () => (await import('./fidelity.js')).fidelityCommand,
  },
  {
    command: 'replay <files..>',
    describe:
      'Replay observed logs through the scheduler model: one-step and free-running predictions, fidelity, what-if',
    load: async () => (await import('./replay.js')).replayCommand,
  },
  {
    command: 'check <files..>',
    describe: 'CI gate: the same findings as analyze, and replay fidelity; exit 1 when something fails the gate',
    load: async () => (await import('./check.js')).checkCommand,
  },
  {
    command: 'diff <a> <b>',
    describe:
      'Compare two logs of the same service (before, then after): queue, idle, thread and schedtick distributions, findings',
    load: async () => (await import('./diff.js')).diffCommand,
  },
  {
    command: 'watch [file]',
    describe: 'Follow a growing log (tail -F) or a pipe live: dashboard on a terminal, NDJSON findings otherwise',
    load: async () => (await import('./watch.js')).watchCommand,
  },
  {
    command: 'run [program] [args..]',
    describe: 'Run a Go program with schedtrace added to its GODEBUG and watch it live; exits with its status',
    load: async () => (await import('./run.js')).runCommand,
  },
  {
    command: 'export <files..>',
    describe:
      'Write the timelines for other viewers: Chrome/Perfetto trace-event JSON (ui.perfetto.dev, chrome://tracing)',
    load: async () => (await import('./export.js')).exportCommand,
  },
  // commands are appended here, one entry per file in this folder
];

/**
 * The commands to register for an argument list: the command it names in full (options, handler),
 * every other one as usage and description only, which is all `--help` and suggestions need.
 */
export async function commandsFor(argv: readonly string[]): Promise<AnyCommand[]> {
  const named = argv.find((a) => !a.startsWith('-'));
  return Promise.all(
    commandTable.map((e) =>
      e.command.split(' ')[0] === named
        ? e.load()
        : Promise.resolve<AnyCommand>({ command: e.command, describe: e.describe, handler: () => {} }),
    ),
  );
}

/** Every command in full (for tools that need all their options). */
export async function allCommands(): Promise<AnyCommand[]> {
  return Promise.all(commandTable.map((e) => e.load()));
}
