import { createRequire } from 'node:module';

/**
 * The `string-width` that the bundled CLI gives yargs' help layout (scripts/bundle-cli.mjs aliases
 * the package to this file). string-width's module builds Unicode property regexes (`\p{RGI_Emoji}`
 * with the `v` flag) when it loads, which took a fifth of every command's start-up although every
 * help cell gosched prints is printable ASCII, as wide as it is long. Anything else (a user's
 * non-ASCII file name in an error, ANSI escapes) is measured by string-width itself, loaded then.
 */
type StringWidth = (text: string, options?: object) => number;
let full: StringWidth | undefined;

export default function helpTextWidth(text: string, options?: object): number {
  if (typeof text === 'string' && /^[\x20-\x7e]*$/.test(text)) return text.length;
  // require() of an ES module: Node 20.19 and later (package.json `engines`)
  full ??= (createRequire(import.meta.url)('string-width') as { default: StringWidth }).default;
  return full(text, options);
}
