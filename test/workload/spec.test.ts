import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateWorkload } from '../../src/workload/spec.js';

describe('validateWorkload', () => {
  it('accepts every committed spec, one per sample program, each with a measured unit cost', () => {
    const programs = readdirSync('samples/workloads', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(programs.length).toBeGreaterThanOrEqual(12);
    for (const p of programs) {
      const v = validateWorkload(JSON.parse(readFileSync(`samples/workloads/${p}.json`, 'utf8')));
      expect(v.ok ? [] : v.errors, p).toEqual([]);
      if (v.ok) {
        expect(v.spec.name).toBe(p);
        expect(v.spec.unitCost?.cpuMs).toBeGreaterThan(0);
      }
    }
  });

  it('reports every problem with its JSON path', () => {
    const v = validateWorkload({
      name: '',
      colour: 'red',
      groups: [
        {
          name: 'a',
          spawn: { kind: 'burst', atMs: -1, count: 2.5 },
          behaviour: { cpuMs: { kind: 'exp' }, block: { on: 'disk', ms: 1 }, repeat: 0 },
        },
        {
          name: 'a',
          spawn: { kind: 'wave' },
          behaviour: { cpuMs: 1, block: { on: 'net', ms: 1, partner: 'nobody', cpu: true } },
        },
      ],
      gomaxprocsChanges: [{ atMs: 5, gomaxprocs: 0 }],
      gc: { everyMs: 0, stwMs: 1, assistDrainQuantumMs: 0 },
      crashAtMs: -5,
      cgo: 'yes',
      args: ['-g', '64'],
    });
    expect(v.ok).toBe(false);
    const errors = v.ok ? [] : v.errors;
    for (const want of [
      /^\$\.name: must be a non-empty string/,
      /^\$\.colour: unknown key/,
      /^\$\.groups\[0\]\.spawn\.atMs: must be >= 0, got -1/,
      /^\$\.groups\[0\]\.spawn\.count: must be an integer, got 2\.5/,
      /^\$\.groups\[0\]\.behaviour\.cpuMs\.mean: is required/,
      /^\$\.groups\[0\]\.behaviour\.block\.on: must be one of chan, mutex, timer, net, syscall, gosched, got "disk"/,
      /^\$\.groups\[0\]\.behaviour\.repeat: must be a positive integer or "forever", got 0/,
      /^\$\.groups\[1\]\.name: duplicate group name "a"/,
      /^\$\.groups\[1\]\.spawn\.kind: must be one of burst, rate, tree, got "wave"/,
      /^\$\.groups\[1\]\.behaviour\.block\.partner: must be a group name, with on: "chan"/,
      /^\$\.groups\[1\]\.behaviour\.block\.cpu: must be true or false, with on: "syscall"/,
      /^\$\.gomaxprocsChanges\[0\]\.gomaxprocs: must be >= 1, got 0/,
      /^\$\.gc\.everyMs: must be > 0, got 0/,
      /^\$\.gc\.assistDrainQuantumMs: must be > 0, got 0/,
      /^\$\.crashAtMs: must be >= 0, got -5/,
      /^\$\.cgo: must be true or false, got "yes"/,
      /^\$\.args: must be a string/,
    ])
      expect(
        errors.some((e) => want.test(e)),
        `${want} in\n${errors.join('\n')}`,
      ).toBe(true);
  });

  it('rejects non-objects and missing groups', () => {
    expect(validateWorkload([])).toEqual({ ok: false, errors: ['$: a workload spec must be a JSON object'] });
    const v = validateWorkload({ name: 'x' });
    expect(v.ok ? [] : v.errors).toContain('$.groups: is required (an array of goroutine groups)');
  });
});
