export { createParser, parseText, type Parser, type ParserCallbacks, type ParseResult } from './parser.js';
export { parseGcLine } from './gctrace-line.js';
