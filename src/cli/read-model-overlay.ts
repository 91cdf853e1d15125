import { readFile } from 'node:fs/promises';
import { InputError } from '../messages.js';
import type { ModelOverlay } from '../trace/model-overlay.js';
import { systemReason } from './errors.js';

const isCount = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x) && x >= 0;
const isCounts = (x: unknown): boolean => Array.isArray(x) && x.length <= 1024 && x.every(isCount);

/** What is wrong with one overlay point, or undefined (the shape of ModelOverlayPoint, lengths agreeing). */
function pointProblem(p: unknown): string | undefined {
  if (typeof p !== 'object' || p === null) return 'is not an object';
  const o = p as Record<string, unknown>;
  for (const k of ['tMs', 'line', 'observedRunqueue', 'predictedRunqueue'])
    if (!isCount(o[k])) return `.${k} must be a number >= 0`;
  for (const k of ['observedLocal', 'predictedLocal'])
    if (!isCounts(o[k])) return `.${k} must be an array of at most 1024 numbers >= 0`;
  if ((o.observedLocal as unknown[]).length !== (o.predictedLocal as unknown[]).length)
    return '.observedLocal and .predictedLocal must have the same length';
  return undefined;
}

/** Reads and checks a `report --model` overlay (the JSON `replay` produces); InputError names the first problem. */
export async function readModelOverlay(path: string): Promise<ModelOverlay> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(path, `cannot read model overlay: ${systemReason(err)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new InputError(path, `model overlay is not valid JSON: ${(err as Error).message}`);
  }
  const shape = 'model overlay must be a JSON array of { stream, run, points }';
  if (!Array.isArray(parsed)) throw new InputError(path, shape);
  parsed.forEach((r: unknown, i) => {
    if (typeof r !== 'object' || r === null) throw new InputError(path, `${shape}; [${i}] is not an object`);
    const o = r as Record<string, unknown>;
    if (typeof o.stream !== 'string') throw new InputError(path, `[${i}].stream must be a string`);
    if (!Number.isInteger(o.run) || (o.run as number) < 0)
      throw new InputError(path, `[${i}].run must be an integer >= 0`);
    if (!Array.isArray(o.points)) throw new InputError(path, `[${i}].points must be an array`);
    o.points.forEach((p: unknown, j) => {
      const problem = pointProblem(p);
      if (problem !== undefined)
        throw new InputError(path, `[${i}].points[${j}]${problem.startsWith('.') ? '' : ' '}${problem}`);
    });
  });
  return parsed as ModelOverlay;
}
