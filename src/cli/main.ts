#!/usr/bin/env node
import { keepHeapNearLiveSize } from './heap-growth.js';
import { installSignalHandlers, interruptedBy } from './interruption.js';
import { runCli } from './run-cli.js';

keepHeapNearLiveSize();
installSignalHandlers();
// Errors on stderr itself (a closed or full terminal) have nowhere to be reported.
process.stderr.on('error', () => {});
const code = await runCli(process.argv.slice(2));
// After a signal, an unfinished read of stdin would keep the process alive.
if (interruptedBy() !== undefined) process.exit(code);
process.exitCode = code;
