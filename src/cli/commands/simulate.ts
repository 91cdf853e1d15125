import { readFileSync, writeFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { InputError } from '../../messages.js';
import { simulate } from '../../scheduler/simulate.js';
import { validateWorkload, type WorkloadSpec } from '../../workload/spec.js';
import { openOutput } from '../output.js';

interface SimulateArgs {
  workload: string;
  gomaxprocs: number;
  period: number;
  detail: boolean;
  go: string;
  seed: number;
  duration: number;
  cpus?: number;
  'turn-slice'?: number;
  asyncpreemptoff: boolean;
  output?: string;
  counters?: string;
}

/** Reads and validates a workload spec file; InputError (exit 2) with every problem and its JSON path. */
export function loadWorkload(path: string): WorkloadSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(path, `cannot read workload: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(path, `not valid JSON: ${(err as Error).message}`);
  }
  const v = validateWorkload(json);
  if (!v.ok) throw new InputError(path, `invalid workload spec:\n  ${v.errors.join('\n  ')}`);
  return v.spec;
}

export const simulateCommand: CommandModule<object, SimulateArgs> = {
  command: 'simulate',
  describe: "Run the reference model of Go's scheduler on a workload spec and print a schedtrace log",
  builder: (y) =>
    y
      .option('workload', {
        alias: 'w',
        type: 'string',
        demandOption: true,
        describe: 'workload spec (JSON), e.g. samples/workloads/overflow.json',
      })
      .option('gomaxprocs', { alias: 'p', type: 'number', default: 4, describe: 'GOMAXPROCS at start' })
      .option('period', { type: 'number', default: 1000, describe: 'schedtrace period in ms (GODEBUG=schedtrace=N)' })
      .option('detail', { type: 'boolean', default: false, describe: 'scheddetail=1: P, M and G lines' })
      .option('go', {
        type: 'string',
        default: '1.26',
        describe:
          "Go release whose scheduler rules and text to use (1.5 to 1.27, 1.27 with 1.26's rules; before 1.14 no asynchronous preemption)",
      })
      .option('seed', { type: 'number', default: 1, describe: 'random seed; the same seed gives the same bytes' })
      .option('duration', {
        alias: 'd',
        type: 'number',
        default: 5000,
        describe: 'simulated time in ms (less when every goroutine has exited: the program ends)',
      })
      .option('cpus', {
        type: 'number',
        describe: 'CPU cores of the modelled machine (default: one per P); fewer cores than busy Ps slow every burst',
      })
      .option('turn-slice', {
        type: 'number',
        describe:
          "with --cpus: how long a thread holds a core in its turn (ms) when threads outnumber cores; a goroutine yields to preemption only at its thread's turn (default 4, 0: off)",
      })
      .option('asyncpreemptoff', {
        type: 'boolean',
        default: false,
        describe:
          'GODEBUG=asyncpreemptoff=1: preemption stops a goroutine only at a function call, so loops that call nothing (behaviour "callFree") run to their end',
      })
      .option('output', { alias: 'o', type: 'string', describe: 'write to FILE instead of stdout' })
      .option('counters', {
        type: 'string',
        describe:
          "write what the runtime did (sysmon's sleeps, retakes, syscall exits, new threads, M wake-ups) to FILE as JSON, named as scripts/runtime-counters.sh's patched runtime prints them",
      })
      .example(
        '$0 simulate -w samples/workloads/overflow.json -p 1 --period 10 -d 300',
        'the GOMAXPROCS=1 overflow: runqueue grows in steps of 129',
      )
      .example(
        '$0 simulate -w samples/workloads/netpoll.json -p 2 --period 200 --detail --go 1.19 | $0 parse -',
        'a Go 1.19 scheddetail log, parsed back',
      ),
  handler: async (args) => {
    const workload = loadWorkload(args.workload);
    const out = openOutput(args.output);
    let n = 0;
    const pending: Promise<void>[] = [];
    const { counters } = simulate(
      {
        workload,
        go: args.go,
        gomaxprocs: args.gomaxprocs,
        periodMs: args.period,
        detail: args.detail,
        seed: args.seed,
        durationMs: args.duration,
        ...(args.cpus !== undefined ? { cpus: args.cpus } : {}),
        ...(args['turn-slice'] !== undefined ? { turnSliceMs: args['turn-slice'] } : {}),
        ...(args.asyncpreemptoff ? { asyncPreemptOff: true } : {}),
      },
      (dump) => {
        out.write(`${dump}\n`);
        if (++n % 1000 === 0) pending.push(out.flush());
      },
      false,
    );
    await Promise.all(pending);
    await out.close();
    if (args.counters !== undefined) {
      try {
        writeFileSync(args.counters, `${JSON.stringify(counters.asRuntimeFields(), null, 2)}\n`);
      } catch (err) {
        throw new InputError(args.counters, `cannot write the counters: ${(err as Error).message}`);
      }
    }
  },
};
