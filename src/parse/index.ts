export { createParser, parseText, type Parser, type ParserCallbacks, type ParseResult } from './parser.js';
export { parseGcTraceLine, type GcCycle } from './gctrace-line.js';
