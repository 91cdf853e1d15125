import { readFileSync, writeFileSync } from 'node:fs';

/**
 * A hand-written case: a comment header, `-- log --` with the input, `-- expect --` with the
 * readable outcome. UPDATE_GOLDEN=1 rewrites the expect section (review the diff before committing).
 */
export interface Case {
  path: string;
  header: string;
  log: string;
  expect: string | undefined;
}

export function readCase(path: string): Case {
  const text = readFileSync(path, 'utf8');
  const logAt = text.indexOf('-- log --\n');
  const expectAt = text.indexOf('-- expect --\n');
  if (logAt < 0) throw new Error(`${path}: no -- log -- section`);
  const logEnd = expectAt > logAt ? expectAt : text.length;
  return {
    path,
    header: text.slice(0, logAt),
    log: text.slice(logAt + '-- log --\n'.length, logEnd),
    expect: expectAt >= 0 ? text.slice(expectAt + '-- expect --\n'.length) : undefined,
  };
}

export const updating = process.env.UPDATE_GOLDEN === '1';

export function writeCaseExpect(c: Case, expect: string): void {
  writeFileSync(c.path, `${c.header}-- log --\n${c.log}-- expect --\n${expect}`);
}
