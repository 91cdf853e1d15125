export { createParser, parseText, type Parser, type ParserCallbacks, type ParseResult } from './parser.js';
