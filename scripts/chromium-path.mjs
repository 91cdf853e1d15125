// Where the headless Chromium for browser tests and scripts lives: GOSCHED_CHROMIUM when set, else the
// first Chromium or Chrome executable on PATH. No fixed location is assumed.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium executable to drive, or undefined when there is none. */
export function findChromium(env = process.env) {
  const chosen = env.GOSCHED_CHROMIUM;
  if (chosen !== undefined && chosen !== '') return isExecutableFile(chosen) ? chosen : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const name of NAMES) {
      const path = join(dir, name);
      if (isExecutableFile(path)) return path;
    }
  }
  return undefined;
}

/** Why no browser was found, for a skip line. */
export function chromiumMissing(env = process.env) {
  const chosen = env.GOSCHED_CHROMIUM;
  return chosen !== undefined && chosen !== ''
    ? `GOSCHED_CHROMIUM=${chosen} is not an executable file`
    : `no ${NAMES.join(', ')} on PATH (install Debian's chromium package, as .ci/run does, or set GOSCHED_CHROMIUM)`;
}
