/**
 * The go command's header for a package's build output, `# import/path` or `# import/path
 * [import/path.test]` (cmd/go/internal/work, showOutput: "# " + the package's Desc()), which it
 * prints before relaying a compiler's or linker's stderr, or replaying it from the build cache.
 * The dumps after it were printed earlier, by a process that has ended: not live.
 */
const GO_BUILD_HEADER = /^# [\w.~+-]+(\/[\w.~+-]+)*( \[[\w.~+/-]+\])?$/;

/** Whether a line of other output is the go command's header for a package's build output. */
export function isGoBuildHeader(line: string): boolean {
  return GO_BUILD_HEADER.test(line);
}
