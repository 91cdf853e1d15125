import { describe, expect, it } from 'vitest';
import { scenariosFromManifest } from '../../src/scheduler/fidelity-manifest.js';

describe('fidelity scenarios from a manifest (a user folder)', () => {
  it('groups captures by program, args, GODEBUG, GOMAXPROCS and profile, and says why entries are skipped', () => {
    const entry = (file: string, extra: object = {}) => ({
      file,
      program: 'oversub',
      goVersion: '1.26.8',
      godebug: 'schedtrace=20',
      gomaxprocs: 8,
      args: '-g 64 -d 1s',
      cores: 64,
      ...extra,
    });
    const m = scenariosFromManifest(
      [
        entry('b.log'),
        entry('a.log', { goVersion: '1.26.1' }),
        entry('c.log', { goVersion: '1.22.1' }),
        entry('d.log', { godebug: 'schedtrace=50,gctrace=1' }),
        entry('e.log', { gomaxprocs: 'default' }),
        entry('f.log', { godebug: 'gctrace=1' }),
        entry('g.log', { program: 'nospec' }),
        entry('h.log', { goVersion: 'tip' }),
        'junk',
      ],
      (p) => (p === 'oversub' ? {} : null),
    );
    expect(m.scenarios.map((s) => [s.id, s.go, s.reals, s.periodMs, s.godebug ?? '', s.cores])).toEqual([
      ['oversub-p8', '1.26', ['a.log', 'b.log'], 20, '', 64],
      ['oversub-p8', '1.22', ['c.log'], 20, '', 64],
      ['oversub-p8', '1.26', ['d.log'], 50, 'gctrace=1', 64],
    ]);
    expect(m.skipped.map((s) => s.file)).toEqual(['e.log', 'f.log', 'g.log', 'h.log', 'junk']);
    expect(m.skipped[0]!.reason).toMatch(/GOMAXPROCS/);
    expect(m.skipped[2]!.reason).toMatch(/workloads\/nospec\.json/);
    expect(scenariosFromManifest({}, () => ({})).skipped[0]!.reason).toMatch(/array/);
  });

  it('skips a capture whose program ran with other values of the flags the spec models', () => {
    const entry = (file: string, args?: string) => ({
      file,
      program: 'overflow',
      goVersion: '1.22.12',
      godebug: 'schedtrace=20',
      gomaxprocs: 6,
      ...(args === undefined ? {} : { args }),
    });
    const m = scenariosFromManifest(
      [
        entry('same.log', '-g 5000 -w 100000 -waves 2'),
        entry('equals-form.log', '-waves=2 --g=5000 -w 100000 -v'),
        entry('more-waves.log', '-g 20000 -w 100000 -waves 4'),
        entry('defaults.log'),
      ],
      () => ({ args: '-g 5000 -w 100000 -waves 2' }),
    );
    expect(m.scenarios.flatMap((s) => s.reals).sort()).toEqual(['equals-form.log', 'same.log']);
    expect(m.skipped).toEqual([
      {
        file: 'more-waves.log',
        reason: 'not the workload of workloads/overflow.json: the spec models -g 5000, the capture ran -g 20000',
      },
      {
        file: 'defaults.log',
        reason: 'not the workload of workloads/overflow.json: the spec models -g 5000, the capture ran without -g',
      },
    ]);
  });
});
