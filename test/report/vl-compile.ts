/** Compiles a Vega-Lite spec the way the report's page does and collects every warning. */
import { compile, type TopLevelSpec } from 'vega-lite';

export function compileWithWarnings(spec: TopLevelSpec): { warnings: string[]; vega: unknown } {
  const warnings: string[] = [];
  const logger = {
    level(): number {
      return 0;
    },
    warn(...args: unknown[]) {
      warnings.push(args.map(String).join(' '));
      return this;
    },
    info() {
      return this;
    },
    debug() {
      return this;
    },
    error(...args: unknown[]) {
      warnings.push(`error: ${args.map(String).join(' ')}`);
      return this;
    },
  };
  // vega-lite's Logger type wants the full vega-util LoggerInterface; this collector implements what compile calls
  const result = compile(spec, { logger: logger as never });
  return { warnings, vega: result.spec };
}
