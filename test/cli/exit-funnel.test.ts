import { describe, expect, test } from 'vitest';
import { exitForError, exitForOutcome, OutputError, PipeClosed, UsageError } from '../../src/cli/errors.js';
import { rawValues, validateFlags } from '../../src/cli/flags.js';
import { InputError } from '../../src/messages.js';

describe('the exit funnel', () => {
  test('maps each outcome and error to its code and one message', () => {
    expect(exitForOutcome('done')).toEqual({ code: 0 });
    expect(exitForOutcome(undefined)).toEqual({ code: 0 });
    expect(exitForOutcome('failed')).toEqual({ code: 1 });
    expect(exitForError(new PipeClosed(), false)).toEqual({ code: 0 });
    expect(exitForError(new InputError('a.log', 'no such file'), false)).toEqual({
      code: 2,
      message: 'gosched: a.log: no such file',
    });
    expect(exitForError(new OutputError('<stdout>', 'no space left on device'), false)).toEqual({
      code: 2,
      message: 'gosched: cannot write <stdout>: no space left on device',
    });
    expect(exitForError(new UsageError('--seed must be an integer'), false)).toEqual({
      code: 64,
      message: 'gosched: --seed must be an integer (see --help)',
    });
  });

  test('a bug is 70 with a hint to report it; its stack only with --debug', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'runq')");
    const plain = exitForError(bug, false);
    expect(plain.code).toBe(70);
    expect(plain.message).toBe(
      "gosched: internal error: Cannot read properties of undefined (reading 'runq')\n  this is a bug in gosched; please report it with the command line and the output of the same command with --debug",
    );
    const debug = exitForError(bug, true);
    expect(debug.message).toContain(bug.stack!.split('\n')[1]!);
  });
});

describe('flag texts', () => {
  test('are found however they are written', () => {
    const argv = ['simulate', '-p', '4', '--seed=7', '-d5', '--go', '1.19', '--', '--seed', 'x'];
    expect(rawValues(argv, 'gomaxprocs', ['p'])).toEqual(['4']);
    expect(rawValues(argv, 'seed')).toEqual(['7']);
    expect(rawValues(argv, 'duration', ['d'])).toEqual(['5']);
  });

  test.each([
    [{ 'min-skill': Number.NaN }, ['check', 'x', '--min-skill', '0.99x'], /--min-skill .*"0\.99x" \(not a number\)/],
    [{ 'min-skill': 0 }, ['check', 'x', '--min-skill', ''], /--min-skill .*"" \(not a number\)/],
    [{ 'min-skill': 16 }, ['check', 'x', '--min-skill', '0x10'], /not a number/],
    [{ 'min-skill': Infinity }, ['check', 'x', '--min-skill', '1e400'], /not a number/],
    [{ seed: 0.5 }, ['simulate', '--seed', '0.5'], /--seed must be an integer from 0 to 4294967295, got 0\.5/],
    [{ gomaxprocs: 0, p: 0 }, ['simulate', '-p', '0'], /--gomaxprocs must be from 1 to 1024, got 0/],
    [{ jobs: 0, j: 0 }, ['analyze', 'x', '-j', '0'], /--jobs must be from 1 to 256, got 0/],
    [{ go: '2.0' }, ['simulate', '--go', '2.0'], /--go must be a Go release from 1\.5 to 1\.27/],
    [{ runs: 0 }, ['fidelity', '--live', '--runs', '0'], /--runs must be from 1 to 100, got 0/],
    [{ runs: 2.5 }, ['fidelity', '--live', '--runs', '2.5'], /--runs must be an integer from 1 to 100, got 2\.5/],
    [{ seed: [1, 2] }, ['simulate', '--seed', '1', '--seed', '2'], /--seed is given 2 times/],
  ])('%o from %j is a usage error', (args, argv, message) => {
    expect(() => validateFlags(args, argv)).toThrow(UsageError);
    expect(() => validateFlags(args, argv)).toThrow(message);
  });

  test('valid and default values pass', () => {
    expect(() =>
      validateFlags({ 'min-skill': -0.5, seed: 1, go: 'go1.26.1', period: 0.5 }, ['check', '--min-skill', '-0.5']),
    ).not.toThrow();
    expect(() => validateFlags({ go: '1.19rc1' }, ['replay', '--go', '1.19rc1'])).not.toThrow();
    expect(() => validateFlags({ go: '1.27.3' }, ['simulate', '--go', '1.27.3'])).not.toThrow();
    expect(() => validateFlags({ runs: 3 }, ['fidelity', '--live', '--runs', '3'])).not.toThrow();
  });
});
